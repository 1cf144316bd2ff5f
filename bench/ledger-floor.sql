-- The least PostgreSQL work one Yoyo transaction request + FINALISE pair can be: each call a single statement
-- and a single durable commit, with none of posbridge's idempotency checks, driven by pgbench itself (no HTTP,
-- no JVM). bench/yoyo-vsp.sh runs it against the bench database to show the ceiling this machine allows.
-- Settlement stripes: 16, the default. Client N uses tokens 77<4N>..77<4N+3>, as bench/YoyoLoad.java does. chr(58) is ':' (pgbench reads :name as a variable).
\set token :client_id * 4 + random(0, 3)
\set key random(1, 1000000000000000)
WITH t AS (SELECT id, account_id FROM tokens WHERE id = '77' || :token::int AND NOT blocked),
     h AS (INSERT INTO holds (hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, state, details,
                              created_at, expires_at, open_token_id)
           SELECT :key::text, CAST(nextval('hold_numbers') AS VARCHAR(32)), 'PAYMENT|' || t.id || '|100|100|0', 'DEBIT',
                  t.id, t.account_id, 100, 'PENDING', 'type=PAYMENT storeId=1050 basketId=b trxId=1 posId=p', now(),
                  now() + interval '1 day', t.id
           FROM t ON CONFLICT DO NOTHING RETURNING *),
     a AS (UPDATE accounts SET held = held + 100 WHERE id = (SELECT account_id FROM h) AND balance - held >= 100)
SELECT * FROM h;
WITH h AS (UPDATE holds SET state = 'POSTED', posted_amount = amount, resolved_at = now(), open_token_id = NULL
           WHERE hold_key = :key::text AND state = 'PENDING' RETURNING *),
     s AS (SELECT 'settlement' || chr(58) || 'ZAR' || CASE WHEN transfer_id::bigint % 16 = 0 THEN ''
                  ELSE chr(58) || (transfer_id::bigint % 16) END AS stripe FROM h),
     e AS (INSERT INTO entries (transfer_id, account_id, amount, kind, created_at)
           SELECT transfer_id, account_id, -amount, 'DEBIT', now() FROM h
           UNION ALL SELECT h.transfer_id, s.stripe, h.amount, 'DEBIT', now() FROM h, s),
     a AS (UPDATE accounts SET balance = balance - h.amount, held = held - h.amount FROM h WHERE accounts.id = h.account_id),
     b AS (UPDATE accounts SET balance = balance + h.amount FROM h, s WHERE accounts.id = s.stripe)
SELECT * FROM h;
