//! Mamori's HTTP kernel: what the pages and the JSON API both stand on. The application state,
//! sessions and API tokens, CSRF protection, tenancy (who may see which organisation), the one
//! error type of the web layer and its mapping to responses, the word table (i18n), body limits
//! and the audit log's sentences. Pages and the API are separate crates above this one, so
//! neither can reach into the other: the crate graph keeps the direction.

pub mod audit_text;
pub mod auth;
pub mod body_limit;
pub mod client_ip;
mod config;
pub mod csrf;
pub mod download;
pub mod error;
pub mod home_cache;
pub mod i18n;
pub mod pending_imports;
pub mod redirect;
mod state;
pub mod tenancy;

pub use config::{Config, MailConfig};
pub use error::{AppError, FieldProblem};
pub use state::AppState;
