-- Applications: a draft while the questionnaire is being answered (found again through the hash of
-- an opaque token held in the applicant's session cookie), then submitted with a reference.
create table application (
    application_id uuid primary key,
    draft_token_hash bytea not null unique,
    status text not null default 'draft' check (status in ('draft', 'submitted', 'withdrawn')),
    language text not null check (language in ('en', 'fr')),
    target_pathway text not null check (target_pathway in ('gts', 'cusma_professional', 'ict', 'not_sure')),
    pathway text check (pathway in ('gts', 'cusma', 'ict')),
    -- Field name → canonical value, validated by the Rust types before it is stored.
    answers jsonb not null default '{}',
    completed_steps text[] not null default '{}',
    -- [{ "pathway": "gts", "outcome": "needs_review", "rules": ["G4"] }, ...]
    prescreen jsonb,
    prescreen_outcome text check (prescreen_outcome in ('likely_eligible', 'needs_review', 'likely_not_eligible')),
    prescreen_rules text[] not null default '{}',
    full_name text,
    email text,
    reference text unique,
    submitted_at timestamptz,
    expires_at timestamptz not null,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now(),
    check ((status = 'draft') = (reference is null))
);

create index application_draft_expiry_idx on application (expires_at) where status = 'draft';
create index application_submitted_idx on application (submitted_at desc) where status <> 'draft';

-- "Email me a link to continue later": single-use, expiring.
create table resume_link (
    resume_link_id uuid primary key,
    token_hash bytea not null unique,
    application_id uuid not null references application on delete cascade,
    expires_at timestamptz not null,
    used_at timestamptz,
    created_at timestamptz not null default now()
);

create index resume_link_application_idx on resume_link (application_id);

-- Job Bank median wages, filled by staff (Job Bank updates them each fall). Region is a province
-- or territory code, or 'CA' for the national median.
create table job_bank_median (
    noc text not null check (noc ~ '^[0-9]{5}$'),
    region text not null check (region ~ '^[A-Z]{2}$'),
    median_hourly numeric(10, 2) not null check (median_hourly > 0),
    effective_date date not null,
    created_at timestamptz not null default now(),
    primary key (noc, region, effective_date)
);

-- Emails about an application (confirmation, brief, resume link) point to it.
alter table email_outbox add column application_id uuid references application on delete set null;
create index email_outbox_application_idx on email_outbox (application_id);
