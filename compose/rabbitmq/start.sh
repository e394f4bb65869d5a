#!/bin/sh
# docker-compose.yml's rabbitmq container: the image's own entry point, and once the broker is up,
# one broker user per split deployable (deploy/rabbitmq/provision.sh, docs/adr/0038). The container
# is healthy only when they are provisioned (the healthcheck looks for the marker file).
set -eu
rm -f /tmp/orderly-provisioned
(
  rabbitmqctl -q await_startup --timeout 300 \
    && sh /orderly/provision.sh \
    && touch /tmp/orderly-provisioned
) &
exec docker-entrypoint.sh rabbitmq-server
