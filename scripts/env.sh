# Resolved configuration shared by setup, dev and test. Sourced, not run.
# Anything already set in the environment wins: point these at your own Postgres, Redis or S3.
: "${PGPORT_LOCAL:=5432}"
export DATABASE_URL_WAS_SET="${DATABASE_URL:+1}"
export REDIS_URL_WAS_SET="${REDIS_URL:+1}"
export S3_ENDPOINT_WAS_SET="${S3_ENDPOINT:+1}"
export DATABASE_URL="${DATABASE_URL:-postgres://claude_scope:claude_scope@127.0.0.1:${PGPORT_LOCAL}/claude_scope}"
export REDIS_URL="${REDIS_URL:-redis://127.0.0.1:6379}"
export S3_ENDPOINT="${S3_ENDPOINT:-http://127.0.0.1:4569}"
export S3_BUCKET="${S3_BUCKET:-claude-scope}"
export S3_REGION="${S3_REGION:-us-east-1}"
export S3_ACCESS_KEY_ID="${S3_ACCESS_KEY_ID:-S3RVER}"
export S3_SECRET_ACCESS_KEY="${S3_SECRET_ACCESS_KEY:-S3RVER}"
export S3_FORCE_PATH_STYLE="${S3_FORCE_PATH_STYLE:-true}"
export CHROMIUM_PATH="${CHROMIUM_PATH:-/usr/bin/chromium}"
# Chromium refuses to start its sandbox as root, and this machine runs tests and `make dev` as root: only then is
# the Playwright lane's browser run without it (explicitly; the worker warns at each launch). Anyone else, and the
# worker image (a non-root user), keeps the sandbox.
if [ "$(id -u)" = 0 ]; then export CHROMIUM_NO_SANDBOX="${CHROMIUM_NO_SANDBOX:-true}"; fi
