DROP SCHEMA webhooks;
