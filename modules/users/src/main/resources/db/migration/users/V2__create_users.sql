-- Accounts. Soft-deleted rows keep their data for audit; the email is unique among live accounts
-- only, so it is free again once its account is deleted.
CREATE TABLE users.users
(
  id                UUID        NOT NULL PRIMARY KEY,
  email             TEXT        NOT NULL CHECK (email = lower(btrim(email))),
  password_hash     TEXT        NOT NULL,
  display_name      TEXT        NOT NULL,
  phone             TEXT,
  locale            TEXT,
  roles             TEXT[]      NOT NULL DEFAULT '{USER}',
  email_verified_at TIMESTAMPTZ,
  version           BIGINT      NOT NULL,
  created_at        TIMESTAMPTZ NOT NULL,
  updated_at        TIMESTAMPTZ NOT NULL,
  deleted_at        TIMESTAMPTZ
);

-- Login, registration and password reset look live accounts up by email.
CREATE UNIQUE INDEX users_email_live_uq ON users.users (lower(email)) WHERE deleted_at IS NULL;
-- The admin list: newest first with keyset pagination, filtered by email prefix and role.
CREATE INDEX users_live_created_at_id_idx ON users.users (created_at DESC, id DESC) WHERE deleted_at IS NULL;
CREATE INDEX users_live_email_prefix_idx ON users.users (lower(email) text_pattern_ops) WHERE deleted_at IS NULL;
CREATE INDEX users_live_roles_idx ON users.users USING gin (roles) WHERE deleted_at IS NULL;

-- Email verification tokens: only a SHA-256 hash is stored; a token is used once and expires.
CREATE TABLE users.email_verification_tokens
(
  id         UUID        NOT NULL PRIMARY KEY,
  user_id    UUID        NOT NULL REFERENCES users.users (id),
  token_hash TEXT        NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX email_verification_tokens_hash_uq ON users.email_verification_tokens (token_hash);
CREATE INDEX email_verification_tokens_user_id_idx ON users.email_verification_tokens (user_id);
