-- The statements posbridge itself sends for one Yoyo transaction request + FINALISE pair (ledger/Holds.java and
-- ledger/Transfers.java), in the same order, one transaction per call, driven by pgbench (no HTTP, no JVM).
-- Beside bench/ledger-floor.sql (each call one statement) it shows what the database alone allows for the SQL
-- posbridge actually sends. pgbench sends BEGIN on its own, where the JDBC driver sends it with the first statement.
-- Client N uses tokens 77<4N>..77<4N+3>, as bench/YoyoLoad.java does; 16 settlement stripes.
-- chr(58) is ':' (pgbench reads :name as a variable).
\set token :client_id * 4 + random(0, 3)
\set key random(1, 1000000000000000)
BEGIN;
INSERT INTO holds (hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, posted_amount, state,
                   details, reconciliation, created_at, expires_at, resolved_at, open_token_id)
SELECT :key::text, CAST(nextval('hold_numbers') AS VARCHAR(32)), 'PAYMENT|' || id || '|100|100|0', 'DEBIT', id,
       account_id, 100, NULL, 'PENDING', 'type=PAYMENT storeId=1050 basketId=b trxId=1 posId=p', NULL, now(),
       now() + interval '1 day', NULL, id
FROM tokens WHERE id = '77' || :token AND blocked = FALSE
ON CONFLICT DO NOTHING RETURNING transfer_id, account_id \gset
UPDATE accounts SET held = held + 100 WHERE id = :account_id AND balance - held >= 100;
COMMIT;
\set stripe :transfer_id % 16
BEGIN;
SELECT hold_key, transfer_id, fingerprint, direction, token_id, account_id, amount, posted_amount, state, details,
       reconciliation, created_at, expires_at, resolved_at, (SELECT currency FROM accounts WHERE id = holds.account_id)
FROM holds WHERE hold_key = :key::text FOR UPDATE;
INSERT INTO entries (transfer_id, account_id, amount, kind, created_at)
VALUES (:transfer_id::text, :account_id, -100, 'DEBIT', now()),
       (:transfer_id::text, 'settlement' || chr(58) || 'ZAR' || CASE WHEN :stripe = 0 THEN '' ELSE chr(58) || :stripe END,
        100, 'DEBIT', now());
UPDATE accounts SET balance = balance - 100, held = held - 100 WHERE id = :account_id;
UPDATE accounts SET balance = balance + 100
WHERE id = 'settlement' || chr(58) || 'ZAR' || CASE WHEN :stripe = 0 THEN '' ELSE chr(58) || :stripe END;
UPDATE holds SET state = 'POSTED', posted_amount = 100, reconciliation = NULL, resolved_at = now(), open_token_id = NULL
WHERE hold_key = :key::text;
COMMIT;
