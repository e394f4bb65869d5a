-- Each bounded context owns one PostgreSQL schema; nothing outside the module reads it.
CREATE SCHEMA IF NOT EXISTS audit;
