-- Sign-in links to an applicant's status page (/{lang}/status): emailed to the application's
-- address, stored hashed, usable on any device until they expire; erasing the application (or
-- withdrawing it) makes them useless, and the housekeeping deletes expired ones.
create table status_link (
    token_hash bytea primary key,
    application_id uuid not null references application (application_id) on delete cascade,
    expires_at timestamptz not null,
    created_at timestamptz not null default now()
);
create index status_link_application_idx on status_link (application_id);
