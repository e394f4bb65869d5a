DROP TABLE users.email_verification_tokens;
DROP TABLE users.users;
