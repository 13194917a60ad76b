-- Baseline of schema licenses. Flyway creates the schema; only licenses-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA licenses IS 'Owned by licenses-service: licence terms and feature usage';
