-- Job Bank prevailing wages, v2 (domain reference §7.3): one row per imported edition, its medians by
-- geography (Canada, a province or territory, an economic region), and the economic regions it names.
-- Replaces v1's job_bank_median(noc, region, median_hourly, effective_date), which nothing in intake wrote to.

drop table job_bank_median;

-- One yearly Job Bank update, keyed by its revision date; re-importing the same edition replaces it.
create table wage_edition (
    effective_date date primary key,
    source_file text not null,
    -- The data periods of its medians, e.g. "2021, 2023-2024, 2024".
    reference_periods text not null,
    rows int not null check (rows >= 0),
    nocs int not null check (nocs >= 0),
    -- Economic regions named in the file.
    regions int not null check (regions >= 0),
    imported_at timestamptz not null default now(),
    -- Null: imported by the command line or as the starter edition (or by an account since deleted).
    imported_by uuid references staff_user on delete set null
);

create table job_bank_median (
    noc text not null check (noc ~ '^[0-9]{5}$'),
    geo_level text not null check (geo_level in ('national', 'province', 'economic_region')),
    province text check (province in ('AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT')),
    er_code text check (er_code ~ '^ER[0-9]{4}$'),
    -- The geography's names: the region's, or the province's, or Canada.
    er_name_en text not null,
    er_name_fr text not null,
    median numeric(12, 2) not null check (median > 0),
    unit text not null check (unit in ('hourly', 'annual')),
    reference_period text not null,
    effective_date date not null references wage_edition on delete cascade,
    source_file text not null,
    imported_at timestamptz not null default now(),
    check ((province is null) = (geo_level = 'national')),
    check ((er_code is not null) = (geo_level = 'economic_region'))
);

-- One median per NOC, geography and edition.
create unique index job_bank_median_geography_key
    on job_bank_median (noc, geo_level, coalesce(province, ''), coalesce(er_code, ''), effective_date);
-- The pre-screen reads one edition's rows for a few NOCs; an edition is deleted whole.
create index job_bank_median_edition_idx on job_bank_median (effective_date, noc);

-- The economic regions of an edition that applicants choose from (`work_economic_region`): every region
-- of a province or territory with two or more, even one whose medians are all N/A.
create table wage_region (
    effective_date date not null references wage_edition on delete cascade,
    er_code text not null check (er_code ~ '^ER[0-9]{4}$'),
    province text not null check (province in ('AB', 'BC', 'MB', 'NB', 'NL', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'SK', 'YT')),
    name_en text not null,
    name_fr text not null,
    primary key (effective_date, er_code)
);
