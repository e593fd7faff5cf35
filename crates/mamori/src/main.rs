//! `mamori`: the one binary: the web application (`serve`) and the command line.

mod commands;
mod render;
mod server_commands;
mod settings;

use clap::{Parser, Subcommand, ValueEnum};
use mamori_domain::Lang;
use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mamori",
    version,
    about = "Mamori（守り）: 中小企業の情報セキュリティ診断 / information security for SMEs"
)]
struct Cli {
    /// Output format: text for people, json for programs (default: text on a terminal, json
    /// otherwise); pdf and docx write the result sheet of `assess` to --out.
    #[arg(long, global = true, value_enum)]
    format: Option<Format>,
    /// Language of text output and error messages.
    #[arg(long, global = true, value_enum, default_value = "ja")]
    lang: LangArg,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Runs the web application.
    ///
    /// Settings come from built-in defaults, then the config file (TOML with the keys data_dir,
    /// database_url, listen, public_url, log_format, smtp_url, mail_from, digest_hour), then
    /// MAMORI_* environment variables, then these flags. With no options the data lives in
    /// ./mamori-data/mamori.db (SQLite), the server listens on 127.0.0.1:8080 and sends no
    /// e-mail. MAMORI_LOG sets the log filter (e.g. info, debug).
    Serve(settings::SettingsArgs),
    /// Writes a consistent backup (JSON Lines) while the server runs; restores into SQLite or PostgreSQL.
    Backup {
        #[command(flatten)]
        db: settings::SettingsArgs,
        /// The backup file to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Restores a backup into an empty database (or replaces everything with --replace).
    Restore {
        #[command(flatten)]
        db: settings::SettingsArgs,
        /// The backup file to read.
        file: PathBuf,
        /// Delete the current data first (in the same transaction).
        #[arg(long)]
        replace: bool,
    },
    /// Manages users from the server's console.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Creates an API token for a user (printed once).
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Lists or shows the questionnaires (catalogs) built into this binary.
    Catalog {
        #[command(subcommand)]
        command: CatalogCommand,
    },
    /// Scores one answer set.
    Assess {
        /// Catalog id, e.g. self-check-25.
        #[arg(long)]
        catalog: String,
        /// Answer file (JSON); `-` reads standard input.
        #[arg(long)]
        answers: PathBuf,
        /// The file the result sheet is written to (required with --format pdf or docx).
        #[arg(long)]
        out: Option<PathBuf>,
        /// The company named on the result sheet (pdf, docx).
        #[arg(long)]
        company: Option<String>,
    },
    /// Risk analysis of information assets.
    Risk {
        #[command(subcommand)]
        command: RiskCommand,
    },
}

#[derive(Subcommand)]
enum UserCommand {
    /// Creates a user and prints a one-time link to choose a password.
    ///
    /// The link starts with the public URL (--public-url, MAMORI_PUBLIC_URL or public_url in the
    /// config file, as for serve), else with the address the server listens on.
    Create {
        #[command(flatten)]
        db: settings::SettingsArgs,
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// Make the user a site administrator (manages users).
        #[arg(long)]
        admin: bool,
    },
    /// Prints a one-time password reset link for a user (the link starts as for `user create`).
    ResetLink {
        #[command(flatten)]
        db: settings::SettingsArgs,
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
enum TokenCommand {
    /// Creates an API token and prints it (only this once).
    Create {
        #[command(flatten)]
        db: settings::SettingsArgs,
        #[arg(long)]
        email: String,
        #[arg(long, default_value = "cli")]
        name: String,
    },
}

#[derive(Subcommand)]
enum CatalogCommand {
    /// Lists catalogs: id, version, title, number of items.
    List,
    /// Prints one catalog: groups, items and answer scale.
    Show { id: String },
}

#[derive(Subcommand)]
enum RiskCommand {
    /// Evaluates assets: importance, likelihood, risk value and level.
    Evaluate {
        /// Input file (JSON); `-` reads standard input.
        #[arg(long)]
        input: PathBuf,
    },
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// The result sheet as PDF (assess only, with --out).
    Pdf,
    /// The result sheet as a Word document (assess only, with --out).
    Docx,
}

#[derive(Clone, Copy, ValueEnum)]
enum LangArg {
    Ja,
    En,
}

/// How a command failed, which decides the exit status.
#[derive(Debug, thiserror::Error)]
pub enum CliError {
    /// The input was wrong: every problem, already worded for the reader. Exit status 2.
    #[error("invalid input")]
    Invalid(Vec<String>),
    /// Anything else. Exit status 1.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let lang = match cli.lang {
        LangArg::Ja => Lang::Ja,
        LangArg::En => Lang::En,
    };
    let format = cli.format.unwrap_or(if std::io::stdout().is_terminal() {
        Format::Text
    } else {
        Format::Json
    });
    let out = commands::Output { format, lang };
    let result = match cli.command {
        Command::Catalog {
            command: CatalogCommand::List,
        } => commands::catalog_list(out),
        Command::Catalog {
            command: CatalogCommand::Show { id },
        } => commands::catalog_show(out, &id),
        Command::Assess {
            catalog,
            answers,
            out: file,
            company,
        } => match file {
            Some(file) => {
                commands::assess_sheet(out, &catalog, &answers, &file, company.as_deref())
            }
            None => commands::assess(out, &catalog, &answers),
        },
        Command::Risk {
            command: RiskCommand::Evaluate { input },
        } => commands::risk_evaluate(out, &input),
        Command::Serve(args) => server_commands::serve(&args),
        Command::Backup { db, out } => server_commands::backup(&db, &out),
        Command::Restore { db, file, replace } => {
            server_commands::restore(&db, &file, replace, lang)
        }
        Command::User {
            command:
                UserCommand::Create {
                    db,
                    email,
                    name,
                    admin,
                },
        } => server_commands::user_create(&db, &email, &name, admin),
        Command::User {
            command: UserCommand::ResetLink { db, email },
        } => server_commands::user_reset_link(&db, &email),
        Command::Token {
            command: TokenCommand::Create { db, email, name },
        } => server_commands::token_create(&db, &email, &name),
    };
    match result {
        Ok(text) => {
            print!("{text}");
            ExitCode::SUCCESS
        }
        Err(CliError::Invalid(problems)) => {
            let heading = match lang {
                Lang::Ja => format!("入力に {} 件の問題があります:", problems.len()),
                Lang::En => format!("the input has {} problem(s):", problems.len()),
            };
            eprintln!("{heading}");
            for p in problems {
                eprintln!("  - {p}");
            }
            ExitCode::from(2)
        }
        Err(CliError::Other(e)) => {
            let prefix = match lang {
                Lang::Ja => "エラー",
                Lang::En => "error",
            };
            eprintln!("{prefix}: {e:#}");
            ExitCode::FAILURE
        }
    }
}
