-- Handlers (luna-api.md §3.2): stored policies drive POST /1/handlers/{id}/events.
-- policies holds the JSON GET answers (every default filled); NULL for a dynamic handler.
CREATE TABLE handler (
    handler_id       uuid PRIMARY KEY,
    account_id       uuid        NOT NULL,
    description      text        NOT NULL,
    is_dynamic       boolean     NOT NULL,
    policies         jsonb,
    create_time      timestamptz NOT NULL,
    last_update_time timestamptz NOT NULL,
    CHECK (is_dynamic = (policies IS NULL))
);
-- lists and counts are per account, newest first
CREATE INDEX handler_account_time ON handler (account_id, create_time DESC, handler_id DESC);
