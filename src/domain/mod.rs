//! Parsed, valid values: once a newtype exists, its content is known to be acceptable.

pub mod answers;
pub mod email_address;
pub mod enquiry;
pub mod pathway;
pub mod person_name;
pub mod reference_code;
pub mod role;
pub mod status;
pub mod text;
pub mod wage;
