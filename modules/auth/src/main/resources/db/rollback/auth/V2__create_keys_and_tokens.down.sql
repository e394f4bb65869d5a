DROP TABLE auth.password_reset_tokens;
DROP TABLE auth.refresh_tokens;
DROP TABLE auth.signing_keys;
