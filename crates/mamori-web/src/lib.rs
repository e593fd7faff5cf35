//! Mamori's web server: the pages (`mamori-pages`) and the JSON API (`mamori-api`) assembled over
//! the HTTP kernel (`mamori-http`) with one middleware stack. Nothing here handles a request
//! itself; this crate is the only one that knows both route tables.

pub mod digest;
mod errors;
mod server;

pub use mamori_app::passwords::{hash_password, validate_password};
pub use mamori_http::{AppError, AppState, Config, FieldProblem, MailConfig};
pub use server::{Server, router};

#[cfg(test)]
mod layers_tests;
