//! Black-box tests of the whole application, one test binary.

mod abuse;
mod apply;
mod backup;
mod binary;
mod booking;
mod browser;
mod calendars;
mod consultations;
mod deploy;
mod drills;
mod forms;
mod hardening;
mod health;
mod helpers;
mod hostile;
mod outbox;
mod pages;
mod prescreen;
mod release;
mod retention;
mod server;
mod staff;
mod staff_admin;
mod staff_auth;
mod staff_security;
mod wages;
