-- Messages sent through the public contact form.
create table enquiry (
    enquiry_id uuid primary key,
    language text not null check (language in ('en', 'fr')),
    full_name text not null check (char_length(full_name) between 2 and 120),
    email text not null check (char_length(email) <= 254),
    message text not null check (char_length(message) between 10 and 4000),
    created_at timestamptz not null default now()
);

create index enquiry_created_at_idx on enquiry (created_at);
