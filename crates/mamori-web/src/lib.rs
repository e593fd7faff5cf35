//! Mamori's web application: server-rendered pages in Japanese, the JSON API under `/api/v1/`,
//! sessions, CSRF protection and tenancy. Handlers stay thin: they parse input into types, call
//! the domain engine and the store, and render.

pub mod api;
mod audit_text;
mod auth;
mod body_limit;
mod client_ip;
mod config;
mod csrf;
pub mod diagnosis;
mod error;
mod home_cache;
pub mod i18n;
pub mod pages;
mod pending_imports;
mod redirect;
mod risk_data;
mod server;
mod state;
mod tenancy;

pub use config::Config;
pub use error::{AppError, FieldProblem};
pub use mamori_app::passwords::{hash_password, validate_password};
pub use server::{Server, router};
pub use state::AppState;

#[cfg(test)]
mod layers_tests;
