-- Baseline of schema handlers. Flyway creates the schema; only handlers-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA handlers IS 'Owned by handlers-service: handlers and verifiers';
