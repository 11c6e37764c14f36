#!/usr/bin/env bash
# Makes a RabbitMQ node for the local Fiks IO emulator available and prints, as its last line, the
# broker URL to give `fiks-io-emulator start --broker`.
#
# The node runs beside the machine's own RabbitMQ, which it leaves untouched: node name
# fiksio@localhost, AMQP on 127.0.0.1:5673, AMQPS on 127.0.0.1:5674, distribution port 25674,
# config, data and logs in /var/lib/rabbitmq/fiks-io-emulator (owned by the rabbitmq user). Its
# configuration is harness/rabbitmq/ (rabbitmq.conf, enabled_plugins): RabbitMQ's internal users
# first, then the HTTP auth back end that asks the emulators (127.0.0.1:15690). The first run
# generates a development CA and a server certificate for localhost and 127.0.0.1 in
# /var/lib/rabbitmq/fiks-io-emulator/tls (ca.pem; ca-truststore.p12 for Java, password changeit,
# when a JDK's keytool is installed).
#
# Idempotent: a node already listening is left as it is. Run as root (or as the rabbitmq user) on
# a machine with RabbitMQ installed (Debian's rabbitmq-server 3.10 or later).
#   --stop   stops the node (and prints nothing else)
set -euo pipefail

REPO="$(cd "$(dirname "$0")/.." && pwd)"
STATE=/var/lib/rabbitmq/fiks-io-emulator
NODE=fiksio@localhost
AMQP_PORT=5673
AMQPS_PORT=5674
DIST_PORT=25674
BROKER_URL="amqp://127.0.0.1:${AMQP_PORT}"
RABBITMQ_BIN=/usr/lib/rabbitmq/bin

fail() {
  echo "setup-rabbitmq: $1: $2" >&2
  exit 1
}
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

[ -x "$RABBITMQ_BIN/rabbitmq-server" ] ||
  fail RABBITMQ_NOT_INSTALLED "$RABBITMQ_BIN/rabbitmq-server is missing; install rabbitmq-server (apt-get install rabbitmq-server) or use harness/rabbitmq/compose.yaml"
getent passwd rabbitmq >/dev/null || fail RABBITMQ_USER_MISSING "the system user rabbitmq does not exist"

as_rabbitmq() {
  local env=(HOME=/var/lib/rabbitmq RABBITMQ_CONF_ENV_FILE="$STATE/rabbitmq-env.conf")
  if [ "$(id -un)" = rabbitmq ]; then
    env "${env[@]}" "$@"
  elif [ "$(id -u)" = 0 ]; then
    runuser -u rabbitmq -- env "${env[@]}" "$@"
  else
    fail NOT_ROOT "run as root or as the rabbitmq user (the node's files belong to rabbitmq)"
  fi
}

if [ "${1:-}" = --stop ]; then
  port_open "$AMQP_PORT" || exit 0
  as_rabbitmq "$RABBITMQ_BIN/rabbitmqctl" -n "$NODE" stop >/dev/null
  exit 0
fi

if port_open "$AMQP_PORT"; then
  echo "setup-rabbitmq: a broker already listens on 127.0.0.1:${AMQP_PORT}; left as it is" >&2
  echo "$BROKER_URL"
  exit 0
fi

[ "$(id -u)" = 0 ] || [ "$(id -un)" = rabbitmq ] ||
  fail NOT_ROOT "run as root or as the rabbitmq user (the node's files belong to rabbitmq)"
for port in "$AMQPS_PORT" "$DIST_PORT"; do
  port_open "$port" && fail PORT_TAKEN "127.0.0.1:$port is taken by another program; the emulator's node needs it"
done

install -d -o rabbitmq -g rabbitmq -m 0755 "$STATE" "$STATE/tls"
install -d -o rabbitmq -g rabbitmq -m 0750 "$STATE/mnesia" "$STATE/log"

# The development CA and the broker's certificate (kept across runs: clients may trust the CA).
sh "$REPO/harness/rabbitmq/make-dev-tls.sh" "$STATE/tls" ||
  fail TLS_FILES_FAILED "the development CA could not be written to $STATE/tls"
chown -R rabbitmq:rabbitmq "$STATE/tls"

install -o rabbitmq -g rabbitmq -m 0644 "$REPO/harness/rabbitmq/rabbitmq.conf" "$STATE/rabbitmq.conf"
install -o rabbitmq -g rabbitmq -m 0644 "$REPO/harness/rabbitmq/enabled_plugins" "$STATE/enabled_plugins"
cat >"$STATE/rabbitmq-env.conf" <<EOF
# Written by scripts/setup-rabbitmq.sh: the Fiks IO emulator's node, beside the machine's own.
NODENAME=$NODE
CONFIG_FILE=$STATE/rabbitmq.conf
ENABLED_PLUGINS_FILE=$STATE/enabled_plugins
MNESIA_BASE=$STATE/mnesia
LOG_BASE=$STATE/log
PID_FILE=$STATE/$NODE.pid
DIST_PORT=$DIST_PORT
ERL_EPMD_ADDRESS=127.0.0.1
export ERL_FLAGS="-kernel inet_dist_use_interface {127,0,0,1}"
EOF
chown rabbitmq:rabbitmq "$STATE/rabbitmq-env.conf"

(cd /var/lib/rabbitmq && as_rabbitmq "$RABBITMQ_BIN/rabbitmq-server" -detached) ||
  fail NODE_START_FAILED "rabbitmq-server did not start; see $STATE/log"
for _ in $(seq 1 90); do
  port_open "$AMQP_PORT" && break
  sleep 1
done
port_open "$AMQP_PORT" || fail NODE_START_FAILED "the node did not listen on 127.0.0.1:${AMQP_PORT} within 90 s; see $STATE/log"
echo "setup-rabbitmq: node $NODE: AMQP 127.0.0.1:${AMQP_PORT}, AMQPS 127.0.0.1:${AMQPS_PORT} (CA $STATE/tls/ca.pem)" >&2
echo "$BROKER_URL"
