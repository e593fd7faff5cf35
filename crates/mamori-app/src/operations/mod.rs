//! The running security programme (operations.md): roles, contacts, incidents, registers,
//! education and inspections, and every due date in one list.

pub mod activities;
pub mod calendar;
pub mod contacts;
pub mod digest;
pub mod due;
pub mod incidents;
pub mod plan;
pub mod registers;
pub mod roles;
