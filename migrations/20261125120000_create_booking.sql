-- The firm's availability (one settings row, weekly opening hours, exceptions) and bookings.
create table availability_setting (
    availability_setting_id boolean primary key default true check (availability_setting_id),
    consultation_minutes integer not null default 30 check (consultation_minutes between 10 and 240),
    buffer_minutes integer not null default 15 check (buffer_minutes between 0 and 120),
    min_notice_hours integer not null default 24 check (min_notice_hours between 0 and 720),
    horizon_days integer not null default 30 check (horizon_days between 1 and 365),
    daily_cap integer not null default 8 check (daily_cap between 1 and 100),
    cancel_cutoff_hours integer not null default 12 check (cancel_cutoff_hours between 0 and 168),
    updated_at timestamptz not null default now()
);
insert into availability_setting default values;

-- Weekly opening hours in the firm's time zone; ISO weekday (1 = Monday).
create table availability_rule (
    availability_rule_id uuid primary key default gen_random_uuid(),
    weekday integer not null check (weekday between 1 and 7),
    start_time time not null,
    end_time time not null,
    check (start_time < end_time)
);
insert into availability_rule (weekday, start_time, end_time)
select d, t.s, t.e
from generate_series(1, 5) as d
cross join (values (time '09:00', time '12:00'), (time '13:00', time '17:00')) as t(s, e);

-- Closed days (no times) or blocked hours, in the firm's time zone.
create table availability_exception (
    availability_exception_id uuid primary key default gen_random_uuid(),
    day date not null,
    start_time time,
    end_time time,
    label text not null default '' check (char_length(label) <= 200),
    check ((start_time is null) = (end_time is null)),
    check (start_time is null or start_time < end_time)
);
create index availability_exception_day_idx on availability_exception (day);

create table booking (
    booking_id uuid primary key,
    application_id uuid not null references application on delete cascade,
    starts_at timestamptz not null,
    ends_at timestamptz not null,
    -- The time the booking holds: the consultation and the buffer after it.
    blocks tstzrange not null,
    consultation_mode text not null check (consultation_mode in ('video', 'phone', 'in_person')),
    time_zone text not null,
    status text not null default 'active' check (status in ('active', 'cancelled')),
    -- Hash of the token in the applicant's "manage your booking" link; replaced to revoke it.
    manage_token_hash bytea not null unique,
    ics_sequence integer not null default 0,
    cancelled_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check (starts_at < ends_at),
    -- No two active bookings hold overlapping time: settled by the database, whatever the timing.
    constraint booking_no_overlap exclude using gist (blocks with &&) where (status = 'active')
);
create unique index booking_one_active_per_application_idx on booking (application_id) where status = 'active';
create index booking_starts_at_idx on booking (starts_at) where status = 'active';
