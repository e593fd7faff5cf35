//! SECURITY ACTION readiness and maturity level (diagnostics.md §9). Being written.
