//! The three work-permit pathways.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Pathway {
    Gts,
    Cusma,
    Ict,
}

impl Pathway {
    pub const ALL: [Pathway; 3] = [Pathway::Gts, Pathway::Cusma, Pathway::Ict];

    /// The code in URLs and storage: `gts`, `cusma`, `ict`.
    pub fn code(self) -> &'static str {
        match self {
            Pathway::Gts => "gts",
            Pathway::Cusma => "cusma",
            Pathway::Ict => "ict",
        }
    }

    pub fn from_code(code: &str) -> Option<Pathway> {
        match code {
            "gts" => Some(Pathway::Gts),
            "cusma" => Some(Pathway::Cusma),
            "ict" => Some(Pathway::Ict),
            _ => None,
        }
    }

    /// The value of the `target_pathway` field for this pathway.
    pub fn target_value(self) -> &'static str {
        match self {
            Pathway::Gts => "gts",
            Pathway::Cusma => "cusma_professional",
            Pathway::Ict => "ict",
        }
    }
}

impl std::fmt::Display for Pathway {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}
