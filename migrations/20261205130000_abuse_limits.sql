-- Abuse limits shared by every process: what one address block or one email address did lately,
-- under a hash of the key (never the address itself), kept two days (see maintenance).
create table limit_event (
    limit_event_id uuid primary key,
    -- 'booking_block': a booking made from an address block (IPv4 /24, IPv6 /64);
    -- 'resume_email': a continue-later email sent to an address.
    kind text not null check (kind in ('booking_block', 'resume_email')),
    key_hash bytea not null,
    created_at timestamptz not null default now()
);
create index limit_event_key_idx on limit_event (kind, key_hash, created_at);
create index limit_event_created_idx on limit_event (created_at);

-- Alerts to admins, each kind sent at most once per period: when it last went.
create table admin_alert (
    kind text primary key check (kind in ('booking_rate')),
    last_sent_at timestamptz not null
);

-- New bookings in the last hour are counted for the alert.
create index booking_created_idx on booking (created_at);
