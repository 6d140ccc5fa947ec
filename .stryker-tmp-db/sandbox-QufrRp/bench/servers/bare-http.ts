// @ts-nocheck
// Baseline for cold start: the least a Node HTTP server can do. Answers every request with a fixed 201.
import { createServer } from 'node:http'

const BODY = '{"id":1,"emails":["a@example.com"],"phones":[],"names":[],"locations":[]}'

createServer((request, response) => {
  request.resume()
  request.on('end', () => {
    response.writeHead(201, { 'content-type': 'application/json; charset=utf-8' })
    response.end(BODY)
  })
}).listen(Number(process.env.PORT ?? 0), '127.0.0.1')
