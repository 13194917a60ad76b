-- face_count of a list becomes a stored column kept exact by statement-level triggers on list_face,
-- so GET/HEAD of a list and every row of a list page no longer count its members (a count over
-- 1M rows for a list of 1M faces). The triggers see every path that adds or removes memberships:
-- the service's INSERT/DELETE, the FK cascades from face and list, and plain SQL (bench/matcher-e2e).
-- TRUNCATE of list_face alone is not covered (nothing does it; truncate list with it).
ALTER TABLE list ADD COLUMN face_count bigint NOT NULL DEFAULT 0;

-- One UPDATE per list, in list_id order: two statements touching the same lists lock them in the
-- same order, so they cannot deadlock. face_count = face_count + n re-reads the committed value
-- after waiting on the row lock (READ COMMITTED), so concurrent writers add up exactly.
-- search_path is pinned to this schema: a session with another search_path (psql) still finds list.
CREATE FUNCTION list_face_count_add() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta record;
BEGIN
    FOR delta IN SELECT list_id, count(*) AS n FROM added GROUP BY list_id ORDER BY list_id LOOP
        UPDATE list SET face_count = face_count + delta.n WHERE list_id = delta.list_id;
    END LOOP;
    RETURN NULL;
END $$ SET search_path FROM CURRENT;

-- A list's own delete cascades here after its row is gone: its UPDATE then matches nothing.
CREATE FUNCTION list_face_count_remove() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta record;
BEGIN
    FOR delta IN SELECT list_id, count(*) AS n FROM removed GROUP BY list_id ORDER BY list_id LOOP
        UPDATE list SET face_count = face_count - delta.n WHERE list_id = delta.list_id;
    END LOOP;
    RETURN NULL;
END $$ SET search_path FROM CURRENT;

-- Nothing updates list_face today; a move of a membership to another list must still count right.
CREATE FUNCTION list_face_count_move() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    delta record;
BEGIN
    FOR delta IN
        SELECT list_id, sum(n) AS n FROM (
            SELECT list_id, count(*) AS n FROM added GROUP BY list_id
            UNION ALL
            SELECT list_id, -count(*) AS n FROM removed GROUP BY list_id) d
        GROUP BY list_id HAVING sum(n) <> 0 ORDER BY list_id
    LOOP
        UPDATE list SET face_count = face_count + delta.n WHERE list_id = delta.list_id;
    END LOOP;
    RETURN NULL;
END $$ SET search_path FROM CURRENT;

CREATE TRIGGER list_face_count_insert AFTER INSERT ON list_face
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION list_face_count_add();
CREATE TRIGGER list_face_count_delete AFTER DELETE ON list_face
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION list_face_count_remove();
CREATE TRIGGER list_face_count_update AFTER UPDATE ON list_face
    REFERENCING OLD TABLE AS removed NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION list_face_count_move();

-- Backfill after the triggers exist: CREATE TRIGGER holds a lock on list_face that blocks writers
-- until this migration commits, so no membership change falls between the count and the triggers.
UPDATE list l SET face_count = c.n
FROM (SELECT list_id, count(*) AS n FROM list_face GROUP BY list_id) c
WHERE l.list_id = c.list_id;
