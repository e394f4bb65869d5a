DROP TABLE auth.revoked_sessions;
