//! The running security programme (operations.md): the roles of the structure, the public
//! desks, the legal clocks of incidents and the registers with their alerts.

pub mod contacts;
pub mod incident;
pub mod plan;
pub mod registers;
pub mod roles;
