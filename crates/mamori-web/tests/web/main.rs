//! The web application over HTTP, on SQLite and PostgreSQL: one test binary, one module per
//! concern.

mod support;

mod assessments;
mod auth;
mod input;
mod organisations;
mod tenancy;
