#!/usr/bin/env bash
# Sets up what the suite needs (see setup.sh), then typechecks and runs every test against real services.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh
echo "[test] typecheck"
pnpm --silent turbo run typecheck --output-logs=errors-only
echo "[test] vitest"
pnpm exec vitest run "$@"
