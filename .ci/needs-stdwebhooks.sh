# Sourced by .ci/run. StandardWebhooksNodeIT verifies real deliveries with the npm standardwebhooks
# package, pinned by server/src/test/node/package-lock.json: Node (>= 18) and npm from Debian when
# missing, then the exact locked packages.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "installing nodejs and npm"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q nodejs npm
fi
npm ci --prefix server/src/test/node --no-audit --no-fund
