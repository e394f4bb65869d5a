-- Least privilege in the database (docs/adr/0038): one role that migrates, one runtime role per
-- deployable, each runtime role reaching only the schemas of the modules it runs, with DML only.
--
-- Run once per database, as a superuser (or the database's owner with CREATEROLE), before the first
-- instance starts, and again whenever a module (a schema) is added; it is idempotent and sets the
-- passwords it is given:
--   psql -v ON_ERROR_STOP=1 -d orderly \
--        -v migrator_password=… -v monolith_password=… -v api_password=… -v notifications_password=… \
--        -f deploy/postgres/roles.sql
-- docker-compose.yml runs it through compose/postgres/init-roles.sh on the first start of its volume.
-- Optional: -v prefix=… (default orderly) names the roles <prefix>_migrator, <prefix>_monolith,
-- <prefix>_api, <prefix>_notifications and the NOLOGIN groups <prefix>_data_<schema>.
--
-- The roles:
--   <prefix>_migrator       owns every module's schema and what the migrations create in it; the
--                           instances' Flyway connects as it (ORDERLY_DATABASE_MIGRATION_USERNAME).
--   <prefix>_monolith       runtime role of the single process: every module.
--   <prefix>_api            runtime role of the split API deployable (users, auth, orders).
--   <prefix>_notifications  runtime role of the split notifications deployable: never auth's tables
--                           (auth.signing_keys), users' or orders'.
-- webhooks and audit run in every process (ADR 0037, ADR 0039) and the platform's tables (public: the event publication
-- registry, the rate-limit buckets, Flyway's history tables) are used by every instance.
\set ON_ERROR_STOP on
\if :{?prefix}
\else
  \set prefix orderly
\endif
\set migrator :prefix _migrator
\set monolith :prefix _monolith
\set api :prefix _api
\set notifications :prefix _notifications
\set data :prefix _data_

-- The module schemas and which runtime role reaches which; a new module adds its row here
-- (DatabaseRolesTests fails while a migration folder has none).
CREATE TEMPORARY TABLE orderly_schema_access (schema_name text, runtime_role text) ON COMMIT PRESERVE ROWS;
INSERT INTO orderly_schema_access VALUES
  ('public',        :'monolith'), ('public',        :'api'), ('public', :'notifications'),
  ('users',         :'monolith'), ('users',         :'api'),
  ('auth',          :'monolith'), ('auth',          :'api'),
  ('orders',        :'monolith'), ('orders',        :'api'),
  ('notifications', :'monolith'), ('notifications', :'notifications'),
  ('webhooks',      :'monolith'), ('webhooks',      :'api'), ('webhooks', :'notifications'),
  ('audit',         :'monolith'), ('audit',         :'api'), ('audit',    :'notifications');

-- Roles: created when missing, their attributes and passwords (re)set on every run.
SELECT format('CREATE ROLE %I', name)
FROM (SELECT :'migrator' UNION SELECT :'monolith' UNION SELECT :'api' UNION SELECT :'notifications'
      UNION SELECT :'data' || schema_name FROM orderly_schema_access) AS roles(name)
WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = name) \gexec
ALTER ROLE :"migrator" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'migrator_password';
ALTER ROLE :"monolith" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'monolith_password';
ALTER ROLE :"api" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'api_password';
ALTER ROLE :"notifications" WITH LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION PASSWORD :'notifications_password';
SELECT format('ALTER ROLE %I WITH NOLOGIN', :'data' || schema_name) FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s \gexec

-- The migrator: connects, creates schemas (a new module's V1), owns the module schemas and creates
-- the platform's tables and Flyway's history tables in public.
SELECT format('GRANT CONNECT, CREATE ON DATABASE %I TO %I', current_database(), :'migrator') \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I, %I', current_database(), :'monolith', :'api', :'notifications') \gexec
GRANT CREATE ON SCHEMA public TO :"migrator";
SELECT format('CREATE SCHEMA IF NOT EXISTS %I AUTHORIZATION %I', schema_name, :'migrator')
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access WHERE schema_name <> 'public') s \gexec
SELECT format('ALTER SCHEMA %I OWNER TO %I', schema_name, :'migrator')
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access WHERE schema_name <> 'public') s \gexec

-- A database migrated before these roles existed: its tables (those of the module schemas, and the
-- platform's and Flyway's in public) pass to the migrator, whose later migrations alter them. The
-- database is Orderly's own: nothing else is expected in public.
SELECT format('ALTER TABLE %I.%I OWNER TO %I', schemaname, tablename, :'migrator')
FROM pg_tables
WHERE schemaname IN (SELECT schema_name FROM orderly_schema_access) AND tableowner <> :'migrator'
  AND tablename <> 'orderly_schema_access' \gexec

-- One NOLOGIN group per schema: USAGE and DML on its tables (those there now and, through the
-- default privileges, every table a later migration of the migrator creates), nothing else (no
-- CREATE, no TRUNCATE, no REFERENCES, no TRIGGER).
SELECT format('GRANT USAGE ON SCHEMA %I TO %I', schema_name, :'data' || schema_name)
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s \gexec
SELECT format('GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA %I TO %I', schema_name, :'data' || schema_name)
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s \gexec
SELECT format('GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA %I TO %I', schema_name, :'data' || schema_name)
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO %I',
              :'migrator', schema_name, :'data' || schema_name)
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s \gexec
SELECT format('ALTER DEFAULT PRIVILEGES FOR ROLE %I IN SCHEMA %I GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO %I',
              :'migrator', schema_name, :'data' || schema_name)
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s \gexec

-- Each runtime role is a member of the groups of its schemas, and of no other.
SELECT format('GRANT %I TO %I', :'data' || schema_name, runtime_role) FROM orderly_schema_access \gexec
SELECT format('REVOKE %I FROM %I', :'data' || s.schema_name, r.runtime_role)
FROM (SELECT DISTINCT schema_name FROM orderly_schema_access) s
CROSS JOIN (SELECT DISTINCT runtime_role FROM orderly_schema_access) r
WHERE NOT EXISTS (SELECT FROM orderly_schema_access a WHERE a.schema_name = s.schema_name AND a.runtime_role = r.runtime_role)
  AND pg_has_role(r.runtime_role, :'data' || s.schema_name, 'MEMBER') \gexec

DROP TABLE orderly_schema_access;
