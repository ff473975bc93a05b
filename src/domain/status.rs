//! The states an application, its review and its consultation go through, as the database's text
//! columns store them (`application.status`, `application.review_status`, `booking.status`).
//! Queries read and write these types (`status as "status: BookingStatus"`), so a state is never
//! compared as a string.

/// Where an application stands for the applicant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ApplicationStatus {
    /// Being answered: the questions, the assessment, the choice of a time.
    Draft,
    /// Sent to the firm with its consultation.
    Submitted,
    Withdrawn,
}

impl ApplicationStatus {
    /// The value stored in `application.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            ApplicationStatus::Draft => "draft",
            ApplicationStatus::Submitted => "submitted",
            ApplicationStatus::Withdrawn => "withdrawn",
        }
    }
}

impl std::fmt::Display for ApplicationStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where the firm's review of an application stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum ReviewStatus {
    New,
    Contacted,
    ConsultationHeld,
    Retained,
    Declined,
    NoShow,
    Spam,
}

impl ReviewStatus {
    pub const ALL: [ReviewStatus; 7] = [
        ReviewStatus::New,
        ReviewStatus::Contacted,
        ReviewStatus::ConsultationHeld,
        ReviewStatus::Retained,
        ReviewStatus::Declined,
        ReviewStatus::NoShow,
        ReviewStatus::Spam,
    ];

    /// Leads that did not become clients: what the lead retention erases once old enough.
    pub const UNCONVERTED: [ReviewStatus; 3] = [ReviewStatus::Declined, ReviewStatus::NoShow, ReviewStatus::Spam];

    /// The value stored in `application.review_status` (and used in forms and URLs).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewStatus::New => "new",
            ReviewStatus::Contacted => "contacted",
            ReviewStatus::ConsultationHeld => "consultation_held",
            ReviewStatus::Retained => "retained",
            ReviewStatus::Declined => "declined",
            ReviewStatus::NoShow => "no_show",
            ReviewStatus::Spam => "spam",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewStatus> {
        ReviewStatus::ALL.into_iter().find(|r| r.as_str() == s)
    }

    /// The message key of its name ("review-new").
    pub fn i18n_key(self) -> String {
        format!("review-{}", self.as_str())
    }
}

impl std::fmt::Display for ReviewStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Whether a consultation still holds its time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, sqlx::Type, serde::Serialize, serde::Deserialize)]
#[sqlx(type_name = "text", rename_all = "snake_case")]
#[serde(rename_all = "snake_case")]
pub enum BookingStatus {
    Active,
    Cancelled,
}

impl BookingStatus {
    /// The value stored in `booking.status`.
    pub fn as_str(self) -> &'static str {
        match self {
            BookingStatus::Active => "active",
            BookingStatus::Cancelled => "cancelled",
        }
    }
}

impl std::fmt::Display for BookingStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn review_statuses_read_back_what_they_store() {
        for status in ReviewStatus::ALL {
            assert_eq!(ReviewStatus::parse(status.as_str()), Some(status));
            let json = serde_json::to_value(status).unwrap();
            assert_eq!(json, status.as_str());
        }
        assert_eq!(ReviewStatus::parse("New"), None);
        for status in [
            ApplicationStatus::Draft,
            ApplicationStatus::Submitted,
            ApplicationStatus::Withdrawn,
        ] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
        for status in [BookingStatus::Active, BookingStatus::Cancelled] {
            assert_eq!(serde_json::to_value(status).unwrap(), status.as_str());
        }
    }
}
