-- Who we write to: a projection of the users module, fed only by its events (and by the auth
-- events that carry an address). email is null while only a deletion is known (events may arrive
-- out of order); source_at is the time of the newest event applied, so an older event never
-- overwrites a newer one.
CREATE TABLE notifications.recipients
(
  user_id      UUID        NOT NULL PRIMARY KEY,
  email        TEXT,
  display_name TEXT,
  locale       TEXT,
  deleted      BOOLEAN     NOT NULL DEFAULT FALSE,
  source_at    TIMESTAMPTZ NOT NULL,
  created_at   TIMESTAMPTZ NOT NULL,
  updated_at   TIMESTAMPTZ NOT NULL,
  deleted_at   TIMESTAMPTZ
);

-- One row per notification and channel. EMAIL rows are an outbox of their own:
--   AWAITING_RECIPIENT -> PENDING -> SENDING -> SENT | PENDING (retry) | FAILED | UNCONFIRMED | SKIPPED
-- IN_APP rows are DELIVERED on creation and carry read_at.
-- dedup_key (channel:kind:source identity) makes every listener idempotent.
-- secret holds a token only until the email is sent; the body is rendered at send time and never stored.
CREATE TABLE notifications.notifications
(
  id              UUID        NOT NULL PRIMARY KEY,
  user_id         UUID        NOT NULL,
  channel         TEXT        NOT NULL CHECK (channel IN ('EMAIL', 'IN_APP')),
  kind            TEXT        NOT NULL,
  status          TEXT        NOT NULL CHECK (status IN ('AWAITING_RECIPIENT', 'PENDING', 'SENDING', 'SENT', 'FAILED',
                                                          'UNCONFIRMED', 'SKIPPED', 'DELIVERED')),
  dedup_key       TEXT        NOT NULL,
  email           TEXT,
  params          JSONB       NOT NULL,
  secret          TEXT,
  title           TEXT,
  body            TEXT,
  attempts        INT         NOT NULL DEFAULT 0,
  next_attempt_at TIMESTAMPTZ,
  lease_until     TIMESTAMPTZ,
  last_error      TEXT,
  event_at        TIMESTAMPTZ NOT NULL,
  sent_at         TIMESTAMPTZ,
  read_at         TIMESTAMPTZ,
  created_at      TIMESTAMPTZ NOT NULL,
  updated_at      TIMESTAMPTZ NOT NULL,
  CONSTRAINT notifications_dedup_key_uk UNIQUE (dedup_key)
);

-- GET /users/{userId}/notifications (newest first, keyset) and its ?unread=true variant.
CREATE INDEX notifications_in_app_by_user_idx
  ON notifications.notifications (user_id, created_at DESC, id DESC) WHERE channel = 'IN_APP';
CREATE INDEX notifications_unread_in_app_by_user_idx
  ON notifications.notifications (user_id, created_at DESC, id DESC) WHERE channel = 'IN_APP' AND read_at IS NULL;
-- GET /notifications?status=… (admin, keyset).
CREATE INDEX notifications_by_status_idx
  ON notifications.notifications (status, created_at DESC, id DESC);
-- The dispatcher: due emails, expired leases, and emails waiting for their recipient.
CREATE INDEX notifications_due_idx
  ON notifications.notifications (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notifications_leased_idx
  ON notifications.notifications (lease_until) WHERE status = 'SENDING';
CREATE INDEX notifications_awaiting_recipient_idx
  ON notifications.notifications (user_id) WHERE status = 'AWAITING_RECIPIENT';
-- Cancelling the open emails of a deleted recipient.
CREATE INDEX notifications_open_email_by_user_idx
  ON notifications.notifications (user_id) WHERE channel = 'EMAIL' AND status IN ('PENDING', 'AWAITING_RECIPIENT', 'FAILED');
