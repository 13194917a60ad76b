-- Baseline of schema configurator. Flyway creates the schema; only configurator-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA configurator IS 'Owned by configurator-service: settings, tags and their history';
