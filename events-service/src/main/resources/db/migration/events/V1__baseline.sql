-- Baseline of schema events. Flyway creates the schema; only events-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA events IS 'Owned by events-service: events, detections, matches and tags';
