-- pgbench custom script: one committed single-row INSERT per transaction (the database's own
-- write rate: WAL + fsync at commit, group commit across clients).
\set user random(1, 1000)
INSERT INTO bench_orders (user_id, total, created_at) VALUES (:user, 1999, now());
