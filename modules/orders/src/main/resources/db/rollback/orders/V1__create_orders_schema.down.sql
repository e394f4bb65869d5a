DROP SCHEMA orders;
