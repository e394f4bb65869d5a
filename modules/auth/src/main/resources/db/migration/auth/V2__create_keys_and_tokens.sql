-- Signing keys for access tokens when none are configured: generated once, shared by every
-- instance (created under an advisory lock), kept across restarts. All live keys are published
-- in the JWKS; the newest signs.
CREATE TABLE auth.signing_keys
(
  id          UUID        NOT NULL PRIMARY KEY,
  kid         TEXT        NOT NULL,
  private_key TEXT        NOT NULL,
  created_at  TIMESTAMPTZ NOT NULL,
  updated_at  TIMESTAMPTZ NOT NULL,
  retired_at  TIMESTAMPTZ
);
CREATE UNIQUE INDEX signing_keys_kid_uq ON auth.signing_keys (kid);
CREATE INDEX signing_keys_live_created_at_idx ON auth.signing_keys (created_at DESC) WHERE retired_at IS NULL;

-- Refresh tokens (only their SHA-256 hash), rotated on every use and grouped in families: every
-- token of a family shares the family's absolute expiry; reuse of a used token revokes the family.
CREATE TABLE auth.refresh_tokens
(
  id         UUID        NOT NULL PRIMARY KEY,
  family_id  UUID        NOT NULL,
  user_id    UUID        NOT NULL,
  token_hash TEXT        NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ,
  revoked_at TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX refresh_tokens_hash_uq ON auth.refresh_tokens (token_hash);
CREATE INDEX refresh_tokens_family_id_idx ON auth.refresh_tokens (family_id);
CREATE INDEX refresh_tokens_live_user_id_idx ON auth.refresh_tokens (user_id) WHERE revoked_at IS NULL;

-- Password reset tokens (only their SHA-256 hash): single use, 30 minutes.
CREATE TABLE auth.password_reset_tokens
(
  id         UUID        NOT NULL PRIMARY KEY,
  user_id    UUID        NOT NULL,
  token_hash TEXT        NOT NULL,
  expires_at TIMESTAMPTZ NOT NULL,
  used_at    TIMESTAMPTZ,
  created_at TIMESTAMPTZ NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX password_reset_tokens_hash_uq ON auth.password_reset_tokens (token_hash);
CREATE INDEX password_reset_tokens_user_id_idx ON auth.password_reset_tokens (user_id);
