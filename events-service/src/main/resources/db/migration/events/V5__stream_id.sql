-- LUNA's stream_id: the video stream an event came from (a UUID given by the caller, e.g. a video
-- analytics agent); searched with stream_ids and used by the Sender's stream_ids filter.
ALTER TABLE event ADD COLUMN stream_id uuid;

CREATE INDEX event_stream ON event (account_id, stream_id, event_id) WHERE stream_id IS NOT NULL;
