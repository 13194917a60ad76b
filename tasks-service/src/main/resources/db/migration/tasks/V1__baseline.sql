-- Baseline of schema tasks. Flyway creates the schema; only tasks-service reads or writes it.
-- Feature tables arrive as later versions (V2, V3, ...) with the features that need them.
COMMENT ON SCHEMA tasks IS 'Owned by tasks-service: tasks, subtasks, errors and schedules';
