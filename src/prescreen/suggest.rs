//! Suggestions for an applicant who is `not_sure` which pathway fits, from a few deciding questions.
//!
//! The questions (field names of docs/domain/pathways.md): `job_offer_status`, `noc_2021_code`, `citizenships`
//! (or `citizenship_basis`), `currently_employed_by_foreign_entity` and `relationship`.
//!
//! - **GTS**: a `noc_2021_code` on the GTS list → `suggest-gts-listed`; otherwise a job offer (`written`, `verbal`
//!   or `in_discussion`) → `suggest-gts-offer`. With `job_offer_status = none`, GTS is not suggested (an employer
//!   must apply for the LMIA).
//! - **CUSMA**: a US or Mexican citizen with a job offer → `suggest-cusma-citizen-offer`; without one (or
//!   unanswered) → `suggest-cusma-citizen`.
//! - **ICT**: `currently_employed_by_foreign_entity = yes` and a `relationship` of `parent`, `subsidiary`,
//!   `branch`, `affiliate` or `unsure` → `suggest-ict-related`.
//! - **Nothing fits**: no suggestion at all. The hard facts come first (GTS needs a Canadian employer, CUSMA is
//!   for US and Mexican citizens, ICT needs a related employer abroad), so the page never says that all three
//!   could fit when none does: it says that none fits clearly yet, what would change that
//!   ([`NONE_FITS_HINTS`]), and that a consultation is still possible.
//!
//! Suggestions come in the order GTS, CUSMA, ICT.

use serde::Serialize;

use super::common::Citizenship;
use crate::domain::{answers::Answers, pathway::Pathway};
use crate::reference::gts_by_noc;

/// A pathway worth looking at, and why (a Fluent key).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Suggestion {
    pub pathway: Pathway,
    pub reason: &'static str,
}

/// Every reason key `suggest` can return.
pub const SUGGESTION_REASONS: &[&str] = &[
    "suggest-gts-listed",
    "suggest-gts-offer",
    "suggest-cusma-citizen-offer",
    "suggest-cusma-citizen",
    "suggest-ict-related",
];

/// What would change the picture when nothing fits yet, one line per pathway (GTS, CUSMA, ICT).
pub const NONE_FITS_HINTS: &[&str] = &["suggest-none-gts", "suggest-none-cusma", "suggest-none-ict"];

pub fn suggest(answers: &Answers) -> Vec<Suggestion> {
    let offer_status = answers.str("job_offer_status");
    let has_offer = matches!(offer_status, Some("written" | "verbal" | "in_discussion"));
    let listed = answers
        .str("noc_2021_code")
        .is_some_and(|code| !gts_by_noc(code).is_empty());
    let citizenship = Citizenship::of(answers);
    let related_company = answers.yes("currently_employed_by_foreign_entity")
        && matches!(
            answers.str("relationship"),
            Some("parent" | "subsidiary" | "branch" | "affiliate" | "unsure")
        );

    let mut out = Vec::new();
    if listed && offer_status != Some("none") {
        out.push(Suggestion {
            pathway: Pathway::Gts,
            reason: "suggest-gts-listed",
        });
    } else if has_offer {
        out.push(Suggestion {
            pathway: Pathway::Gts,
            reason: "suggest-gts-offer",
        });
    }
    if citizenship.us || citizenship.mx {
        let reason = if has_offer {
            "suggest-cusma-citizen-offer"
        } else {
            "suggest-cusma-citizen"
        };
        out.push(Suggestion {
            pathway: Pathway::Cusma,
            reason,
        });
    }
    if related_company {
        out.push(Suggestion {
            pathway: Pathway::Ict,
            reason: "suggest-ict-related",
        });
    }
    out
}
