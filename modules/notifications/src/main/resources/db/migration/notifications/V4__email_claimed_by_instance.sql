-- The instance that claimed an email for sending (its id in orderly_instances, the application_name of
-- its connections): once that instance's heartbeat lapses (it died), another instance sends the email
-- again at once instead of waiting for the email's lease (docs/adr/0035). NULL before the first claim.
ALTER TABLE notifications.notifications ADD COLUMN claimed_by TEXT;
