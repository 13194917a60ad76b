-- Tasks, their subtasks (the work queue workers claim from) and the errors of their subtasks.

CREATE TABLE task (
    task_id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id       uuid         NOT NULL,
    task_type        varchar(32)  NOT NULL,
    -- 0 pending, 1 in progress, 2 cancelled, 3 failed, 4 collecting results, 5 done
    status           smallint     NOT NULL,
    description      varchar(128) NOT NULL DEFAULT '',
    content          jsonb        NOT NULL,
    create_time      timestamptz  NOT NULL,
    last_update_time timestamptz  NOT NULL,
    start_time       timestamptz,
    end_time         timestamptz,
    parts_all        integer      NOT NULL DEFAULT 0,
    parts_done       integer      NOT NULL DEFAULT 0,
    -- the result object in Image Store: a fixed id per task, so a repeated merge overwrites it
    result_key       uuid         NOT NULL,
    result_id        varchar(128),
    result_type      varchar(64),
    result_ttl       integer      NOT NULL,
    result_expiry    timestamptz
);
CREATE INDEX task_account ON task (account_id, task_id DESC);

-- kind 0 split, 1 part, 2 merge. A worker claims a row (FOR UPDATE SKIP LOCKED), takes a lease
-- (lease_token, lease_until) and renews it while it works; a row whose lease ran out is claimed again.
-- Completion is fenced by the token, so a worker that lost its lease cannot commit a result twice.
CREATE TABLE subtask (
    subtask_id  bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id     bigint      NOT NULL REFERENCES task ON DELETE CASCADE,
    kind        smallint    NOT NULL,
    part        integer     NOT NULL,
    -- 0 pending, 1 in progress, 2 cancelled, 3 failed, 5 done
    status      smallint    NOT NULL,
    content     jsonb       NOT NULL,
    attempts    integer     NOT NULL DEFAULT 0,
    lease_owner varchar(64),
    lease_token uuid,
    lease_until timestamptz,
    -- not before this time (a retry after a transient failure waits)
    ready_time  timestamptz NOT NULL,
    create_time timestamptz NOT NULL,
    start_time  timestamptz,
    end_time    timestamptz,
    items       integer     NOT NULL DEFAULT 0,
    errors      integer     NOT NULL DEFAULT 0,
    -- the partial result, written in the transaction that marks the subtask done
    result      bytea,
    UNIQUE (task_id, kind, part)
);
CREATE INDEX subtask_claimable ON subtask (subtask_id) WHERE status IN (0, 1);
CREATE INDEX subtask_task ON subtask (task_id, kind, part);

CREATE TABLE task_error (
    error_id        bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    task_id         bigint       NOT NULL REFERENCES task ON DELETE CASCADE,
    subtask_id      bigint,
    account_id      uuid         NOT NULL,
    error_code      integer      NOT NULL,
    description     varchar(256) NOT NULL,
    detail          text         NOT NULL,
    link            varchar(256) NOT NULL,
    additional_info jsonb,
    error_time      timestamptz  NOT NULL
);
CREATE INDEX task_error_task ON task_error (task_id, error_id);
CREATE INDEX task_error_account ON task_error (account_id, error_id DESC);
