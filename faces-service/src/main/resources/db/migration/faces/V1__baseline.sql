-- Baseline of schema faces. Flyway creates the schema; only faces-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA faces IS 'Owned by faces-service: faces, descriptors, lists and list links';
