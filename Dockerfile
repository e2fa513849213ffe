# The Frontdesk server as an image: built from the packages' tarballs (exactly what the registry ships),
# run as the unprivileged `node` user with its data in /data.
#   docker build -t frontdesk-server .
#   docker run -p 4310:4310 -v frontdesk-data:/data frontdesk-server
# Node 22: the client's HTTP library (ky 2) asks for it.

FROM node:22-bookworm-slim AS build
WORKDIR /src
RUN npm install --global pnpm@10.34.9
COPY . .
RUN pnpm install --frozen-lockfile \
  && mkdir /packs \
  && for name in protocol client widget admin server; do pnpm --dir "packages/$name" pack --pack-destination /packs; done

FROM node:22-bookworm-slim AS runtime
ENV NODE_ENV=production \
  HOST=0.0.0.0 \
  PORT=4310 \
  DATA_DIR=/data
WORKDIR /app
COPY --from=build /packs /packs
RUN npm install --omit=dev --no-audit --no-fund /packs/*.tgz \
  && rm -rf /packs /root/.npm \
  && mkdir -p /data \
  && chown node:node /data
USER node
VOLUME /data
EXPOSE 4310
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
  CMD node -e "fetch('http://127.0.0.1:'+(process.env.PORT||4310)+'/healthz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "node_modules/@frontdesk/server/dist/cli.js", "start"]
