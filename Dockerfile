# The jmeg worker image. Debian slim, not Alpine: the Temporal SDK's native module needs glibc.
FROM node:22-bookworm-slim

ENV TZ=UTC
WORKDIR /app

COPY package.json package-lock.json ./
# Production dependencies only: @temporalio/testing (a local dev server) is never used when TEMPORAL_ADDRESS is set.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force

COPY . .
# The compiled CLI (dist/), so that the container starts without compiling TypeScript.
RUN node scripts/build-cli.mjs
RUN mkdir -p /data && chown node:node /data
VOLUME /data
USER node

# The runtime stops on SIGTERM (docker stop): polling ends, running tasks finish, the process exits 0.
CMD ["node", "bin/jmeg.js", "worker"]
