-- Writes nothing: prints the feeder files' contents; run.sh redirects each query with \o.
\set ON_ERROR_STOP on
\pset format unaligned
\pset tuples_only on
\o :datadir/users.csv
SELECT email FROM users.users WHERE email LIKE 'bench-user-%' ORDER BY random();
-- The same users' ids, for the bare app's POST /orders (X-User-Id stands in for the caller).
\o :datadir/user-ids.csv
SELECT id FROM users.users WHERE email LIKE 'bench-user-%' ORDER BY random();
\o :datadir/admins.csv
SELECT email FROM users.users WHERE email LIKE 'bench-admin-%' ORDER BY email;
\o :datadir/skus.csv
SELECT sku FROM orders.products WHERE sku LIKE 'BENCH-%' ORDER BY sku;
\o :datadir/order-ids.csv
SELECT id FROM orders.orders TABLESAMPLE SYSTEM (5) WHERE deleted_at IS NULL ORDER BY random() LIMIT 20000;
-- Cursors (the API's opaque token: base64url of "<epoch micros>~<id>", see platform Cursor) into the
-- older half of the newest-first list of all orders, i.e. 50-100 % deep.
\o :datadir/deep-cursors.csv
SELECT translate(rtrim(replace(encode(convert_to(
         (extract(epoch FROM created_at) * 1000000)::bigint || '~' || id, 'UTF8'), 'base64'), E'\n', ''), '='), '+/', '-_')
FROM orders.orders TABLESAMPLE SYSTEM (1)
WHERE deleted_at IS NULL
  AND created_at < (SELECT percentile_disc(0.5) WITHIN GROUP (ORDER BY created_at) FROM orders.orders)
ORDER BY random() LIMIT 500;
\o
