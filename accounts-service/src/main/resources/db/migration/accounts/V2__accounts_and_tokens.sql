-- Accounts: login is unique (stored lower-case); only a slow adaptive hash of the password is kept.
CREATE TABLE accounts.accounts (
    account_id       uuid PRIMARY KEY,
    login            varchar(128) NOT NULL,
    password_hash    varchar(255) NOT NULL,
    account_type     varchar(16)  NOT NULL CHECK (account_type IN ('user', 'advanced_user', 'admin')),
    description      varchar(256) NOT NULL DEFAULT '',
    create_time      timestamptz  NOT NULL,
    last_update_time timestamptz  NOT NULL
);
CREATE UNIQUE INDEX accounts_login_key ON accounts.accounts (login);
CREATE INDEX accounts_create_time_idx ON accounts.accounts (create_time, account_id);

-- Tokens: the JWT carries only the token id and account; what it may do is read from here on every
-- use, so a revoked (deleted) or expired token is refused at once.
CREATE TABLE accounts.tokens (
    token_id         uuid PRIMARY KEY,
    account_id       uuid         NOT NULL REFERENCES accounts.accounts (account_id) ON DELETE CASCADE,
    description      varchar(256) NOT NULL DEFAULT '',
    expiration_time  timestamptz,
    visibility_area  varchar(16)  NOT NULL CHECK (visibility_area IN ('account', 'all')),
    permissions      jsonb        NOT NULL,
    create_time      timestamptz  NOT NULL,
    last_update_time timestamptz  NOT NULL
);
CREATE INDEX tokens_account_idx ON accounts.tokens (account_id, create_time, token_id);

-- HMAC key the tokens are signed with when SELENE_TOKEN_SIGNING_KEY is not set: generated once, so
-- tokens survive restarts and every accounts-service instance signs with the same key.
CREATE TABLE accounts.signing_keys (
    key_id      smallint PRIMARY KEY,
    secret      bytea       NOT NULL,
    create_time timestamptz NOT NULL
);
