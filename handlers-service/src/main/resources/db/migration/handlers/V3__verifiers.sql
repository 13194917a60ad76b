-- Verifiers: stored 1:1 verification presets (luna-api.md §3.5), one row per verifier, owned by an account.
-- policies is the validated policy object with every default filled in (VerifierPolicies.write).
CREATE TABLE verifier (
    verifier_id      uuid        PRIMARY KEY,
    account_id       uuid        NOT NULL,
    description      varchar(128) NOT NULL DEFAULT '',
    policies         jsonb       NOT NULL,
    version          integer     NOT NULL DEFAULT 1,
    create_time      timestamptz NOT NULL,
    last_update_time timestamptz NOT NULL
);

-- listing and counting are per account, newest first
CREATE INDEX verifier_account_created ON verifier (account_id, create_time DESC, verifier_id DESC);
