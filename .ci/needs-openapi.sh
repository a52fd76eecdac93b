# Sourced by .ci/run before the Maven build. Lints docs/openapi.yaml with Redocly CLI, which needs
# Node.js 20.19+ (or 22.12+) and npm: this kind of machine has them, and Debian 12's own nodejs (18)
# is too old for the pinned CLI, so a missing or old Node is a clear failure, not an install. Makes
# sure php is there for the build's check of the generated PHP client.
node_major=$(node --version 2>/dev/null | sed -E 's/^v([0-9]+).*/\1/')
if ! command -v npx >/dev/null || [ -z "$node_major" ] || [ "$node_major" -lt 20 ]; then
  echo "the OpenAPI lint needs Node.js 20.19+ and npm (found: $(node --version 2>/dev/null || echo none))" >&2
  exit 1
fi
# The build checks that the PHP client a shop generates parses (php -l): Debian's php-cli.
if ! command -v php >/dev/null; then
  echo "installing php-cli"
  apt-get update -q
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q php-cli
fi
echo "linting docs/openapi.yaml"
deploy/openapi/lint.sh
