-- Quebec's Easter holiday is "Good Friday or Easter Monday, at the employer's choice" (Act respecting
-- labour standards, s. 60): the firm's choice, read with the Quebec holidays (issue 14). Good Friday, as
-- everywhere else, unless the firm says otherwise.
alter table availability_setting add column quebec_easter text not null default 'good-friday'
    check (quebec_easter in ('good-friday', 'easter-monday', 'both'));
