-- Events with their detections, match results, tags, location and optional descriptor.
-- Every column a search filters on is a plain column of `event` (one row per event), so a filtered
-- page is one index scan of one table; detections and match candidates are read only for the page.

CREATE TABLE event (
    -- UUIDv7 made from create_time to the microsecond (Ids.eventId): event_id order IS create_time
    -- order, so pages, keysets AND create_time ranges are all ranges of the one (account_id, event_id) index.
    event_id              uuid PRIMARY KEY,
    account_id            uuid        NOT NULL,
    handler_id            uuid,
    create_time           timestamptz NOT NULL,
    end_time              timestamptz NOT NULL,
    insert_time           timestamptz NOT NULL DEFAULT now(),
    source                text,
    user_data             text,
    external_id           text,
    track_id              text,
    tags                  text[]      NOT NULL DEFAULT '{}',
    face_id               uuid,
    face_lists            uuid[],
    -- best face estimations, copied out of face_attributes / the first detection for filtering
    age                   real,
    gender                smallint,
    emotion               text,
    liveness              text,
    mask                  text,
    city                  text,
    area                  text,
    district              text,
    street                text,
    house_number          text,
    latitude              double precision,
    longitude             double precision,
    top_match_label       text,
    top_match_object_id   uuid,
    top_match_external_id text,
    top_match_similarity  real,
    match_labels          text[]      NOT NULL DEFAULT '{}',
    -- the rest of the LUNA event, returned as given
    face_attributes       jsonb,
    body_attributes       jsonb,
    aggregate_estimations jsonb,
    top_match             jsonb,
    attach_result         jsonb,
    meta                  jsonb
);

-- The main access path: one account's events in id (= time) order, for pages, keysets and
-- create_time ranges (turned into id ranges by the query).
CREATE INDEX event_account_id ON event (account_id, event_id);
CREATE INDEX event_account_end_time ON event (account_id, end_time);
CREATE INDEX event_account_handler ON event (account_id, handler_id, event_id);
CREATE INDEX event_account_source ON event (account_id, source, event_id);
-- Selective look-ups: few events share one value, so the account check after them is cheap.
CREATE INDEX event_face ON event (face_id) WHERE face_id IS NOT NULL;
CREATE INDEX event_external ON event (external_id) WHERE external_id IS NOT NULL;
CREATE INDEX event_track ON event (track_id) WHERE track_id IS NOT NULL;
CREATE INDEX event_top_object ON event (top_match_object_id) WHERE top_match_object_id IS NOT NULL;
CREATE INDEX event_tags ON event USING gin (tags);
CREATE INDEX event_account_city ON event (account_id, city, event_id) WHERE city IS NOT NULL;
CREATE INDEX event_account_street ON event (account_id, street) WHERE street IS NOT NULL;
-- A geo box: a latitude range whose longitude is checked in the index, so only matches touch the heap.
CREATE INDEX event_account_geo ON event (account_id, latitude, longitude) WHERE latitude IS NOT NULL;
CREATE INDEX event_account_user_data ON event (account_id, user_data) WHERE user_data IS NOT NULL;
-- Ranges whose rare end would otherwise walk the whole account in id order before a page fills.
CREATE INDEX event_account_age ON event (account_id, age) WHERE age IS NOT NULL;
CREATE INDEX event_account_top_similarity ON event (account_id, top_match_similarity)
    WHERE top_match_similarity IS NOT NULL;

CREATE TABLE event_detection (
    event_id       uuid     NOT NULL REFERENCES event ON DELETE CASCADE,
    ordinal        smallint NOT NULL,
    detect_time    timestamptz,
    detect_ts      double precision,
    face_sample_id uuid,
    body_sample_id uuid,
    detection      jsonb    NOT NULL,
    PRIMARY KEY (event_id, ordinal)
);

CREATE TABLE event_match (
    event_id    uuid     NOT NULL REFERENCES event ON DELETE CASCADE,
    label       text     NOT NULL,
    ordinal     smallint NOT NULL,
    object_type text     NOT NULL CHECK (object_type IN ('face', 'event')),
    object_id   uuid,
    external_id text,
    similarity  real     NOT NULL,
    candidate   jsonb    NOT NULL,
    label_order smallint NOT NULL,
    PRIMARY KEY (event_id, label_order, ordinal)
);

-- Descriptor of the event's face, for matching against events (origin events). Inline and
-- uncompressed like faces' descriptors: floats do not compress and TOAST doubles bulk-read I/O.
CREATE TABLE event_descriptor (
    descriptor_key bigserial UNIQUE,
    event_id       uuid    NOT NULL REFERENCES event ON DELETE CASCADE,
    version        integer NOT NULL,
    account_id     uuid    NOT NULL,
    data           bytea   NOT NULL,
    PRIMARY KEY (event_id, version)
) WITH (toast_tuple_target = 8160);
ALTER TABLE event_descriptor ALTER COLUMN data SET STORAGE MAIN;
CREATE INDEX event_descriptor_account ON event_descriptor (account_id, descriptor_key, version);

-- Idempotency-Key of POST /2/events: one row per event of the batch, written in that event's
-- transaction, so a retry replays exactly the events that were committed and stores the rest.
CREATE TABLE idempotency_key (
    account_id      uuid        NOT NULL,
    idempotency_key text        NOT NULL,
    ordinal         integer     NOT NULL,
    request_hash    bytea       NOT NULL,
    event_id        uuid        NOT NULL,
    create_time     timestamptz NOT NULL,
    PRIMARY KEY (account_id, idempotency_key, ordinal)
);
CREATE INDEX idempotency_key_time ON idempotency_key (create_time);
