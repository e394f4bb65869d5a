#!/bin/sh
# One broker user per split deployable, each with only the permissions it needs (docs/adr/0034, 0038):
#   API (users, auth, orders): declares the events exchange and its alternate exchange, publishes to
#     the exchange; consumes nothing. Read on the two exchanges only because RabbitMQ asks for it to
#     declare an exchange with an alternate exchange and to bind the unrouted queue; read on a queue
#     (consuming) only for orderly.events.unrouted, which holds what nobody consumes.
#   notifications: declares and consumes its queue, declares its dead-letter and retry queues and its
#     revocation queues, binds them to the exchange (read on the exchange), publishes nothing to the
#     exchange: only to its retry queue, through the default exchange (amq.default). Read on the retry
#     queue because RabbitMQ asks for it to declare a queue with a dead-letter exchange.
# Both also declare the exchange (every split instance does, whichever starts first).
#
# Idempotent: the virtual host, the two users (no tags) and their permissions, as RabbitMQ definitions
# imported in one `rabbitmqctl import_definitions` (the definitions, passwords included, go through
# standard input: never on a command line, never in a file). Run where rabbitmqctl reaches the broker's
# node: docker-compose.yml runs it inside the rabbitmq container (compose/rabbitmq/start.sh); on a
# broker of your own, run it there with the same variables (or load the printed definitions with
# ORDERLY_RABBITMQ_DEFINITIONS_ONLY=true into the management UI / your operator).
set -eu

vhost="${ORDERLY_RABBITMQ_VHOST:-orderly}"
exchange="${ORDERLY_SPLIT_EXCHANGE:-orderly.events}"
queue="${ORDERLY_SPLIT_NOTIFICATIONS_QUEUE:-orderly.notifications}"
api_user="${ORDERLY_RABBITMQ_API_USERNAME:-orderly-api}"
notifications_user="${ORDERLY_RABBITMQ_NOTIFICATIONS_USERNAME:-orderly-notifications}"
: "${ORDERLY_RABBITMQ_API_PASSWORD:?set ORDERLY_RABBITMQ_API_PASSWORD}"
: "${ORDERLY_RABBITMQ_NOTIFICATIONS_PASSWORD:?set ORDERLY_RABBITMQ_NOTIFICATIONS_PASSWORD}"

# a name as a regular expression (dots and the like literal), then as a JSON string's content
regex() { printf '%s' "$1" | sed 's/[].[^$*+?(){}|\\]/\\&/g'; }
json() { printf '%s' "$1" | sed 's/\\/\\\\/g; s/"/\\"/g'; }
e=$(regex "$exchange")
q=$(regex "$queue")

definitions() {
  cat <<JSON
{
  "vhosts": [{"name": "$(json "$vhost")"}],
  "users": [
    {"name": "$(json "$api_user")", "password": "$(json "$ORDERLY_RABBITMQ_API_PASSWORD")", "tags": []},
    {"name": "$(json "$notifications_user")", "password": "$(json "$ORDERLY_RABBITMQ_NOTIFICATIONS_PASSWORD")", "tags": []}
  ],
  "permissions": [
    {"user": "$(json "$api_user")", "vhost": "$(json "$vhost")",
     "configure": "$(json "^($e|$e\.unrouted)\$")",
     "write": "$(json "^($e|$e\.unrouted)\$")",
     "read": "$(json "^($e|$e\.unrouted)\$")"},
    {"user": "$(json "$notifications_user")", "vhost": "$(json "$vhost")",
     "configure": "$(json "^($e|$e\.unrouted|$q|$q\.dlq|$q\.retry|$e\.revocations\..+)\$")",
     "write": "$(json "^($e\.unrouted|$q|$e\.revocations\..+|amq\.default)\$")",
     "read": "$(json "^($e|$e\.unrouted|$q|$q\.retry|$e\.revocations\..+)\$")"}
  ]
}
JSON
}

if [ "${ORDERLY_RABBITMQ_DEFINITIONS_ONLY:-false}" = true ]; then
  definitions
else
  definitions | rabbitmqctl -q import_definitions
fi
