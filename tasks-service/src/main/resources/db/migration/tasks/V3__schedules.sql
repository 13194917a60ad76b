-- Cron schedules: each due row is turned into a task by whichever instance claims it first
-- (FOR UPDATE SKIP LOCKED, then next_fire_time moves on in the same transaction), so a fire time makes
-- exactly one task, also after a restart or with several instances.

CREATE TABLE schedule (
    schedule_id      uuid         PRIMARY KEY,
    account_id       uuid         NOT NULL,
    cron             varchar(128) NOT NULL,
    cron_timezone    varchar(64)  NOT NULL,
    -- 'running' (fires) or 'stopped'
    status           varchar(16)  NOT NULL,
    task_type        varchar(32)  NOT NULL,
    description      varchar(128) NOT NULL DEFAULT '',
    content          jsonb        NOT NULL,
    result_ttl       integer      NOT NULL,
    create_time      timestamptz  NOT NULL,
    last_update_time timestamptz  NOT NULL,
    -- the next time it fires (null while stopped); the fire time a created task stands for is last_fire_time
    next_fire_time   timestamptz,
    last_fire_time   timestamptz,
    last_task_id     bigint,
    tasks_created    bigint       NOT NULL DEFAULT 0
);
CREATE INDEX schedule_account ON schedule (account_id, create_time DESC);
CREATE INDEX schedule_due ON schedule (next_fire_time) WHERE status = 'running';
