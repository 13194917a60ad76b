-- Bodies in events: how many detections of an event carry a face / a body sample, as plain columns
-- so "events with a body and no face" is one condition on the row the page walk already reads.
ALTER TABLE event
    ADD COLUMN face_detection_count smallint NOT NULL DEFAULT 0,
    ADD COLUMN body_detection_count smallint NOT NULL DEFAULT 0;

UPDATE event e SET face_detection_count = c.faces, body_detection_count = c.bodies
FROM (SELECT event_id,
             count(*) FILTER (WHERE jsonb_typeof(detection -> 'samples' -> 'face') = 'object') AS faces,
             count(*) FILTER (WHERE jsonb_typeof(detection -> 'samples' -> 'body') = 'object') AS bodies
      FROM event_detection GROUP BY event_id) c
WHERE c.event_id = e.event_id;

-- face_sample_ids / body_sample_ids filters: a sample belongs to one or a few events.
CREATE INDEX event_detection_face_sample ON event_detection (face_sample_id) WHERE face_sample_id IS NOT NULL;
CREATE INDEX event_detection_body_sample ON event_detection (body_sample_id) WHERE body_sample_id IS NOT NULL;
