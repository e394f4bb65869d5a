-- Notices for every administrator that other modules ask for (AdministratorNoticeRequested, e.g. a
-- webhook endpoint disabled). Notifications does not know who is an administrator (it consumes no
-- role event, and the first administrator is provisioned without one): each administrator gets a
-- copy among their in-app notifications when they read them (their token says they are one); the
-- copy's dedup_key (IN_APP:ADMINISTRATOR_NOTICE:<notice>:<user>) makes that once per notice and user.
-- id is the publisher's notice id: a redelivered event is a no-op. title and body are rendered.
CREATE TABLE notifications.administrator_notices
(
  id           UUID        NOT NULL PRIMARY KEY,
  params       JSONB       NOT NULL,
  title        TEXT        NOT NULL,
  body         TEXT        NOT NULL,
  requested_at TIMESTAMPTZ NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL
);

-- Copying the recent ones; deleting the old ones (retention).
CREATE INDEX administrator_notices_created_idx ON notifications.administrator_notices (created_at);
