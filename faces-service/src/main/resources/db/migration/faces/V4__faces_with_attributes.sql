-- The number of faces with attributes (attributes_time set), the licence's faces usage, kept exact by
-- statement-level triggers on face like list.face_count (V3): faces-service checks the licence's 110 %
-- limit in the create transaction without counting a million rows. One row; writers already hold the
-- change-feed lock when they change faces, so the row is no new point of contention.
CREATE TABLE face_usage (
    only_row              boolean PRIMARY KEY DEFAULT true CHECK (only_row),
    faces_with_attributes bigint  NOT NULL
);

CREATE FUNCTION face_usage_change() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta bigint := 0;
BEGIN
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        delta := delta + (SELECT count(*) FROM added WHERE attributes_time IS NOT NULL);
    END IF;
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        delta := delta - (SELECT count(*) FROM removed WHERE attributes_time IS NOT NULL);
    END IF;
    IF delta <> 0 THEN
        UPDATE face_usage SET faces_with_attributes = faces_with_attributes + delta;
    END IF;
    RETURN NULL;
END $$ SET search_path FROM CURRENT;

CREATE TRIGGER face_usage_insert AFTER INSERT ON face
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION face_usage_change();
CREATE TRIGGER face_usage_delete AFTER DELETE ON face
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION face_usage_change();
CREATE TRIGGER face_usage_update AFTER UPDATE ON face
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION face_usage_change();

-- Filled after the triggers exist (CREATE TRIGGER blocks writers of face until this commits).
INSERT INTO face_usage (faces_with_attributes) SELECT count(*) FROM face WHERE attributes_time IS NOT NULL;
