-- Sessions (refresh token families) that were ended before their access tokens expired: logout,
-- reuse of a rotated refresh token, password change or reset, role change, deletion. Every instance
-- keeps the recent ones in memory and refuses access tokens whose "sid" is among them (ADR 0015).
-- Rows older than the access token lifetime are useless and pruned.
CREATE TABLE auth.revoked_sessions
(
  session_id UUID        NOT NULL PRIMARY KEY,
  user_id    UUID        NOT NULL,
  revoked_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX revoked_sessions_revoked_at_idx ON auth.revoked_sessions (revoked_at);
