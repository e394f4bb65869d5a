-- EXPLAIN (ANALYZE, BUFFERS) of the list query exactly as the orders module issues it
-- (OrderQueries.page: pageQuery, limit 20 + 1, joined with the lines): the first page and a page 90 % deep, for an admin (all
-- orders) and for one user; then the OFFSET query that keyset pagination avoids, for contrast.
\set ON_ERROR_STOP on
\pset pager off
SELECT (count(*) * 9 / 10)::bigint AS deep_offset FROM orders.orders WHERE deleted_at IS NULL \gset
SELECT created_at AS deep_created_at, id AS deep_id FROM orders.orders WHERE deleted_at IS NULL
ORDER BY created_at DESC, id DESC OFFSET :deep_offset LIMIT 1 \gset
SELECT user_id AS some_user FROM orders.orders WHERE deleted_at IS NULL LIMIT 1 \gset
SELECT (count(*) * 9 / 10)::bigint AS user_deep_offset FROM orders.orders
WHERE deleted_at IS NULL AND user_id = :'some_user' \gset
SELECT created_at AS user_deep_created_at, id AS user_deep_id FROM orders.orders
WHERE deleted_at IS NULL AND user_id = :'some_user' ORDER BY created_at DESC, id DESC OFFSET :user_deep_offset LIMIT 1 \gset
\echo '### all orders, first page'
EXPLAIN (ANALYZE, BUFFERS)
WITH page AS (
SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
  shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
  tracking_number, cancellation_reason, version, created_at, updated_at
FROM orders.orders WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC LIMIT 21)
SELECT page.*, l.sku, l.name, l.unit_price, l.quantity, l.line_total
FROM page LEFT JOIN orders.order_lines l ON l.order_id = page.id
ORDER BY page.created_at DESC, page.id DESC, l.position;
\echo '### all orders, page' :deep_offset 'rows deep (keyset)'
EXPLAIN (ANALYZE, BUFFERS)
WITH page AS (
SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
  shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
  tracking_number, cancellation_reason, version, created_at, updated_at
FROM orders.orders WHERE deleted_at IS NULL AND (created_at, id) < (:'deep_created_at', :'deep_id')
ORDER BY created_at DESC, id DESC LIMIT 21)
SELECT page.*, l.sku, l.name, l.unit_price, l.quantity, l.line_total
FROM page LEFT JOIN orders.order_lines l ON l.order_id = page.id
ORDER BY page.created_at DESC, page.id DESC, l.position;
\echo '### one user''s orders, first page'
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
  shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
  tracking_number, cancellation_reason, version, created_at, updated_at
FROM orders.orders WHERE deleted_at IS NULL AND user_id = :'some_user' ORDER BY created_at DESC, id DESC LIMIT 21;
\echo '### one user''s orders, page' :user_deep_offset 'rows deep (keyset)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
  shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
  tracking_number, cancellation_reason, version, created_at, updated_at
FROM orders.orders WHERE deleted_at IS NULL AND user_id = :'some_user'
  AND (created_at, id) < (:'user_deep_created_at', :'user_deep_id')
ORDER BY created_at DESC, id DESC LIMIT 21;
\echo '### for contrast: all orders, the same deep page with OFFSET' :deep_offset '(what keyset pagination avoids)'
EXPLAIN (ANALYZE, BUFFERS)
SELECT id, user_id, status, currency, subtotal, discount, total, shipping_name, shipping_line1,
  shipping_line2, shipping_city, shipping_region, shipping_postal_code, shipping_country, note,
  tracking_number, cancellation_reason, version, created_at, updated_at
FROM orders.orders WHERE deleted_at IS NULL ORDER BY created_at DESC, id DESC OFFSET :deep_offset LIMIT 21;
