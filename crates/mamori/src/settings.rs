//! Server settings, layered: built-in defaults, then the config file, then `MAMORI_*` environment
//! variables, then command-line flags (clap reads the last two, flags first).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use serde::Deserialize;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "mamori-data";

/// Where the data lives. Shared by `serve`, `backup`, `restore`, `user` and `token`.
#[derive(Args, Debug, Clone, Default)]
pub struct DatabaseArgs {
    /// Data directory; the SQLite database is DIR/mamori.db [default: ./mamori-data]
    #[arg(long, env = "MAMORI_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Use this database instead of the SQLite file, e.g. postgres://user@host/mamori
    #[arg(long, env = "MAMORI_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// Config file (TOML) [default: DIR/mamori.toml when it exists]
    #[arg(long, env = "MAMORI_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

#[derive(Args, Debug, Clone, Default)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DatabaseArgs,
    /// Address to listen on [default: 127.0.0.1:8080]
    #[arg(long, env = "MAMORI_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// The address users open, when a proxy stands in front (https:// marks cookies Secure)
    #[arg(long, env = "MAMORI_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Log format: text or json [default: text]
    #[arg(long, env = "MAMORI_LOG_FORMAT", value_name = "FORMAT")]
    pub log_format: Option<String>,
}

/// Where the people a console command makes a link for open the server (`user create`,
/// `user reset-link`): the same settings `serve` reads.
#[derive(Args, Debug, Clone, Default)]
pub struct LinkArgs {
    /// The address users open (as for `serve`); printed links start with it
    #[arg(long, env = "MAMORI_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// The address the server listens on (as for `serve`); links use it when no public URL is set
    #[arg(long, env = "MAMORI_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
}

/// The start of the links a console command prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkBase {
    pub url: String,
    /// True when the public URL was set; otherwise `url` is the listening address, which works
    /// on the server's machine but perhaps not on the people's.
    pub configured: bool,
}

/// The config file: the same settings as the flags, every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSettings {
    pub data_dir: Option<PathBuf>,
    pub database_url: Option<String>,
    pub listen: Option<SocketAddr>,
    pub public_url: Option<String>,
    pub log_format: Option<String>,
}

/// The settings after layering.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub listen: SocketAddr,
    pub public_url: Option<String>,
    pub json_logs: bool,
}

fn read_file(path: &Path) -> anyhow::Result<FileSettings> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file {}", path.display()))?;
    toml::from_str(&text)
        .with_context(|| format!("the config file {} is not valid", path.display()))
}

impl DatabaseArgs {
    fn file(&self) -> anyhow::Result<FileSettings> {
        match &self.config {
            Some(path) => read_file(path),
            None => {
                let dir = self
                    .data_dir
                    .clone()
                    .unwrap_or_else(|| DEFAULT_DATA_DIR.into());
                let path = dir.join("mamori.toml");
                if path.exists() {
                    read_file(&path)
                } else {
                    Ok(FileSettings::default())
                }
            }
        }
    }
}

impl ServeArgs {
    pub fn resolve(&self) -> anyhow::Result<Settings> {
        let file = self.db.file()?;
        let data_dir = self
            .db
            .data_dir
            .clone()
            .or(file.data_dir)
            .unwrap_or_else(|| DEFAULT_DATA_DIR.into());
        let database_url = match self.db.database_url.clone().or(file.database_url) {
            Some(url) => url,
            None => {
                std::fs::create_dir_all(&data_dir).with_context(|| {
                    format!("cannot create the data directory {}", data_dir.display())
                })?;
                mamori_storage::sqlite_url(&data_dir.join("mamori.db"))
            }
        };
        if mamori_storage::Backend::of_url(&database_url).is_none() {
            bail!("the database URL must start with sqlite: or postgres:// (got {database_url:?})");
        }
        let log_format = self.log_format.clone().or(file.log_format);
        let json_logs = match log_format.as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => bail!("the log format must be text or json (got {other:?})"),
        };
        Ok(Settings {
            database_url,
            listen: self
                .listen
                .or(file.listen)
                .unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("valid default")),
            public_url: self.public_url.clone().or(file.public_url),
            json_logs,
        })
    }
}

impl DatabaseArgs {
    /// Where people open the server, layered like `serve`'s settings: the public URL (flag,
    /// environment, config file), else the listening address.
    pub fn link_base(&self, link: &LinkArgs) -> anyhow::Result<LinkBase> {
        let settings = ServeArgs {
            db: self.clone(),
            public_url: link.public_url.clone(),
            listen: link.listen,
            ..ServeArgs::default()
        }
        .resolve()?;
        Ok(match settings.public_url {
            Some(url) => LinkBase {
                url: url.trim_end_matches('/').to_owned(),
                configured: true,
            },
            None => {
                let mut at = settings.listen;
                if at.ip().is_unspecified() {
                    at.set_ip(std::net::Ipv4Addr::LOCALHOST.into());
                }
                LinkBase {
                    url: format!("http://{at}"),
                    configured: false,
                }
            }
        })
    }

    /// The database URL for the maintenance commands.
    pub fn database_url(&self) -> anyhow::Result<String> {
        ServeArgs {
            db: self.clone(),
            ..ServeArgs::default()
        }
        .resolve()
        .map(|s| s.database_url)
    }
}
