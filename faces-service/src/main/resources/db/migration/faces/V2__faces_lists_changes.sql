-- Faces, their descriptors, lists, list membership, the change feed and idempotency keys.

CREATE TABLE face (
    face_id          uuid PRIMARY KEY,
    account_id       uuid         NOT NULL,
    event_id         uuid,
    user_data        varchar(128) NOT NULL DEFAULT '',
    external_id      varchar(36)  NOT NULL DEFAULT '',
    avatar           varchar(256) NOT NULL DEFAULT '',
    create_time      timestamptz  NOT NULL,
    -- Basic attributes (age, gender, ethnicities) as given; NULL when the face has none.
    basic_attributes jsonb,
    sample_ids       text[]       NOT NULL DEFAULT '{}',
    attributes_time  timestamptz
);
CREATE INDEX face_account_time ON face (account_id, create_time DESC, face_id DESC);
CREATE INDEX face_account_external ON face (account_id, external_id);
CREATE INDEX face_event ON face (event_id) WHERE event_id IS NOT NULL;

-- One row per (face, model version). Kept inline and uncompressed (toast_tuple_target + STORAGE MAIN):
-- descriptors are incompressible floats, and out-of-line TOAST would double the I/O of the bulk read.
-- descriptor_key grows with insertion, so the bulk read's key order is close to the heap order
-- (measured: reading 1M rows in key order takes about half the time of reading them in face_id order).
CREATE SEQUENCE descriptor_key_seq;
CREATE TABLE descriptor (
    face_id        uuid    NOT NULL REFERENCES face ON DELETE CASCADE,
    version        integer NOT NULL,
    account_id     uuid    NOT NULL,
    descriptor_key bigint  NOT NULL DEFAULT nextval('descriptor_key_seq'),
    data           bytea   NOT NULL,
    PRIMARY KEY (face_id, version)
) WITH (toast_tuple_target = 8160);
ALTER SEQUENCE descriptor_key_seq OWNED BY descriptor.descriptor_key;
ALTER TABLE descriptor ALTER COLUMN data SET STORAGE MAIN;
CREATE UNIQUE INDEX descriptor_key ON descriptor (descriptor_key);
CREATE INDEX descriptor_account_key ON descriptor (account_id, descriptor_key);

CREATE TABLE list (
    list_id          uuid PRIMARY KEY,
    account_id       uuid         NOT NULL,
    user_data        varchar(128) NOT NULL DEFAULT '',
    create_time      timestamptz  NOT NULL,
    last_update_time timestamptz  NOT NULL
);
CREATE INDEX list_account_time ON list (account_id, create_time DESC, list_id DESC);
CREATE INDEX list_account_id ON list (account_id, list_id);

-- Every change of the feed gets its key from this sequence, under the feed lock (see ChangeLog).
CREATE SEQUENCE change_key_seq;

CREATE TABLE list_face (
    list_id  uuid   NOT NULL REFERENCES list ON DELETE CASCADE,
    face_id  uuid   NOT NULL REFERENCES face ON DELETE CASCADE,
    -- change key of the link that made this membership
    link_key bigint NOT NULL,
    PRIMARY KEY (list_id, face_id)
);
CREATE INDEX list_face_face ON list_face (face_id);
CREATE INDEX list_face_link ON list_face (list_id, link_key);

-- The change feed read by the matcher: link, unlink, face_attributes, face_delete, list_delete.
CREATE TABLE change (
    change_key  bigint PRIMARY KEY DEFAULT nextval('change_key_seq'),
    account_id  uuid        NOT NULL,
    action      varchar(24) NOT NULL,
    list_id     uuid,
    face_id     uuid,
    change_time timestamptz NOT NULL
);
ALTER SEQUENCE change_key_seq OWNED BY change.change_key;
CREATE INDEX change_account_key ON change (account_id, change_key);
CREATE INDEX change_list_key ON change (list_id, change_key) WHERE list_id IS NOT NULL;

-- Idempotency-Key of POST /3/faces and POST /3/lists, stored in the transaction of the create.
CREATE TABLE idempotency_key (
    account_id      uuid         NOT NULL,
    scope           varchar(16)  NOT NULL,
    idempotency_key varchar(255) NOT NULL,
    request_hash    bytea        NOT NULL,
    resource_id     uuid         NOT NULL,
    create_time     timestamptz  NOT NULL,
    PRIMARY KEY (account_id, scope, idempotency_key)
);
CREATE INDEX idempotency_key_time ON idempotency_key (create_time);
