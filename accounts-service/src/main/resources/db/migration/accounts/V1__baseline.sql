-- Baseline of schema accounts. Flyway creates the schema; only accounts-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA accounts IS 'Owned by accounts-service: accounts and tokens';
