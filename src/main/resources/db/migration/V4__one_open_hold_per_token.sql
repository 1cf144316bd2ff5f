-- A token serves one open transaction at a time. Its pending hold names it in open_token_id, which is unique,
-- so a second pending hold on one token cannot exist. This replaces tokens.open_hold_key, a claim that every
-- reserve and every advise had to update besides the hold itself: one statement fewer per call.
ALTER TABLE holds ADD COLUMN open_token_id VARCHAR(64);
UPDATE holds SET open_token_id = token_id WHERE state = 'PENDING';
ALTER TABLE holds ADD CONSTRAINT holds_one_open_per_token UNIQUE (open_token_id);
ALTER TABLE holds ADD CONSTRAINT holds_open_while_pending
    CHECK ((state = 'PENDING' AND open_token_id = token_id) OR (state <> 'PENDING' AND open_token_id IS NULL));
ALTER TABLE tokens DROP COLUMN open_hold_key;
