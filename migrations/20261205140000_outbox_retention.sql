-- Retention of sent email: once an email is delivered (or dead, or withdrawn) and older than the
-- outbox retention period, or at once when its application is erased, its addresses, subject,
-- bodies, attachments and error are removed. What stays: kind, language, status, attempts, dates.
alter table email_outbox add column scrubbed_at timestamptz;

-- The retention sweep reads the finished rows not yet scrubbed, oldest first.
create index email_outbox_retention_idx on email_outbox (updated_at)
    where scrubbed_at is null and status <> 'pending';
