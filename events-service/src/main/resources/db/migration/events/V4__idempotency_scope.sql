-- Idempotency keys move to the shared layout of platform-commons IdempotencyKeys (same as faces'):
-- a scope per route and a generic resource_id; the per-event ordinal stays.
ALTER TABLE idempotency_key ADD COLUMN scope varchar(16) NOT NULL DEFAULT 'events';
ALTER TABLE idempotency_key ALTER COLUMN scope DROP DEFAULT;
ALTER TABLE idempotency_key RENAME COLUMN event_id TO resource_id;
ALTER TABLE idempotency_key DROP CONSTRAINT idempotency_key_pkey,
    ADD PRIMARY KEY (account_id, scope, idempotency_key, ordinal);
