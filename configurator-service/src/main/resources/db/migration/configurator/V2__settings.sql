-- Settings and their history. Limitations (the JSON Schema of each setting, the services that read
-- it, whether a change applies live) come from the code of this release, not from the database.
CREATE TABLE settings (
    setting_id       uuid PRIMARY KEY,
    name             text        NOT NULL,
    -- Service names this value is for; empty = every service the limitation lists (the default value).
    tags             text[]      NOT NULL DEFAULT '{}',
    value            jsonb       NOT NULL,
    description      text        NOT NULL DEFAULT '',
    version          integer     NOT NULL,
    create_time      timestamptz NOT NULL,
    last_update_time timestamptz NOT NULL
);
CREATE INDEX settings_name ON settings (name);

-- Every change with who, when, the value before and after. Kept when a setting is deleted.
CREATE TABLE setting_history (
    setting_id  uuid        NOT NULL,
    version     integer     NOT NULL,
    name        text        NOT NULL,
    action      text        NOT NULL CHECK (action IN ('create', 'update', 'rollback', 'delete', 'import')),
    old_value   jsonb,
    new_value   jsonb,
    tags        text[]      NOT NULL,
    description text        NOT NULL,
    changed_by  text        NOT NULL,
    change_time timestamptz NOT NULL,
    PRIMARY KEY (setting_id, version)
);
