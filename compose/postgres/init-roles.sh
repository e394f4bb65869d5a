#!/bin/sh
# docker-compose.yml's postgres container runs this once, when it initialises an empty volume
# (/docker-entrypoint-initdb.d): the migration role and a runtime role per deployable, from
# deploy/postgres/roles.sql (docs/adr/0038). For a volume made before the roles existed:
#   docker compose exec postgres sh /docker-entrypoint-initdb.d/10-orderly-roles.sh
set -eu
psql -v ON_ERROR_STOP=1 -q -X --username "${POSTGRES_USER:-orderly}" --dbname "${POSTGRES_DB:-orderly}" \
  -v migrator_password="$ORDERLY_DATABASE_MIGRATION_PASSWORD" \
  -v monolith_password="$ORDERLY_DATABASE_MONOLITH_PASSWORD" \
  -v api_password="$ORDERLY_DATABASE_API_PASSWORD" \
  -v notifications_password="$ORDERLY_DATABASE_NOTIFICATIONS_PASSWORD" \
  -f /orderly/roles.sql
