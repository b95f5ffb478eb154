#!/usr/bin/env bash
# A throwaway Redis from the Debian package, for local mode: loopback only, its own port, no persistence (what it
# holds is rebuilt or simply expires: sessions sign in again, windows restart), working folder of its own. Runs in the
# foreground, so it stops with the AppHost; the system service is never used.
#   redis-local.sh <port> <working-dir>
set -euo pipefail

port="$1" base="$2"
server="${REDIS_SERVER_BIN:-/usr/bin/redis-server}"

if [ ! -x "$server" ]; then
  echo "Redis is not installed ($server missing): run 'apt-get install -y redis-server' or use ./run.sh" >&2
  exit 78
fi

mkdir -p "$base"
# exec: the AppHost's SIGTERM reaches redis-server itself, which shuts down at once (nothing to save).
exec "$server" --port "$port" --bind 127.0.0.1 --protected-mode yes --dir "$base" \
  --save "" --appendonly no --daemonize no --supervised no --logfile ""
