//! What a question is: its name, its kind (with the limits of the domain tables), whether it must be
//! answered, and when it is asked at all.

use crate::domain::answers::Answers;

/// Whether a question must be answered (when it is asked).
#[derive(Debug, Clone, Copy)]
pub enum Req {
    Yes,
    Optional,
    /// Required when the predicate holds on the answers (including this page's), optional otherwise.
    When(fn(&Answers) -> bool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateRule {
    Any,
    NotPast,
    NotFuture,
    /// Not in the future, and on or after the date answered in the named field (when it is).
    NotFutureFrom(&'static str),
}

/// Where the allowed values of a choice come from.
#[derive(Debug, Clone, Copy)]
pub enum Choices {
    /// Values listed in the domain reference; labels are `opt-{field}-{value}` or `opt-{value}`.
    Fixed(&'static [&'static str]),
    /// ISO 3166-1 alpha-2 countries.
    Country,
    /// The 13 provinces and territories.
    Province,
    /// NOC codes of the Global Talent Occupations List, plus `other` and `unknown`.
    GtsNoc,
    /// CUSMA professions (CSV ids), plus `other_not_listed`.
    CusmaProfession,
    /// Economic regions of the work province, as the imported wage file names them (`ER3530`), plus `unknown`.
    /// The regions come from the database: the page adds them ([`crate::domain::wage::EconomicRegion`]).
    EconomicRegion,
}

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// One line of text, `min..=max` characters.
    Text {
        min: usize,
        max: usize,
    },
    /// Several lines, `min..=max` characters.
    Textarea {
        min: usize,
        max: usize,
    },
    /// A person's name (see [`crate::domain::person_name::PersonName`]): normalised, without
    /// invisible characters, with a visible letter.
    PersonName,
    Email,
    /// A telephone number, stored in E.164.
    Phone,
    /// A number in `min..=max` (`min` excluded when `above_min`), whole when `integer`, in steps of `step`.
    Number {
        min: f64,
        max: f64,
        above_min: bool,
        integer: bool,
        step: Option<f64>,
    },
    Date(DateRule),
    /// One value from a drop-down list.
    Select(Choices),
    /// One value from radio buttons.
    Radios(Choices),
    /// "yes" or "no" as radio buttons.
    YesNo,
    /// Up to `max` countries, each its own drop-down (the first one required when the field is).
    Countries {
        max: usize,
    },
    /// A box that must be ticked ("yes").
    Check,
    /// A 5-digit NOC 2021 code typed in.
    Noc,
}

/// A question.
#[derive(Debug, Clone, Copy)]
pub struct Field {
    pub name: &'static str,
    pub kind: Kind,
    pub req: Req,
    /// Asked only when this holds (on the answers so far, including this page's). `None`: always.
    pub when: Option<fn(&Answers) -> bool>,
    /// The condition reads another question of the same page: without JavaScript the question
    /// cannot appear by itself, so it is always shown, its hint saying when it applies.
    pub same_page: bool,
}

impl Field {
    pub const fn new(name: &'static str, kind: Kind) -> Field {
        Field {
            name,
            kind,
            req: Req::Yes,
            when: None,
            same_page: false,
        }
    }

    pub const fn same_page(mut self) -> Field {
        self.same_page = true;
        self
    }

    pub const fn optional(mut self) -> Field {
        self.req = Req::Optional;
        self
    }

    pub const fn required_when(mut self, f: fn(&Answers) -> bool) -> Field {
        self.req = Req::When(f);
        self
    }

    pub const fn when(mut self, f: fn(&Answers) -> bool) -> Field {
        self.when = Some(f);
        self
    }

    pub fn applies(&self, answers: &Answers) -> bool {
        self.when.is_none_or(|f| f(answers))
    }

    pub fn required(&self, answers: &Answers) -> bool {
        match self.req {
            Req::Yes => true,
            Req::Optional => false,
            Req::When(f) => f(answers),
        }
    }

    /// Fields that hold several values.
    pub fn is_multi(&self) -> bool {
        matches!(self.kind, Kind::Countries { .. })
    }
}

// Shorthands for the field tables.
pub const fn text(min: usize, max: usize) -> Kind {
    Kind::Text { min, max }
}
pub const fn textarea(min: usize, max: usize) -> Kind {
    Kind::Textarea { min, max }
}
pub const fn int(min: f64, max: f64) -> Kind {
    Kind::Number {
        min,
        max,
        above_min: false,
        integer: true,
        step: None,
    }
}
/// Hours a week, 1 to 80 (GTS job, ICT transfer).
pub const fn hours() -> Kind {
    Kind::Number {
        min: 1.0,
        max: 80.0,
        above_min: false,
        integer: false,
        step: None,
    }
}
pub const fn amount() -> Kind {
    Kind::Number {
        min: 0.0,
        max: 100_000_000.0,
        above_min: true,
        integer: false,
        step: Some(0.01),
    }
}
pub const fn radios(values: &'static [&'static str]) -> Kind {
    Kind::Radios(Choices::Fixed(values))
}
pub const fn select(values: &'static [&'static str]) -> Kind {
    Kind::Select(Choices::Fixed(values))
}

pub const YES_NO_UNSURE: &[&str] = &["yes", "no", "unsure"];
pub const WAGE_UNITS: &[&str] = &["hourly", "annual"];
pub const ROLE_CATEGORIES: &[&str] = &[
    "executive",
    "senior_manager",
    "functional_manager",
    "specialized_knowledge",
    "other_staff",
];
