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
}

impl Config {
    pub fn secure_cookies(&self) -> bool {
        self.public_url
            .as_deref()
            .is_some_and(|u| u.starts_with("https://"))
    }
}
