-- Transactional email outbox: rows are written in the same transaction as the business change
-- and delivered by the outbox worker (claimed with `for update skip locked`).
create table email_outbox (
    email_outbox_id uuid primary key,
    kind text not null,
    language text not null check (language in ('en', 'fr')),
    to_name text,
    to_address text not null,
    reply_to text,
    subject text not null,
    body_text text not null,
    body_html text not null,
    -- [{ "filename": "...", "content_type": "text/calendar; method=REQUEST", "content": "..." }]
    attachments jsonb not null default '[]',
    status text not null default 'pending' check (status in ('pending', 'sent', 'dead', 'withdrawn')),
    attempts integer not null default 0,
    -- When the row is due: now for immediate mail, later for scheduled mail (reminders) and retries.
    next_attempt_at timestamptz not null default now(),
    last_error text,
    sent_at timestamptz,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

create index email_outbox_due_idx on email_outbox (next_attempt_at) where status = 'pending';
create index email_outbox_problem_idx on email_outbox (updated_at) where status = 'dead';
