# cometly-emulator: the emulated Cometly public API in a container.
#   docker build -t cometly-emulator .
#   docker run --rm -p 127.0.0.1:4010:4010 -v cometly-data:/data cometly-emulator
# Kept to Dockerfile features the legacy builder also has (no cache mounts, no heredocs), so the same file
# builds with `docker build`, BuildKit and docker-compose v1.

# Build stage: compiles the TypeScript and better-sqlite3's native addon, then drops the dev dependencies.
FROM node:22-slim AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends python3 make g++ \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY migrations ./migrations
# The inspector's page is bundled by this script into dist/inspector (served by the runtime stage from dist).
COPY scripts/build-inspector.ts ./scripts/
# Pruning (rather than a second `npm ci --omit=dev`) keeps the addon compiled once. Its build leaves C sources,
# object files and the SQLite amalgamation behind (tens of MB); only build/Release/better_sqlite3.node is
# loaded at run time.
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund \
 && cd node_modules/better-sqlite3 \
 && find build -mindepth 1 -maxdepth 2 ! -path build/Release ! -path build/Release/better_sqlite3.node -exec rm -rf {} + \
 && rm -rf deps src

# Runtime stage: node, the compiled emulator, its production dependencies and package.json (read for the
# version). The migrations are compiled into dist/migrations. No compiler; nothing is installed here, so there
# is no npm cache either (the build stage's stays behind with that stage).
FROM node:22-slim
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=4010 \
    COMETLY_EMULATOR_DATABASE=/data/cometly-emulator.sqlite
WORKDIR /app
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# A named volume starts as a copy of this folder, so it is owned by node too.
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node
EXPOSE 4010
# node itself probes the health route (the image has no curl), on 127.0.0.1: HOST must include the loopback,
# as 0.0.0.0 does.
HEALTHCHECK --interval=2s --timeout=3s --start-period=30s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||4010)+'/_emulator/health').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Exec form, no shell: node is PID 1 and receives SIGTERM itself, closes the server and exits 0. The
# command is the bundle (one file for the emulator's code and its pure-JS dependencies; see package.json).
CMD ["node", "dist/bin/cli.js"]
