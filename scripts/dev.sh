#!/usr/bin/env bash
# Sets up the machine (see setup.sh), then runs the whole service: API + worker with live reload, and the
# web app built and served by the API at /. Ctrl-C stops everything it started.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
source scripts/env.sh

# A stable local JWT secret, created once (never committed: .data/ is ignored).
if [ -z "${JWT_SECRET:-}" ]; then
  [ -s .data/jwt-secret ] || head -c 48 /dev/urandom | base64 | tr -d '\n' > .data/jwt-secret
  JWT_SECRET=$(cat .data/jwt-secret)
fi
export JWT_SECRET
export PORT="${PORT:-3000}"
export LOG_LEVEL="${LOG_LEVEL:-info}"
# Local development records local apps: let the Playwright lane open localhost (production denies it).
export PLAYWRIGHT_ALLOW_PRIVATE="${PLAYWRIGHT_ALLOW_PRIVATE:-true}"
export WORKER_HEALTH_PORT="${WORKER_HEALTH_PORT:-9464}"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

# The API serves the built web app at / (services/web/dist); the Vite dev server is there for live reload.
if [ -f services/web/package.json ]; then
  if pnpm --filter @claude-scope/web run build >.data/web-build.log 2>&1; then
    echo "[dev] web app built"
  else
    echo "[dev] web app build failed (see .data/web-build.log); the API runs without it" >&2
  fi
fi
(cd services/api && exec pnpm exec tsx watch --conditions=source src/server.ts) & pids+=($!)
(cd services/worker && exec pnpm exec tsx watch --conditions=source src/main.ts) & pids+=($!)

for _ in $(seq 1 120); do
  curl -fsS "http://127.0.0.1:$PORT/api/health" >/dev/null 2>&1 && break
  sleep 0.5
done
cat <<MSG

  Claude Scope is running
    Web app  http://localhost:$PORT/      (the build; for live reload run
             pnpm --filter @claude-scope/web dev  →  http://localhost:5173, /api proxied here)
    API      http://localhost:$PORT/api   (docs: http://localhost:$PORT/api/docs)
    Worker   health on http://localhost:$WORKER_HEALTH_PORT/health

  Get a token:
    curl -s -X POST http://localhost:$PORT/api/auth/signup -H 'content-type: application/json' \\
      -d '{"name":"Me","email":"me@example.com","password":"change-me-please"}'

MSG
wait
