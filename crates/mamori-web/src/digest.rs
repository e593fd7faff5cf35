//! Sending the daily e-mail of due dates (`mamori_app::operations::digest` writes it). The server
//! checks every minute; from the configured hour (Japan time) it claims the day in the database,
//! so of several servers on one database only one sends, and a restart does not send twice.

use std::time::Duration;

use lettre::message::Mailbox;
use lettre::message::header::ContentType;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use mamori_app::operations::digest::{DigestMail, compose};
use mamori_http::MailConfig;
use mamori_storage::Store;
use time::Date;

/// Why mail could not be sent.
#[derive(Debug, thiserror::Error)]
pub enum MailError {
    #[error("the SMTP settings are not usable: {0}")]
    Settings(String),
    #[error("the message could not be written: {0}")]
    Message(String),
    #[error("the SMTP server did not take the message: {0}")]
    Send(String),
    #[error("the database: {0}")]
    Store(String),
}

/// An SMTP connection pool and the sender.
#[derive(Clone)]
pub struct Mailer {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Mailer {
    pub fn new(config: &MailConfig) -> Result<Mailer, MailError> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(&config.smtp_url)
            .map_err(|e| MailError::Settings(e.to_string()))?
            .timeout(Some(Duration::from_secs(30)))
            .build();
        let from = config
            .from
            .parse()
            .map_err(|e: lettre::address::AddressError| MailError::Settings(e.to_string()))?;
        Ok(Mailer { transport, from })
    }

    pub async fn send(&self, mail: &DigestMail) -> Result<(), MailError> {
        let to = Mailbox::new(
            Some(mail.to_name.clone()),
            mail.to_email
                .parse()
                .map_err(|e: lettre::address::AddressError| MailError::Message(e.to_string()))?,
        );
        let message = Message::builder()
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_PLAIN)
            .body(mail.body.clone())
            .map_err(|e| MailError::Message(e.to_string()))?;
        self.transport
            .send(message)
            .await
            .map_err(|e| MailError::Send(e.to_string()))?;
        Ok(())
    }
}

/// Sends `day`'s e-mails unless that day was claimed already; returns how many went out (`None`
/// when another run had the day). A person whose address the server refuses is logged and
/// skipped; the others still receive theirs.
pub async fn run_once(
    store: &Store,
    mailer: &Mailer,
    day: Date,
    base: &str,
) -> Result<Option<u64>, MailError> {
    let key = day.to_string();
    if !store
        .claim_digest_day(&key)
        .await
        .map_err(|e| MailError::Store(e.to_string()))?
    {
        return Ok(None);
    }
    let mails = compose(store, day, base)
        .await
        .map_err(|e| MailError::Store(e.to_string()))?;
    let mut sent = 0;
    for mail in &mails {
        match mailer.send(mail).await {
            Ok(()) => sent += 1,
            Err(e) => tracing::warn!(user = mail.user.0, error = %e, "digest e-mail not sent"),
        }
    }
    store
        .finish_digest_day(&key, sent)
        .await
        .map_err(|e| MailError::Store(e.to_string()))?;
    tracing::info!(day = %key, sent, of = mails.len(), "digest e-mails sent");
    Ok(Some(sent))
}

/// Checks every minute and sends the day's e-mails from `config.digest_hour` (Japan time).
pub async fn schedule(store: Store, config: MailConfig, base: String) {
    let mailer = match Mailer::new(&config) {
        Ok(m) => m,
        Err(e) => {
            tracing::error!(error = %e, "no digest e-mails: the SMTP settings are not usable");
            return;
        }
    };
    let mut tick = tokio::time::interval(Duration::from_secs(60));
    loop {
        tick.tick().await;
        let now = time::OffsetDateTime::now_utc().to_offset(time::macros::offset!(+9));
        if now.hour() < config.digest_hour {
            continue;
        }
        if let Err(e) = run_once(&store, &mailer, now.date(), &base).await {
            tracing::warn!(error = %e, "digest e-mails failed");
        }
    }
}
