-- Installed licences. The current one is the row without removed_time (at most one, by the index);
-- replaced and removed ones stay for the record. document is the signed file as uploaded: it is
-- verified again with the configured public key every time it is read.
CREATE TABLE license (
    install_key    bigserial PRIMARY KEY,
    license_id     varchar(64) NOT NULL,
    document       text        NOT NULL,
    installed_time timestamptz NOT NULL,
    installed_by   uuid,
    removed_time   timestamptz,
    removed_by     uuid
);
CREATE UNIQUE INDEX license_current ON license ((true)) WHERE removed_time IS NULL;
