-- Idempotency keys move to the shared layout of platform-commons IdempotencyKeys (same as events'):
-- a position in the request (always 0 for the single-object creates of faces and lists).
ALTER TABLE idempotency_key ADD COLUMN ordinal integer NOT NULL DEFAULT 0;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey,
    ADD PRIMARY KEY (account_id, scope, idempotency_key, ordinal);
