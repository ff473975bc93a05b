-- Staff accounts of the back office, and the audit trail of what staff (and the system) did.
create table staff_user (
    staff_user_id uuid primary key,
    -- Stored lower-cased: one account per address whatever its spelling.
    email text not null unique check (email = lower(email) and char_length(email) between 3 and 254),
    name text not null check (char_length(name) between 1 and 120),
    role text not null default 'staff' check (role in ('admin', 'staff')),
    -- PHC string of an argon2id hash.
    password_hash text not null,
    active boolean not null default true,
    -- Consecutive failed sign-ins; at 5 the account is locked until `locked_until`.
    failed_logins integer not null default 0 check (failed_logins >= 0),
    locked_until timestamptz,
    password_changed_at timestamptz not null default now(),
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create table audit_event (
    audit_event_id uuid primary key,
    at timestamptz not null default now(),
    -- Null for the system or an anonymous visitor (a failed sign-in).
    staff_user_id uuid references staff_user on delete set null,
    -- 'staff.login', 'application.status', 'export.csv', ...
    action text not null check (char_length(action) between 1 and 100),
    subject_type text,
    subject_id text,
    before jsonb,
    after jsonb,
    detail jsonb
);

create index audit_event_at_idx on audit_event (at desc);
create index audit_event_subject_idx on audit_event (subject_type, subject_id);
create index audit_event_staff_user_idx on audit_event (staff_user_id, at desc);
