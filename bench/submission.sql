-- pgbench script of bench/run: the writes of one application submitted with its booking, as
-- intake's submit (src/routes/apply/check.rs) makes them, statement for statement:
--   1. the pre-screen stored on the draft (assess_and_store: its own statement, its own commit);
--   2. one transaction: the draft becomes submitted with its reference (inside a savepoint, which
--      intake uses to draw another reference on a clash), the booking row (exclusion constraint
--      booking_no_overlap, unique manage token), and three email_outbox rows (applicant's
--      confirmation, reminder due 24 hours before, firm's brief), each followed by pg_notify.
-- Run with -M prepared (sqlx prepares its statements too). Each transaction takes the next
-- prepared draft (bench_draft: its own application, time-ordered ids like intake's UUIDv7 and a
-- slot of its own); subjects and bodies are copies of emails intake rendered in the same run
-- (bench_email), and the draft's answers and pre-screen a copy of one of its drafts.
select d.n, d.application_id as app, d.booking_id as booking, d.confirmation_id as e1, d.reminder_id as e2,
       d.brief_id as e3, d.starts_at as starts, d.reference as ref, t.prescreen::text as prescreen
from bench_draft d, bench_application t
where d.n = (select nextval('bench_next')) \gset
update application set prescreen = :prescreen::jsonb, prescreen_outcome = 'likely_eligible',
       prescreen_rules = '{}'::text[], updated_at = now()
where application_id = :app and status = 'draft';
begin;
savepoint reference_draw;
update application set status = 'submitted', reference = :ref, submitted_at = now(), updated_at = now()
where application_id = :app and status = 'draft'
returning reference;
release savepoint reference_draw;
-- The consultant it goes to (the fewest that week, then the one booked least recently), then the
-- booking in a savepoint of its own, as intake tries the next consultant when one is taken.
select c.consultant_id from consultant c
order by (select count(*) from booking b where b.consultant_id = c.consultant_id and b.status = 'active'
            and b.starts_at >= date_trunc('week', :starts::timestamptz)
            and b.starts_at < date_trunc('week', :starts::timestamptz) + interval '7 days'),
         (select max(b.created_at) from booking b where b.consultant_id = c.consultant_id) nulls first,
         c.consultant_id
limit 1;
savepoint booking_try;
insert into booking (booking_id, application_id, starts_at, ends_at, blocks, consultation_mode, time_zone,
                     manage_token_hash, consultant_id, language)
values (:booking, :app, :starts, :starts::timestamptz + interval '10 minutes',
        tstzrange(:starts::timestamptz, :starts::timestamptz + interval '10 minutes' + make_interval(mins => 0), '[)'),
        'video', 'America/Toronto', sha256(convert_to(gen_random_uuid()::text, 'UTF8')),
        (select consultant_id from consultant order by created_at limit 1), 'en');
release savepoint booking_try;
insert into email_outbox (email_outbox_id, kind, language, to_name, to_address, reply_to, subject, body_text,
                          body_html, attachments, application_id, next_attempt_at)
select :e1, kind, language, to_name, to_address, reply_to, subject, body_text, body_html, attachments, :app, now()
from bench_email where kind = 'booking_confirmation';
select pg_notify('email_outbox', '');
insert into email_outbox (email_outbox_id, kind, language, to_name, to_address, reply_to, subject, body_text,
                          body_html, attachments, application_id, next_attempt_at)
select :e2, kind, language, to_name, to_address, reply_to, subject, body_text, body_html, attachments, :app,
       :starts::timestamptz - interval '24 hours'
from bench_email where kind = 'booking_reminder';
select pg_notify('email_outbox', '');
insert into email_outbox (email_outbox_id, kind, language, to_name, to_address, reply_to, subject, body_text,
                          body_html, attachments, application_id, next_attempt_at)
select :e3, kind, language, to_name, to_address, reply_to, subject, body_text, body_html, attachments, :app, now()
from bench_email where kind = 'firm_brief';
select pg_notify('email_outbox', '');
commit;
