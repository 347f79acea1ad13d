# One image for every way newsdesk runs: gateway bot, sharded bot, HTTP interactions replica.
# The environment chooses at `docker run` (README, "Scaling"); no secrets are baked in.
FROM node:20-slim

WORKDIR /app

# Dependencies first, so a code change does not reinstall them. --ignore-scripts: the
# `prepare` build needs the sources, which are copied next.
COPY package.json package-lock.json ./
RUN npm ci --ignore-scripts

COPY . .
RUN npm run build && mkdir -p data && chown node:node data

USER node
# Used only when INTERACTIONS_PORT=8080 is set.
EXPOSE 8080
CMD ["npm", "start"]
