#!/usr/bin/env bash
# A throwaway RabbitMQ broker from the Debian package, for local mode: its own node name, ports,
# epmd and data folder, so several can run side by side. Stops the broker and its epmd on
# SIGTERM/SIGINT, so nothing is left behind when the AppHost stops.
#   rabbitmq-local.sh <amqp-port> <dist-port> <epmd-port> <data-dir>
set -euo pipefail

port="$1" dist_port="$2" epmd_port="$3" base="$4"
server="${RABBITMQ_SERVER_BIN:-/usr/lib/rabbitmq/bin/rabbitmq-server}"

if [ ! -x "$server" ]; then
  echo "RabbitMQ is not installed ($server missing): run 'apt-get install -y rabbitmq-server' or use ./run.sh" >&2
  exit 78
fi

mkdir -p "$base/mnesia" "$base/log"
printf '[].\n' > "$base/enabled_plugins"
cat > "$base/rabbitmq.conf" <<CONF
loopback_users = none
listeners.tcp.default = 127.0.0.1:$port
CONF

export HOME="$base"
export RABBITMQ_NODENAME="rabbit_${port}@localhost"
export RABBITMQ_NODE_IP_ADDRESS=127.0.0.1
export RABBITMQ_NODE_PORT="$port"
export RABBITMQ_DIST_PORT="$dist_port"
export ERL_EPMD_PORT="$epmd_port"
export RABBITMQ_MNESIA_BASE="$base/mnesia"
export RABBITMQ_LOG_BASE="$base/log"
export RABBITMQ_LOGS=-
export RABBITMQ_ENABLED_PLUGINS_FILE="$base/enabled_plugins"
export RABBITMQ_CONFIG_FILE="$base/rabbitmq.conf"
export RABBITMQ_PID_FILE="$base/rabbitmq.pid"

# Our own epmd in the foreground (not the daemon erl would start), so it belongs to this script and
# goes when the script's process group is stopped, even by a SIGKILL.
epmd -port "$epmd_port" -address 127.0.0.1 &
epmd_pid=$!

stopping=0
stop() {
  [ "$stopping" = 1 ] && return
  stopping=1
  echo "stopping RabbitMQ node $RABBITMQ_NODENAME"
  # SIGTERM makes the Erlang VM stop the broker gracefully, and costs no second VM start-up as
  # rabbitmqctl would: an orchestrator may not wait long.
  kill -TERM "$broker" 2>/dev/null || true
  wait "$broker" 2>/dev/null || true
  kill -TERM "$epmd_pid" 2>/dev/null || true
  wait "$epmd_pid" 2>/dev/null || true
}
trap stop TERM INT HUP

"$server" &
broker=$!
wait "$broker" || true
stop
