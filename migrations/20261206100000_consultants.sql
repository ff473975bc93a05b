-- A firm of many consultants, each with a calendar of their own (issue 14).
--
-- Before: one calendar for the whole firm (one consultation at a time, one daily cap). After: each
-- consultant has their own weekly hours, exceptions, daily cap, languages, pathways and ways to
-- meet, and the database keeps one consultant's active bookings apart; two consultants can hold the
-- same hour. The firm's hours (rules without a consultant) are the hours of every consultant who has
-- none of their own; exceptions without a consultant close the whole firm.

create extension if not exists btree_gist;

create table consultant (
    consultant_id uuid primary key default gen_random_uuid(),
    -- The staff account that consults: their name is shown, their "My consultations" lists these.
    -- Null only for the firm's own calendar migrated from before consultants existed, until an
    -- admin links it to an account.
    staff_user_id uuid unique references staff_user on delete restrict,
    languages text[] not null default '{en}'
        check (cardinality(languages) between 1 and 3 and languages <@ array['en', 'fr', 'es']),
    pathways text[] not null default '{gts,cusma,ict}'
        check (cardinality(pathways) between 1 and 3 and pathways <@ array['gts', 'cusma', 'ict']),
    daily_cap integer not null default 8 check (daily_cap between 1 and 100),
    -- How they meet: the video meeting link sent to applicants, the number they call from.
    video_link text not null default '' check (char_length(video_link) <= 500),
    phone text not null default '' check (char_length(phone) <= 40),
    active boolean not null default true,
    -- Hash of the token in their private calendar feed's URL; null when they have none.
    feed_token_hash bytea unique,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
);

-- The firm's calendar as it stood becomes one consultant, linked to the oldest active admin if any,
-- consulting in the languages the site was written in and for every pathway, as before.
insert into consultant (staff_user_id, daily_cap, languages)
select (select staff_user_id from staff_user where role = 'admin' and active order by created_at limit 1),
       (select daily_cap from availability_setting),
       '{en,fr}';

-- The existing hours stay the firm's hours, which the migrated consultant follows.
alter table availability_rule add column consultant_id uuid references consultant on delete cascade;
create index availability_rule_consultant_idx on availability_rule (consultant_id);

alter table availability_exception add column consultant_id uuid references consultant on delete cascade;
create index availability_exception_consultant_idx on availability_exception (consultant_id, day);

-- The province or territory (or 'CA', the federal list) whose statutory holidays close the firm;
-- null: no holidays are closed by themselves.
alter table availability_setting add column holidays text default 'ON'
    check (holidays is null or holidays in ('CA', 'AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE',
                                            'QC', 'SK', 'YT'));

-- Quebec's Easter holiday is Good Friday or Easter Monday, at the employer's choice (Act respecting
-- labour standards, s. 60), or both.
alter table availability_setting add column quebec_easter text not null default 'good_friday'
    check (quebec_easter in ('good_friday', 'easter_monday', 'both'));

-- Statutory holidays an admin opened for consultations after all.
create table holiday_reopened (
    day date primary key,
    staff_user_id uuid references staff_user on delete set null,
    created_at timestamptz not null default now()
);

alter table booking add column consultant_id uuid references consultant;
update booking set consultant_id = (select consultant_id from consultant);
alter table booking alter column consultant_id set not null;
-- The language the consultation is held in.
alter table booking add column language text not null default 'en' check (language in ('en', 'fr', 'es'));
update booking b set language = a.language
from application a where a.application_id = b.application_id and a.language in ('en', 'fr', 'es');
alter table booking drop constraint booking_no_overlap;
-- No two active bookings of one consultant hold overlapping time: settled by the database, whatever
-- the timing.
alter table booking add constraint booking_no_overlap
    exclude using gist (consultant_id with =, blocks with &&) where (status = 'active');
create index booking_consultant_starts_idx on booking (consultant_id, starts_at) where status = 'active';
