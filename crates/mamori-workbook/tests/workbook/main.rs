//! `cargo test -p mamori-workbook`: the register's files, end to end through bytes.

mod common;
mod csv_files;
mod headers;
mod large;
mod problems;
mod round_trip;
mod second_library;
