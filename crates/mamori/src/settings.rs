//! Server settings, layered: built-in defaults, then the config file, then `MAMORI_*` environment
//! variables, then command-line flags (clap reads the last two, flags first).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use clap::Args;
use serde::Deserialize;

pub const DEFAULT_LISTEN: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "mamori-data";

/// Every setting, declared once: clap reads it from the flags and the `MAMORI_*` variables, serde
/// from the config file (the same keys), and [`SettingsArgs::resolve`] layers the two over the
/// built-in defaults. Every command takes it (a maintenance command uses what it needs: the
/// database, and for printed links the public URL or the listening address).
#[derive(Args, Deserialize, Debug, Clone, Default)]
#[serde(deny_unknown_fields)]
pub struct Layer {
    /// Data directory; the SQLite database is DIR/mamori.db [default: ./mamori-data]
    #[arg(long, env = "MAMORI_DATA_DIR", value_name = "DIR")]
    pub data_dir: Option<PathBuf>,
    /// Use this database instead of the SQLite file, e.g. postgres://user@host/mamori
    #[arg(long, env = "MAMORI_DATABASE_URL", value_name = "URL")]
    pub database_url: Option<String>,
    /// Address to listen on [default: 127.0.0.1:8080]; printed links use it when no public URL is set
    #[arg(long, env = "MAMORI_LISTEN", value_name = "ADDR")]
    pub listen: Option<SocketAddr>,
    /// The address users open, when a proxy stands in front (https:// marks cookies Secure);
    /// printed links start with it
    #[arg(long, env = "MAMORI_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Log format: text or json [default: text]
    #[arg(long, env = "MAMORI_LOG_FORMAT", value_name = "FORMAT")]
    pub log_format: Option<String>,
    /// SMTP server for the daily e-mail of due dates: smtp://host:25, smtp://host:587?tls=required
    /// or smtps://user:password@host:465 [default: no e-mail]
    #[arg(long, env = "MAMORI_SMTP_URL", value_name = "URL")]
    pub smtp_url: Option<String>,
    /// Sender of the e-mail, e.g. "Mamori <mamori@example.jp>" (required with --smtp-url)
    #[arg(long, env = "MAMORI_MAIL_FROM", value_name = "ADDRESS")]
    pub mail_from: Option<String>,
    /// Hour (Japan time, 0-23) from which the day's e-mail goes out [default: 8]
    #[arg(long, env = "MAMORI_DIGEST_HOUR", value_name = "HOUR")]
    pub digest_hour: Option<u8>,
}

impl Layer {
    /// This layer over `below`: a setting given here wins.
    fn over(self, below: Layer) -> Layer {
        Layer {
            data_dir: self.data_dir.or(below.data_dir),
            database_url: self.database_url.or(below.database_url),
            listen: self.listen.or(below.listen),
            public_url: self.public_url.or(below.public_url),
            log_format: self.log_format.or(below.log_format),
            smtp_url: self.smtp_url.or(below.smtp_url),
            mail_from: self.mail_from.or(below.mail_from),
            digest_hour: self.digest_hour.or(below.digest_hour),
        }
    }
}

/// The settings of the command line (flags and environment) and where the config file is.
#[derive(Args, Debug, Clone, Default)]
pub struct SettingsArgs {
    #[command(flatten)]
    pub layer: Layer,
    /// Config file (TOML, the keys of the flags above) [default: DIR/mamori.toml when it exists]
    #[arg(long, env = "MAMORI_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
}

/// The start of the links a console command prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkBase {
    pub url: String,
    /// True when the public URL was set; otherwise `url` is the listening address, which works
    /// on the server's machine but perhaps not on the people's.
    pub configured: bool,
}

/// The settings after layering.
#[derive(Debug, Clone)]
pub struct Settings {
    pub database_url: String,
    pub listen: SocketAddr,
    pub public_url: Option<String>,
    pub json_logs: bool,
    pub mail: Option<mamori_web::MailConfig>,
}

fn read_file(path: &Path) -> anyhow::Result<Layer> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read the config file {}", path.display()))?;
    toml::from_str(&text)
        .with_context(|| format!("the config file {} is not valid", path.display()))
}

impl SettingsArgs {
    /// The config file's layer: `--config`, else DIR/mamori.toml when it exists.
    fn file(&self) -> anyhow::Result<Layer> {
        match &self.config {
            Some(path) => read_file(path),
            None => {
                let dir = self
                    .layer
                    .data_dir
                    .clone()
                    .unwrap_or_else(|| DEFAULT_DATA_DIR.into());
                let path = dir.join("mamori.toml");
                if path.exists() {
                    read_file(&path)
                } else {
                    Ok(Layer::default())
                }
            }
        }
    }

    /// Defaults, then the config file, then the environment and the flags.
    pub fn resolve(&self) -> anyhow::Result<Settings> {
        let given = self.layer.clone().over(self.file()?);
        let data_dir = given.data_dir.unwrap_or_else(|| DEFAULT_DATA_DIR.into());
        let database_url = match given.database_url {
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
        let json_logs = match given.log_format.as_deref() {
            None | Some("text") => false,
            Some("json") => true,
            Some(other) => bail!("the log format must be text or json (got {other:?})"),
        };
        let digest_hour = given.digest_hour.unwrap_or(8);
        if digest_hour > 23 {
            bail!("the digest hour must be 0 to 23 (got {digest_hour})");
        }
        let mail = match (given.smtp_url, given.mail_from) {
            (None, None) => None,
            (Some(_), None) => bail!("an SMTP URL needs a sender: set mail_from as well"),
            (None, Some(_)) => bail!("a sender needs an SMTP server: set smtp_url as well"),
            (Some(smtp_url), Some(from)) => {
                if !(smtp_url.starts_with("smtp://") || smtp_url.starts_with("smtps://")) {
                    bail!("the SMTP URL must start with smtp:// or smtps:// (got {smtp_url:?})");
                }
                Some(mamori_web::MailConfig {
                    smtp_url,
                    from,
                    digest_hour,
                })
            }
        };
        Ok(Settings {
            database_url,
            listen: given
                .listen
                .unwrap_or_else(|| DEFAULT_LISTEN.parse().expect("valid default")),
            public_url: given.public_url,
            json_logs,
            mail,
        })
    }

    /// Where people open the server: the public URL, else the listening address.
    pub fn link_base(&self) -> anyhow::Result<LinkBase> {
        let settings = self.resolve()?;
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
        self.resolve().map(|s| s.database_url)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolve(layer: Layer) -> anyhow::Result<Settings> {
        let dir = tempfile::tempdir().unwrap();
        SettingsArgs {
            layer: Layer {
                data_dir: Some(dir.path().to_owned()),
                database_url: Some("sqlite::memory:".into()),
                ..layer
            },
            config: None,
        }
        .resolve()
    }

    #[test]
    fn e_mail_needs_both_a_server_and_a_sender_and_a_real_hour() {
        assert!(resolve(Layer::default()).unwrap().mail.is_none());
        let half = resolve(Layer {
            smtp_url: Some("smtp://127.0.0.1:25".into()),
            ..Layer::default()
        });
        assert!(half.unwrap_err().to_string().contains("mail_from"));
        let both = resolve(Layer {
            smtp_url: Some("smtps://user:secret@mail.example.jp:465".into()),
            mail_from: Some("Mamori <mamori@example.jp>".into()),
            ..Layer::default()
        })
        .unwrap();
        assert_eq!(both.mail.unwrap().digest_hour, 8);
        let late = resolve(Layer {
            smtp_url: Some("smtp://127.0.0.1:25".into()),
            mail_from: Some("mamori@example.jp".into()),
            digest_hour: Some(24),
            ..Layer::default()
        });
        assert!(late.unwrap_err().to_string().contains("0 to 23"));
        let http = resolve(Layer {
            smtp_url: Some("http://mail.example.jp".into()),
            mail_from: Some("mamori@example.jp".into()),
            ..Layer::default()
        });
        assert!(http.unwrap_err().to_string().contains("smtp://"));
    }
}
