//! Peer comparison (diagnostics.md §9). Being written.
