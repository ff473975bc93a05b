-- Who regulates each lawyer and their licence number, shown on the public "Our team" page (a law
-- firm's site says which law society or college licenses the people who advise).
alter table consultant
    add column regulator text not null default '' check (char_length(regulator) <= 120),
    add column licence_number text not null default '' check (char_length(licence_number) <= 40);
