-- Seeds the benchmark database in bulk (INSERT ... SELECT generate_series; no HTTP per row).
-- Run by run.sh with psql variables:
--   hash    the password hash of the known benchmark password, computed once by the app's own
--           encoder (run.sh registers one user through the API and copies its hash)
--   users   number of users (the first 10 are admins), default 1000
--   orders  number of orders (each with 2 lines), default 1000000
--   products number of products in the price list, default 1000
-- Every module's tables are written here only because this is a test fixture: the application
-- itself never reads across schemas.
\set ON_ERROR_STOP on
SET synchronous_commit = off;
SET maintenance_work_mem = '256MB';
-- The data is consistent by construction: skip the per-row foreign-key triggers (superuser only;
-- run.sh connects as the database owner/superuser of a throw-away database).
SET session_replication_role = replica;

-- Time-ordered ids (UUIDv7 layout: 48-bit unix millis, version 7, variant 10, pseudo-random rest).
CREATE FUNCTION pg_temp.uuid7(ts timestamptz, seed text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
  SELECT (lpad(to_hex(floor(extract(epoch FROM ts) * 1000)::bigint), 12, '0')
          || '7' || substr(md5(seed), 1, 3)
          || substr('89ab', 1 + (ascii(substr(md5(seed), 4, 1)) % 4), 1)
          || substr(md5(seed), 5, 15))::uuid
$$;
-- A product's price in cents: deterministic so that order totals can be computed in SQL.
CREATE FUNCTION pg_temp.price(p int) RETURNS bigint LANGUAGE sql IMMUTABLE AS $$
  SELECT (100 + (p * 37) % 9900)::bigint
$$;

\echo seeding products
INSERT INTO orders.products (id, sku, name, unit_price, currency, active, created_at, updated_at)
SELECT pg_temp.uuid7(t, 'p' || p), 'BENCH-' || lpad(p::text, 5, '0'), 'Benchmark product ' || p,
       pg_temp.price(p), 'EUR', true, t, t
FROM generate_series(1, :products) AS p,
     LATERAL (SELECT timestamptz '2025-01-01 00:00:00Z' + p * interval '1 minute' AS t) AS times;

\echo seeding users
CREATE TEMP TABLE bench_users AS
SELECT u, pg_temp.uuid7(t, 'u' || u) AS id, 'bench-user-' || u || '@orderly.test' AS email,
       'Bench User ' || u AS display_name, t AS created_at
FROM generate_series(1, :users) AS u,
     LATERAL (SELECT timestamptz '2025-01-01 00:00:00Z' + u * interval '1 second' AS t) AS times;
UPDATE bench_users SET email = 'bench-admin-' || u || '@orderly.test' WHERE u <= 10;
CREATE UNIQUE INDEX ON bench_users (u);
ANALYZE bench_users;

INSERT INTO users.users (id, email, password_hash, display_name, locale, roles, email_verified_at, version,
                         created_at, updated_at)
SELECT id, email, :'hash', display_name, 'en',
       CASE WHEN u <= 10 THEN ARRAY['USER', 'ADMIN'] ELSE ARRAY['USER'] END, created_at, 0, created_at, created_at
FROM bench_users;

-- The notifications module's projection of users (normally fed by UserRegistered events).
INSERT INTO notifications.recipients (user_id, email, display_name, locale, deleted, source_at, created_at, updated_at)
SELECT id, email, display_name, 'en', false, created_at, created_at, created_at
FROM bench_users;

\echo seeding orders and order lines
-- Bulk load, then index: drop the secondary indexes of the two big tables (whatever the orders
-- module's migrations define; constraint indexes stay) and re-create them from their definitions.
CREATE TEMP TABLE bench_index_defs AS
SELECT i.indexname, i.indexdef
FROM pg_indexes AS i
WHERE i.schemaname = 'orders' AND i.tablename IN ('orders', 'order_lines')
  AND NOT EXISTS (SELECT 1 FROM pg_constraint AS c WHERE c.conname = i.indexname AND c.connamespace = 'orders'::regnamespace);
SELECT format('DROP INDEX orders.%I', indexname) FROM bench_index_defs \gexec
-- Order i belongs to user (i mod users) + 1, and is placed 30 s after order i-1 (about a year of
-- orders); lines: product a = i mod products + 1 (quantity 1..3) and product b = 7i mod products + 1.
CREATE TEMP TABLE bench_orders AS
SELECT i, pg_temp.uuid7(t, 'o' || i) AS id, t AS created_at,
       (i % :users) + 1 AS u,
       (i % :products) + 1 AS pa, 1 + i % 3 AS qa,
       ((7 * i) % :products) + 1 AS pb
FROM generate_series(1, :orders) AS i,
     LATERAL (SELECT timestamptz '2025-06-01 00:00:00Z' + i * interval '30 seconds' AS t) AS times;

INSERT INTO orders.orders (id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
                           shipping_city, shipping_postal_code, shipping_country, note,
                           confirmed_at, shipped_at, delivered_at, cancelled_at, version, created_at, updated_at)
SELECT o.id, bu.id, s.status, 'EUR', s.subtotal, s.discount, s.subtotal - s.discount, bu.display_name,
       o.i || ' Seed Street', 'Berlin', '10115', 'DE', NULL,
       CASE WHEN s.status IN ('CONFIRMED', 'SHIPPED', 'DELIVERED') THEN o.created_at + interval '1 hour' END,
       CASE WHEN s.status IN ('SHIPPED', 'DELIVERED') THEN o.created_at + interval '1 day' END,
       CASE WHEN s.status = 'DELIVERED' THEN o.created_at + interval '3 days' END,
       CASE WHEN s.status = 'CANCELLED' THEN o.created_at + interval '2 hours' END,
       0, o.created_at, o.created_at
FROM bench_orders AS o
JOIN bench_users AS bu ON bu.u = o.u,
LATERAL (SELECT sub AS subtotal, CASE WHEN sub > 10000 THEN sub / 10 ELSE 0 END AS discount,
                (ARRAY['DELIVERED', 'DELIVERED', 'DELIVERED', 'SHIPPED', 'CONFIRMED', 'PLACED', 'CANCELLED'])[1 + o.i % 7]
                  AS status
         FROM (SELECT pg_temp.price(o.pa) * o.qa + pg_temp.price(o.pb) AS sub) AS x) AS s
ORDER BY o.i;

INSERT INTO orders.order_lines (order_id, position, sku, name, unit_price, quantity, line_total, created_at, updated_at)
SELECT o.id, l.position, 'BENCH-' || lpad(l.p::text, 5, '0'), 'Benchmark product ' || l.p, pg_temp.price(l.p), l.q,
       pg_temp.price(l.p) * l.q, o.created_at, o.created_at
FROM bench_orders AS o,
LATERAL (VALUES (0, o.pa, o.qa), (1, o.pb, 1)) AS l(position, p, q)
ORDER BY o.i, l.position;

\echo re-creating indexes
SELECT indexdef FROM bench_index_defs \gexec

\echo analyzing
VACUUM ANALYZE orders.orders;
VACUUM ANALYZE orders.order_lines;
VACUUM ANALYZE orders.products;
VACUUM ANALYZE users.users;
VACUUM ANALYZE notifications.recipients;
