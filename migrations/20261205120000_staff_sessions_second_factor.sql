-- Staff sessions kept on the server (the cookie holds a random token; only its SHA-256 is stored), so
-- signing out, "sign out everywhere", a password change or a disabled account end them for real.
create table staff_session (
    staff_session_id uuid primary key,
    token_hash bytea not null unique,
    staff_user_id uuid not null references staff_user on delete cascade,
    created_at timestamptz not null default now(),
    last_seen_at timestamptz not null default now(),
    -- The absolute limit (INTAKE_STAFF_SESSION_HOURS after sign-in).
    expires_at timestamptz not null,
    revoked_at timestamptz,
    -- Where and with what the session was opened, shown to its owner.
    source_address text check (char_length(source_address) <= 64),
    user_agent text check (char_length(user_agent) <= 300)
);
create index staff_session_staff_user_idx on staff_session (staff_user_id, created_at desc);

-- Second factor: a TOTP secret (RFC 6238), set when enrolment starts, in force once confirmed; the
-- last time step used, so a code works once.
alter table staff_user
    add column totp_secret bytea,
    add column totp_enabled_at timestamptz,
    add column totp_last_step bigint,
    -- Replaced by per-account-and-address throttling (staff_login_failure): a lock on the account
    -- let anyone lock a lawyer out.
    drop column failed_logins,
    drop column locked_until;

-- Single-use recovery codes (SHA-256 of the code), ten at a time.
create table staff_recovery_code (
    staff_user_id uuid not null references staff_user on delete cascade,
    code_hash bytea not null,
    used_at timestamptz,
    primary key (staff_user_id, code_hash)
);

-- Failed sign-ins, keyed by the SHA-256 of the email typed (known account or not) and the source
-- address block (/32 or /64), kept for a day.
create table staff_login_failure (
    staff_login_failure_id bigint generated always as identity primary key,
    at timestamptz not null default now(),
    email_hash text not null,
    source_block text not null
);
create index staff_login_failure_pair_idx on staff_login_failure (email_hash, source_block, at);
create index staff_login_failure_block_idx on staff_login_failure (source_block, at);

-- Firm-wide security policy set by admins (one row).
create table security_policy (
    singleton boolean primary key default true check (singleton),
    require_second_factor boolean not null default false,
    updated_at timestamptz not null default now()
);
insert into security_policy default values;

-- Security events carry the client's address.
alter table audit_event add column source_address text check (char_length(source_address) <= 64);
