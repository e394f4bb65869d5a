-- A year of what orders leave behind, for benchmark/retention.sh: the rows that one order lived
-- through the API left (its emails and in-app notices, the session of the customer who placed it,
-- an idempotency key, a revoked session, a password reset, a registration's verification token) are
-- copied for every order seeded by seed.sql, each copy moved to that order's moment, the orders
-- spread evenly over the last :days days. psql variables:
--   sample  the id of the order lived through the API
--   days    the period the orders are spread over (365)
-- Every module's tables are written here only because this is a test fixture: the application
-- itself never reads across schemas.
\set ON_ERROR_STOP on
SET synchronous_commit = off;

-- The seeded orders (seed.sql dates them in 2025; the samples are dated now), each given its moment.
CREATE TEMP TABLE ret_orders AS
SELECT o.id, o.user_id, n, now() - (:days * interval '1 day') * (1 - (n - 1)::numeric / total) AS at
FROM (SELECT id, user_id, row_number() OVER (ORDER BY created_at, id) AS n, count(*) OVER () AS total
      FROM orders.orders
      WHERE created_at < (SELECT created_at FROM orders.orders WHERE id = :'sample')) AS o;
ANALYZE ret_orders;
CREATE TEMP TABLE ret_sample AS
SELECT id, user_id, created_at AS t0 FROM orders.orders WHERE id = :'sample';

\echo notifications
-- Whatever the sample's rows are (an email and an in-app notice per step of its lifecycle): same
-- kinds, states and widths; every other in-app notice read a day after it arrived.
INSERT INTO notifications.notifications
  (id, user_id, channel, kind, status, dedup_key, email, params, secret, title, body, attempts, next_attempt_at,
   lease_until, last_error, event_at, sent_at, read_at, created_at, updated_at, traceparent, request_id, claimed_by)
SELECT gen_random_uuid(), o.user_id, t.channel, t.kind, t.status,
       CASE WHEN position(:'sample' IN t.dedup_key) > 0 THEN replace(t.dedup_key, :'sample', o.id::text)
            ELSE t.dedup_key || '#' || o.n END,
       t.email, replace(t.params::text, :'sample', o.id::text)::jsonb, t.secret,
       replace(t.title, :'sample', o.id::text), replace(t.body, :'sample', o.id::text), t.attempts, t.next_attempt_at,
       t.lease_until, t.last_error, o.at + (t.event_at - s.t0), o.at + (t.sent_at - s.t0),
       CASE WHEN t.channel = 'IN_APP' AND o.n % 2 = 0 THEN o.at + (t.created_at - s.t0) + interval '1 day' END,
       o.at + (t.created_at - s.t0), o.at + (t.updated_at - s.t0), t.traceparent, t.request_id, t.claimed_by
FROM ret_orders o
CROSS JOIN ret_sample s
CROSS JOIN (SELECT * FROM notifications.notifications WHERE params::text LIKE '%' || :'sample' || '%') t;

\echo refresh tokens: the session of the customer who placed the order (a login and three refreshes, then a logout)
INSERT INTO auth.refresh_tokens (id, family_id, user_id, token_hash, expires_at, used_at, revoked_at, created_at, updated_at)
SELECT gen_random_uuid(), f.family, o.user_id, md5(random()::text) || md5(random()::text),
       o.at + (t.expires_at - s.t0), o.at + (t.used_at - s.t0), o.at + (t.revoked_at - s.t0),
       o.at + (t.created_at - s.t0), o.at + (t.updated_at - s.t0)
FROM ret_orders o
CROSS JOIN ret_sample s
CROSS JOIN LATERAL (SELECT gen_random_uuid() AS family, o.id AS for_order) f
CROSS JOIN (SELECT * FROM auth.refresh_tokens WHERE user_id = (SELECT user_id FROM ret_sample)) t;

\echo revoked sessions and idempotency keys (cleaned by their own modules already)
INSERT INTO auth.revoked_sessions (session_id, user_id, revoked_at)
SELECT gen_random_uuid(), o.user_id, o.at + (t.revoked_at - s.t0)
FROM ret_orders o CROSS JOIN ret_sample s
CROSS JOIN (SELECT * FROM auth.revoked_sessions WHERE user_id = (SELECT user_id FROM ret_sample) LIMIT 1) t;
INSERT INTO orders.idempotency_keys (user_id, idempotency_key, request_hash, response_status, response_body, order_id,
                                     created_at, updated_at, expires_at)
SELECT o.user_id, gen_random_uuid()::text, t.request_hash, t.response_status,
       replace(t.response_body, :'sample', o.id::text), o.id, o.at + (t.created_at - s.t0),
       o.at + (t.updated_at - s.t0), o.at + (t.expires_at - s.t0)
FROM ret_orders o CROSS JOIN ret_sample s
CROSS JOIN (SELECT * FROM orders.idempotency_keys WHERE order_id = :'sample') t;

\echo password resets: one for every 50 orders
INSERT INTO auth.password_reset_tokens (id, user_id, token_hash, expires_at, used_at, created_at, updated_at)
SELECT gen_random_uuid(), o.user_id, md5(random()::text) || md5(random()::text), o.at + (t.expires_at - t.created_at),
       o.at + (t.used_at - t.created_at), o.at, o.at + (t.updated_at - t.created_at)
FROM ret_orders o
CROSS JOIN (SELECT * FROM auth.password_reset_tokens WHERE user_id = (SELECT user_id FROM ret_sample) LIMIT 1) t
WHERE o.n % 50 = 0;

\echo registrations: one for every 10 orders (the verification token of the one registered through the API)
INSERT INTO users.email_verification_tokens (id, user_id, token_hash, expires_at, used_at, created_at, updated_at)
SELECT gen_random_uuid(), o.user_id, md5(random()::text) || md5(random()::text), o.at + (t.expires_at - t.created_at),
       o.at + (t.used_at - t.created_at), o.at, o.at + (t.updated_at - t.created_at)
FROM ret_orders o
CROSS JOIN (SELECT * FROM users.email_verification_tokens ORDER BY created_at LIMIT 1) t
WHERE o.n % 10 = 0;
