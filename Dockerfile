# VidStream: one image for every role (`api`, `worker`, `all`, `migrate`, `healthcheck`).
#   docker build -t vidstream .
#   docker run -p 8080:8080 -v vidstream:/data vidstream        # the whole platform on embedded defaults
# Layers are ordered so that a code change rebuilds from the sources on, never the dependencies.
ARG NODE_IMAGE=node:22-bookworm-slim

# ---- build: every dependency, then the server (tsc) and the web app (Vite)
FROM ${NODE_IMAGE} AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.base.json ./
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
COPY deploy/package.json deploy/
# The build needs the root's tools (TypeScript) and the two packages it builds, not the test suites'.
RUN npm ci --workspace=server --workspace=client --include-workspace-root --no-audit --no-fund --loglevel=error
COPY server/tsconfig.json server/tsconfig.build.json server/
COPY server/src server/src
COPY client client
RUN npm run build

# ---- the server's production dependencies only (no web app sources, no test tools)
FROM ${NODE_IMAGE} AS dependencies
WORKDIR /app
COPY package.json package-lock.json ./
COPY server/package.json server/
COPY client/package.json client/
COPY e2e/package.json e2e/
COPY deploy/package.json deploy/
RUN npm ci --omit=dev --workspace=server --no-audit --no-fund --loglevel=error

# ---- runtime: Debian's ffmpeg (only what it links), the built app, an unprivileged user
FROM ${NODE_IMAGE}
COPY deploy/image/install-ffmpeg.sh /tmp/
RUN bash /tmp/install-ffmpeg.sh && rm /tmp/install-ffmpeg.sh
# A numeric user needs no passwd entry; /data is its embedded database, storage and session secret.
RUN mkdir -p /data && chown 10001:10001 /data
ENV NODE_ENV=production DATA_DIR=/data HOST=0.0.0.0 PORT=8080 HOME=/tmp
WORKDIR /app
COPY --from=dependencies /app/node_modules node_modules
COPY package.json ./
COPY server/package.json server/
COPY --from=build /app/server/dist server/dist
COPY --from=build /app/client/dist client/dist
USER 10001:10001
VOLUME /data
EXPOSE 8080
# Liveness: the process answers /healthz. Readiness (/readyz) is for load balancers, which stop sending
# requests; a failed HEALTHCHECK gets a container replaced, which a database outage must not cause.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["node", "/app/server/dist/main.js", "healthcheck"]
ENTRYPOINT ["node", "/app/server/dist/main.js"]
CMD ["all"]
