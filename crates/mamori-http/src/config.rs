use std::net::SocketAddr;

/// What the server needs to run; the CLI builds it from defaults, the config file, `MAMORI_*`
/// variables and flags, in that order.
#[derive(Debug, Clone)]
pub struct Config {
    pub listen: SocketAddr,
    pub database_url: String,
    /// The address users reach the server at, when it differs from `listen` (behind a proxy).
    /// An `https://` address marks cookies Secure.
    pub public_url: Option<String>,
    /// Print the one-time setup link when no user exists yet.
    pub announce_setup: bool,
    /// Where the daily e-mail of due dates goes out; no e-mail without it.
    pub mail: Option<MailConfig>,
}

/// The SMTP server and sender of the daily e-mail of due dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MailConfig {
    /// `smtp://host:25` (plain, for a relay on the same network), `smtp://host:587?tls=required`
    /// (STARTTLS) or `smtps://user:password@host:465`.
    pub smtp_url: String,
    /// The sender, `Mamori <mamori@example.jp>`.
    pub from: String,
    /// The hour (Japan time, 0-23) from which the day's e-mail goes out.
    pub digest_hour: u8,
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
