#!/usr/bin/env bash
# Brings a machine from "Node 20 + npm" to "everything Claude Scope needs is installed and running".
# Idempotent: installs only what is missing, starts only what is not already answering.
# DATABASE_URL / REDIS_URL / S3_ENDPOINT set in the environment are used as they are (nothing local is started).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
source scripts/env.sh
mkdir -p .data
log() { printf '\033[1;34m[setup]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[setup]\033[0m %s\n' "$*" >&2; exit 1; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else die "need root for: $*"; fi; }
port_open() { (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; }
wait_port() { for _ in $(seq 1 100); do port_open "$1" "$2" && return 0; sleep 0.2; done; return 1; }

# 1. System packages: only what is missing, one apt transaction.
pg_bin() { ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1; }
missing=()
[ -n "$DATABASE_URL_WAS_SET" ] || [ -n "$(pg_bin)" ] || missing+=(postgresql)
[ -n "$REDIS_URL_WAS_SET" ] || command -v redis-server >/dev/null || missing+=(redis-server)
[ -x "$CHROMIUM_PATH" ] || command -v chromium >/dev/null || missing+=(chromium)
{ [ -n "${FFMPEG_PATH:-}" ] || command -v ffmpeg >/dev/null; } || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  log "installing ${missing[*]} (apt)"
  as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. pnpm and the workspace's dependencies.
if ! command -v pnpm >/dev/null; then
  log "installing pnpm"
  npm install -g pnpm@10 >/dev/null 2>&1 || as_root npm install -g pnpm@10 >/dev/null
fi
log "installing workspace dependencies"
pnpm install --frozen-lockfile --reporter=silent

# 3. PostgreSQL: the Debian cluster, with a role and database for the service.
if [ -z "$DATABASE_URL_WAS_SET" ]; then
  if ! port_open 127.0.0.1 "$PGPORT_LOCAL"; then
    log "starting PostgreSQL"
    ver=$(basename "$(dirname "$(pg_bin)")")
    pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -q "^$ver main$" || as_root pg_createcluster "$ver" main >/dev/null
    as_root pg_ctlcluster "$ver" main start || true
    wait_port 127.0.0.1 "$PGPORT_LOCAL" || die "PostgreSQL did not start"
  fi
  psql_su() { as_root runuser -u postgres -- psql -p "$PGPORT_LOCAL" -v ON_ERROR_STOP=1 -qtA "$@"; }
  if [ "$(psql_su -c "select 1 from pg_roles where rolname='claude_scope'")" != 1 ]; then
    log "creating role claude_scope"
    psql_su -c "create role claude_scope login createdb password 'claude_scope'"
  fi
  if [ "$(psql_su -c "select 1 from pg_database where datname='claude_scope'")" != 1 ]; then
    log "creating database claude_scope"
    psql_su -c "create database claude_scope owner claude_scope"
  fi
fi

# 4. Redis, with the settings BullMQ needs (noeviction; no snapshots for a local dev store).
if [ -z "$REDIS_URL_WAS_SET" ] && ! port_open 127.0.0.1 6379; then
  log "starting Redis"
  mkdir -p .data/redis
  redis-server --daemonize yes --bind 127.0.0.1 --port 6379 --maxmemory-policy noeviction \
    --save '' --appendonly no --dir "$ROOT/.data/redis" --logfile "$ROOT/.data/redis/redis.log"
  wait_port 127.0.0.1 6379 || die "Redis did not start"
fi

# 5. S3-compatible storage: s3rver with the bucket created.
if [ -z "$S3_ENDPOINT_WAS_SET" ] && ! port_open 127.0.0.1 4569; then
  log "starting s3rver (local S3)"
  # s3rver signs list continuation tokens with DES, which OpenSSL 3 only offers through its legacy provider:
  # without it, any listing longer than one page (1000 keys) fails with InternalError.
  S3RVER_DIR="$ROOT/.data/s3" nohup node --openssl-legacy-provider scripts/s3rver.mjs >.data/s3rver.log 2>&1 &
  wait_port 127.0.0.1 4569 || { cat .data/s3rver.log; die "s3rver did not start"; }
fi

# 6. Schema.
log "applying migrations"
pnpm --silent migrate
log "ready: Postgres, Redis and S3 are up"
