//! The web application over HTTP, on SQLite and PostgreSQL: one test binary, one module per
//! concern.

mod support;

mod actions;
mod activities;
mod app_layer;
mod assessments;
mod audit;
mod auth;
mod browser;
mod contacts;
mod diagnosis;
mod digest;
mod e2e;
mod incidents;
mod input;
mod journey;
mod language;
mod notes;
mod organisations;
mod plan;
mod redirects;
mod registers;
mod reports;
mod risk_api;
mod risk_pages;
mod risk_treatment;
mod structure;
mod tenancy;
