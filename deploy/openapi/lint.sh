#!/usr/bin/env bash
# Lints docs/openapi.yaml with Redocly CLI (rules: redocly.yaml at the repository root; the one
# accepted finding is in .redocly.lint-ignore.yaml). recommended-strict: every finding is an error.
# Needs Node 20+ and npm; npx fetches the pinned CLI from the npm registry on first use.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

REDOCLY_CLI_VERSION=2.77.0
exec npx --yes "@redocly/cli@${REDOCLY_CLI_VERSION}" lint --max-problems 200 \
  --format stylish docs/openapi.yaml "$@"
