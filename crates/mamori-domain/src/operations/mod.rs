//! The running security programme (operations.md): the roles of the structure and the legal
//! clocks of incidents.

pub mod contacts;
pub mod incident;
pub mod roles;
