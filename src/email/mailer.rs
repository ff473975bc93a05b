//! Sends a built message over SMTP, or writes it as an `.eml` file when no SMTP server is configured.

use std::{path::Path, time::Duration};

use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use secrecy::ExposeSecret;

use crate::config::Settings;

pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// Development without an SMTP server: one `.eml` file per message.
    File(AsyncFileTransport<Tokio1Executor>),
}

/// Why a message was not accepted. `permanent` failures (SMTP 5xx) are not retried.
#[derive(Debug)]
pub struct SendError {
    pub permanent: bool,
    pub message: String,
}

impl Mailer {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Mailer> {
        match &settings.smtp_url {
            Some(url) => Self::smtp(url.expose_secret()),
            None => Self::file(&settings.data_dir.join("mail")),
        }
    }

    pub fn smtp(url: &str) -> anyhow::Result<Mailer> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|_| anyhow::anyhow!("INTAKE_SMTP_URL is not a valid SMTP URL"))?
            .timeout(Some(Duration::from_secs(15)))
            .build();
        Ok(Mailer::Smtp(transport))
    }

    pub fn file(dir: &Path) -> anyhow::Result<Mailer> {
        std::fs::create_dir_all(dir)
            .map_err(|e| anyhow::anyhow!("cannot create mail directory {}: {e}", dir.display()))?;
        Ok(Mailer::File(AsyncFileTransport::new(dir)))
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Mailer::Smtp(_) => "smtp",
            Mailer::File(_) => "eml files",
        }
    }

    pub async fn send(&self, message: Message) -> Result<(), SendError> {
        match self {
            Mailer::Smtp(transport) => transport.send(message).await.map(drop).map_err(|e| SendError {
                permanent: e.is_permanent(),
                message: truncate(&e.to_string(), 1000),
            }),
            Mailer::File(transport) => transport.send(message).await.map(drop).map_err(|e| SendError {
                permanent: false,
                message: truncate(&e.to_string(), 1000),
            }),
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}
