# cometly-emulator: the emulated Cometly public API in a container.
#   docker build -t cometly-emulator .
#   docker run --rm -p 127.0.0.1:4010:4010 -v cometly-data:/data cometly-emulator
# Kept to Dockerfile features the legacy builder also has (no cache mounts, no heredocs), so the same file
# builds with `docker build`, BuildKit and docker-compose v1.

# Build stage: the bundle (esbuild) and better-sqlite3's native addon. About 1 GB with the compiler and the dev
# dependencies; the legacy builder keeps it as an untagged image, labelled so that
#   docker image prune -f --filter label=cometly-emulator.stage=build
# removes it (docs/docker.md).
FROM node:22-slim AS build
LABEL cometly-emulator.stage=build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
COPY scripts/bundle.ts scripts/precompile-validators.ts scripts/build-inspector.ts scripts/warm-code-cache.mjs \
     scripts/healthcheck.sh ./scripts/
COPY src ./src
COPY migrations ./migrations
# The runtime, gathered in /runtime: the bundle (dist/bin, with pino-pretty and Swagger UI in files of their own
# beside it), Swagger UI's files (dist/swagger-ui), the inspector's page (dist/inspector), the V8 code cache of a
# first run (so a container's first start is as fast as the next), and of node_modules only what stays outside
# the bundle: better-sqlite3's addon, with its package.json, by which the emulator finds it (its JavaScript is in
# the bundle, and opens the addon by path: src/db/connection.ts).
RUN npm run bundle \
 && npm run bundle:inspector \
 && node scripts/warm-code-cache.mjs \
 && mkdir -p /runtime/node_modules/better-sqlite3/build/Release \
 && cp -r dist package.json scripts/healthcheck.sh /runtime/ \
 && cp node_modules/better-sqlite3/package.json /runtime/node_modules/better-sqlite3/ \
 && cp node_modules/better-sqlite3/build/Release/better_sqlite3.node /runtime/node_modules/better-sqlite3/build/Release/

# Runtime stage: node and /runtime, nothing installed (no compiler, no npm cache, no test code).
FROM node:22-slim
# The version label follows package.json (a test checks it); SOURCE is the repository's URL, given at build time
# (docker build --build-arg SOURCE=https://...), since the repository does not record one.
ARG VERSION=0.1.0
ARG SOURCE=""
LABEL org.opencontainers.image.title="cometly-emulator" \
      org.opencontainers.image.description="A local, stateful, high-fidelity emulator of Cometly's public REST API" \
      org.opencontainers.image.version="$VERSION" \
      org.opencontainers.image.licenses="MIT" \
      org.opencontainers.image.source="$SOURCE"
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    COMETLY_EMULATOR_DATABASE=/data/cometly-emulator.sqlite
WORKDIR /app
COPY --from=build /runtime ./
# A named volume starts as a copy of this folder, so it is owned by node too.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 4010
# bash probes the health route on the container's own address (scripts/healthcheck.sh): no node process per probe.
HEALTHCHECK --interval=4s --timeout=3s --start-period=10s --retries=3 CMD ["bash", "/app/healthcheck.sh"]
# Exec form, no shell: node is PID 1 and receives SIGTERM itself, closes the server and exits 0.
CMD ["node", "dist/bin/cli.js"]
