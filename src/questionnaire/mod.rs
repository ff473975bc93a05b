//! The questionnaire: its questions (`fields`), grouped into short topic pages (`steps`), each
//! pathway's order of pages, and the validation of a submitted page (`validate`).
//!
//! Field names and allowed values are those of `docs/domain/pathways.md`; answers are stored in
//! the canonical form described in `domain::answers`.

pub mod display;
pub mod fields;
pub mod options;
pub mod steps;
pub mod validate;

pub use fields::{Choices, DateRule, Field, Kind, Req};
pub use steps::{Flow, Step};
