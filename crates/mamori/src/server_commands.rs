//! Commands that run or maintain a server's database: `serve`, `backup`, `restore`, `user`,
//! `token`.

use std::io::{BufReader, Write};
use std::path::Path;
use std::time::Duration;

use anyhow::Context;
use mamori_domain::Lang;
use mamori_storage::backup::{self, BackupProblem};
use mamori_storage::{Store, StoreError};
use mamori_web::{Config, Server};

use crate::CliError;
use crate::settings::{LinkBase, SettingsArgs};

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// Logs go to standard error through a background writer: a request thread formats its line and
/// hands it over instead of waiting on the terminal or pipe (a line per request at INFO cost about
/// a fifth of the throughput when written in place). Nothing is dropped: when the buffer is full,
/// writers wait. The guard flushes on drop, so it lives as long as the server.
fn init_logs(json: bool) -> tracing_appender::non_blocking::WorkerGuard {
    let filter = tracing_subscriber::EnvFilter::try_from_env("MAMORI_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn,tower_http=info"));
    let (writer, guard) = tracing_appender::non_blocking::NonBlockingBuilder::default()
        .lossy(false)
        .finish(std::io::stderr());
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer)
        .with_ansi(std::io::IsTerminal::is_terminal(&std::io::stderr()));
    if json {
        builder.json().init();
    } else {
        builder.init();
    }
    guard
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = term => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}

/// Large blocks (argon2's 19 MiB per password check) go straight to the operating system and back.
///
/// glibc raises its mmap threshold after the first large block is freed, so later 19 MiB blocks
/// came from the heap and were not given back: every failed sign-in grew the server by about
/// 19 MiB (measured: 17 → 173 MiB after eight). Setting the threshold explicitly turns that
/// adjustment off; blocks of 1 MiB and more are mapped and unmapped, and memory stays flat.
// The one unsafe call of the project: libc's allocator tuning has no safe wrapper.
#[allow(unsafe_code)]
fn bound_large_allocations() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes allocator tuning; called once, before any thread starts.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

pub fn serve(args: &SettingsArgs) -> Result<String, CliError> {
    bound_large_allocations();
    let settings = args.resolve()?;
    let _logs = init_logs(settings.json_logs);
    runtime()?.block_on(async {
        let server = Server::bind(Config {
            listen: settings.listen,
            database_url: settings.database_url.clone(),
            public_url: settings.public_url.clone(),
            announce_setup: true,
            mail: settings.mail.clone(),
        })
        .await
        .context("cannot start the server")?;
        let backend = server.state().store().backend().name();
        println!(
            "Mamori を起動しました / Mamori is running: {}",
            server.url()
        );
        match server.state().store().backend() {
            mamori_storage::Backend::Sqlite => println!(
                "  database: sqlite ({})",
                settings
                    .database_url
                    .trim_start_matches("sqlite://")
                    .trim_end_matches("?mode=rwc")
            ),
            _ => println!("  database: {backend}"),
        }
        if let Some(setup) = server.setup_url() {
            println!();
            println!("最初の管理者を登録してください（このリンクは一度だけ使えます）:");
            println!("Create the first administrator (this link works once):");
            println!("  {setup}");
            println!("または / or: mamori user create --email you@example.jp --name 名前 --admin");
        }
        let _ = std::io::stdout().flush();
        server
            .run(shutdown_signal())
            .await
            .context("the server failed")?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(String::new())
}

async fn open(db: &SettingsArgs) -> anyhow::Result<Store> {
    let url = db.database_url()?;
    Store::open(&url).await.context("cannot open the database")
}

pub fn backup(db: &SettingsArgs, out: &Path) -> Result<String, CliError> {
    runtime()?.block_on(async {
        let store = open(db).await?;
        // Written beside the target and renamed, so a failed backup never leaves half a file
        // under the name the user asked for.
        let partial = out.with_extension("partial");
        let file = create_private(&partial)
            .with_context(|| format!("cannot create {}", partial.display()))?;
        let mut writer = std::io::BufWriter::new(file);
        let counts = store
            .backup(&mut writer)
            .await
            .context("the backup failed")?;
        writer.flush().context("cannot write the backup")?;
        drop(writer);
        std::fs::rename(&partial, out)
            .with_context(|| format!("cannot write {}", out.display()))?;
        store.close().await;
        Ok(format!(
            "バックアップを書き出しました / backup written: {} ({} rows: {counts})\n",
            out.display(),
            counts.total()
        ))
    })
}

/// A new file only its owner can read: a backup holds password and token hashes and every
/// company's data. Created with mode 0600 rather than narrowed afterwards, so there is no moment
/// when others could open it; a leftover from an earlier failed run is removed first because
/// opening an existing file keeps its old mode.
fn create_private(path: &Path) -> std::io::Result<std::fs::File> {
    match std::fs::remove_file(path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    options.open(path)
}

/// Restores a backup, speaking the operator's language throughout: what is wrong with the file
/// (a problem in it exits 2), or what was restored and what deliberately was not.
pub fn restore(
    db: &SettingsArgs,
    file: &Path,
    replace: bool,
    lang: Lang,
) -> Result<String, CliError> {
    let l = |ja: String, en: String| match lang {
        Lang::Ja => ja,
        Lang::En => en,
    };
    let input = std::fs::File::open(file).map_err(|e| {
        let path = file.display();
        anyhow::anyhow!(match e.kind() {
            std::io::ErrorKind::NotFound => l(
                format!("バックアップファイル {path} が見つかりません。"),
                format!("the backup file {path} does not exist"),
            ),
            std::io::ErrorKind::PermissionDenied => l(
                format!("バックアップファイル {path} を読む権限がありません。"),
                format!("no permission to read the backup file {path}"),
            ),
            _ => l(
                format!("バックアップファイル {path} を開けません（{e}）。"),
                format!("cannot open the backup file {path}: {e}"),
            ),
        })
    })?;
    runtime()?.block_on(async {
        let store = open(db).await.map_err(|e| {
            anyhow::anyhow!(l(
                format!("復元先のデータベースを開けません（{e:#}）。"),
                format!("cannot open the target database: {e:#}"),
            ))
        })?;
        let restored = store.restore(BufReader::new(input), replace).await;
        store.close().await;
        let unchanged = l(
            "データベースは変更していません。".into(),
            "the database was not changed".into(),
        );
        let counts = match restored {
            Ok(counts) => counts,
            Err(StoreError::Backup(p @ BackupProblem::TargetNotEmpty)) => {
                return Err(CliError::Other(anyhow::anyhow!(p.message(lang))));
            }
            Err(StoreError::Backup(p)) => {
                let sep = if lang == Lang::Ja { "" } else { "; " };
                return Err(CliError::Invalid(vec![format!(
                    "{}{sep}{unchanged}",
                    p.message(lang)
                )]));
            }
            Err(e) => {
                return Err(CliError::Other(anyhow::anyhow!(l(
                    format!("復元に失敗しました。{unchanged}（{e}）"),
                    format!("the restore failed; {unchanged} ({e})"),
                ))));
            }
        };
        let left_out = backup::NOT_RESTORED
            .iter()
            .map(|t| match (*t, lang) {
                ("sessions", Lang::Ja) => "ログイン中のセッション",
                ("sessions", Lang::En) => "sessions",
                ("login_failures", Lang::Ja) => "ログイン失敗の回数",
                ("login_failures", Lang::En) => "sign-in failure counts",
                (other, _) => other,
            })
            .collect::<Vec<_>>();
        Ok(l(
            format!(
                "復元しました: {} 行（{counts}）\n\
                 復元していないもの: {}。全員があらためてログインします。\n",
                counts.total(),
                left_out.join("、")
            ),
            format!(
                "restored: {} rows ({counts})\n\
                 not restored, on purpose: {}; everyone signs in again\n",
                counts.total(),
                left_out.join(", ")
            ),
        ))
    })
}

/// A one-time password link as people open it, and, when no public URL is set, how to set one.
fn password_link(base: &LinkBase, token: &mamori_storage::Secret) -> String {
    let mut text = format!("  {}/password?token={}\n", base.url, token.expose());
    if !base.configured {
        text.push_str(
            "（公開アドレスが未設定のため、サーバーの待ち受けアドレスで表示しています。利用者が別の\
             パソコンから開くアドレスは、--public-url、環境変数 MAMORI_PUBLIC_URL、または設定ファイルの \
             public_url で設定します）\n\
             (No public URL is set, so the link uses the address the server listens on. Set the \
             address people open with --public-url, MAMORI_PUBLIC_URL or public_url in the config \
             file.)\n",
        );
    }
    text
}

pub fn user_create(
    db: &SettingsArgs,
    email: &str,
    name: &str,
    admin: bool,
) -> Result<String, CliError> {
    let mut problems = Vec::new();
    let email = mamori_app::fields::email("email", email, &mut problems);
    let name = mamori_app::fields::name("name", ("名前", "name"), name, &mut problems);
    let (Some(email), Some(name)) = (email, name) else {
        return Err(CliError::Invalid(
            problems
                .into_iter()
                .map(|p| format!("--{}: {}", p.field, p.message))
                .collect(),
        ));
    };
    let base = db.link_base()?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        let user = match store.create_user(&email, &name, None, admin).await {
            Err(StoreError::Conflict(_)) => {
                return Err(CliError::Invalid(vec![format!(
                    "--email: {email} はすでに登録されています / is already registered"
                )]));
            }
            other => other.context("cannot create the user")?,
        };
        let link = store
            .create_password_link(user.id, None, Duration::from_secs(7 * 24 * 3600))
            .await
            .context("cannot issue the password link")?;
        store.close().await;
        Ok(format!(
            "ユーザーを作成しました / user created: {email}{}\n\
             パスワード設定用リンク（7日間有効・一度だけ） / set-password link (7 days, once):\n{}",
            if admin {
                "（サイト管理者 / site administrator）"
            } else {
                ""
            },
            password_link(&base, &link)
        ))
    })
}

pub fn user_reset_link(db: &SettingsArgs, email: &str) -> Result<String, CliError> {
    let base = db.link_base()?;
    runtime()?.block_on(async {
        let store = open(db).await?;
        let Some(user) = store.user_by_email(email).await.context("cannot read users")? else {
            return Err(CliError::Invalid(vec![format!(
                "--email: {email} というユーザーはいません / no such user"
            )]));
        };
        let link = store
            .create_password_link(user.id, None, Duration::from_secs(24 * 3600))
            .await
            .context("cannot issue the password link")?;
        store.close().await;
        Ok(format!(
            "パスワード再設定用リンク（24時間有効・一度だけ） / password reset link (24 hours, once):\n{}",
            password_link(&base, &link)
        ))
    })
}

pub fn token_create(db: &SettingsArgs, email: &str, name: &str) -> Result<String, CliError> {
    runtime()?.block_on(async {
        let store = open(db).await?;
        let Some(user) = store
            .user_by_email(email)
            .await
            .context("cannot read users")?
        else {
            return Err(CliError::Invalid(vec![format!(
                "--email: {email} というユーザーはいません / no such user"
            )]));
        };
        let (_, secret) = store
            .create_api_token(user.id, name)
            .await
            .context("cannot create the token")?;
        store.close().await;
        Ok(format!("{}\n", secret.expose()))
    })
}
