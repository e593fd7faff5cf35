//! The running security programme (operations.md): who holds each security role. Incidents,
//! registers, education and audits follow as their records are built.

pub mod activities;
pub mod contacts;
pub mod due;
pub mod incidents;
pub mod roles;
