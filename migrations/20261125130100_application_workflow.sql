-- Staff follow-up of submitted applications: review status with its history, assignment, notes,
-- erasure on request, and what the applications list filters and searches on.
alter table application
    add column review_status text not null default 'new'
        check (review_status in ('new', 'contacted', 'consultation_held', 'retained', 'declined', 'no_show', 'spam')),
    add column assigned_to uuid references staff_user on delete set null,
    add column erased_at timestamptz;

create table application_status_change (
    application_status_change_id uuid primary key,
    application_id uuid not null references application on delete cascade,
    from_status text not null,
    to_status text not null,
    staff_user_id uuid references staff_user on delete set null,
    at timestamptz not null default now()
);
create index application_status_change_application_idx on application_status_change (application_id, at);

create table note (
    note_id uuid primary key,
    application_id uuid not null references application on delete cascade,
    staff_user_id uuid references staff_user on delete set null,
    body text not null check (char_length(body) between 1 and 10000),
    created_at timestamptz not null default now()
);
create index note_application_idx on note (application_id, created_at);

-- The list: filters on real columns, search by name, email, reference and employer.
create extension if not exists pg_trgm;
alter table application add column search text generated always as (
    lower(
        coalesce(full_name, '') || ' ' || coalesce(email, '') || ' ' || coalesce(reference, '') || ' '
        || coalesce(answers ->> 'employer_legal_name', '') || ' ' || coalesce(answers ->> 'foreign_employer_name', '')
    )
) stored;
create index application_search_idx on application using gin (search gin_trgm_ops) where status <> 'draft';
create index application_list_idx on application (submitted_at desc, application_id) where status <> 'draft';
create index application_review_idx on application (review_status, submitted_at desc) where status <> 'draft';
create index application_pathway_idx on application (pathway, submitted_at desc) where status <> 'draft';
create index application_outcome_idx on application (prescreen_outcome, submitted_at desc) where status <> 'draft';
create index application_assigned_idx on application (assigned_to, submitted_at desc) where status <> 'draft';
create index booking_application_idx on booking (application_id);
