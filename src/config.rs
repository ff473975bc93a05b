//! Typed settings, read once from `INTAKE_*` environment variables at start.
//!
//! A bad value stops the process with one line naming the variable (see [`ConfigError`]).

use std::{net::SocketAddr, path::PathBuf, str::FromStr, time::Duration};

use base64::Engine as _;
use lettre::message::Mailbox;
use secrecy::{ExposeSecret, SecretBox, SecretString};

/// Everything the process needs to know about its environment.
#[derive(Debug)]
pub struct Settings {
    /// `INTAKE_ENV`: development (the default, with fallbacks) or production (no fallbacks).
    pub environment: Environment,
    /// `INTAKE_AUTO_MIGRATE` (on): `serve` and the other commands apply pending migrations first;
    /// off, they check that the schema is current and refuse to start otherwise (`intake migrate`
    /// applies them, as a release step run with the database owner's role).
    pub auto_migrate: bool,
    /// `None`: start a private PostgreSQL cluster under `data_dir/pg`.
    pub database_url: Option<SecretString>,
    pub data_dir: PathBuf,
    /// Where the PostgreSQL server programs are, for the private cluster (default: discovered).
    pub pg_bin_dir: Option<PathBuf>,
    pub listen: SocketAddr,
    /// Absolute base for links in emails, without a trailing slash.
    pub base_url: String,
    /// True when `INTAKE_BASE_URL` was set: forms are then accepted only from its origin.
    pub base_url_set: bool,
    /// Reverse proxies whose `X-Forwarded-For` is believed (`INTAKE_TRUSTED_PROXIES`, none by default).
    pub trusted_proxies: Vec<ipnet::IpNet>,
    /// `None`: write `.eml` files under `data_dir/mail`.
    pub smtp_url: Option<SecretString>,
    pub firm_email: Mailbox,
    pub mail_from: Mailbox,
    pub firm_name: String,
    /// How applicants reach the firm and who answers for their data: shown in every page's
    /// footer, on the contact page and in the privacy notice.
    pub firm_contact: std::sync::Arc<FirmContact>,
    pub firm_time_zone: chrono_tz::Tz,
    pub session_key: SessionKey,
    pub rate_limit: RateLimit,
    pub secure_cookies: bool,
    pub outbox: OutboxSettings,
    /// Days a draft application is kept after its last change.
    pub draft_days: u16,
    /// Days an unconverted lead (declined, no-show, spam) is kept after submission before it is
    /// erased, and a contact-form enquiry before it is deleted (`INTAKE_LEAD_RETENTION_DAYS`, 365).
    pub lead_retention_days: u16,
    /// Days a delivered (or dead, or withdrawn) email keeps its addresses, subject, bodies and
    /// attachments before they are emptied (`INTAKE_OUTBOX_RETENTION_DAYS`, 30).
    pub outbox_retention_days: u16,
    /// Where `/metrics` is served, apart from the public listener (`INTAKE_METRICS_LISTEN`,
    /// 127.0.0.1:9464); `None`: not served (`off`).
    pub metrics_listen: Option<SocketAddr>,
    /// The brief warns that medians may be out of date when the newest wage edition is older than this many months
    /// (`INTAKE_WAGE_STALE_MONTHS`, 13: Job Bank updates every fall).
    pub wage_stale_months: u32,
    /// A staff session ends after this long without a request (`INTAKE_STAFF_IDLE_MINUTES`, 30).
    pub staff_idle_timeout: Duration,
    /// A staff session ends this long after sign-in, however active (`INTAKE_STAFF_SESSION_HOURS`, 12).
    pub staff_session_lifetime: Duration,
    /// New bookings allowed per address block (IPv4 /24, IPv6 /64) in 24 hours
    /// (`INTAKE_BOOKINGS_PER_BLOCK_PER_DAY`, 5; `None`: off).
    pub bookings_per_block_per_day: Option<u32>,
    /// Admins are emailed when this many bookings were made within an hour
    /// (`INTAKE_BOOKING_ALERT_PER_HOUR`, 20; `None`: off), at most once an hour.
    pub booking_alert_per_hour: Option<u32>,
}

/// Where intake runs: development allows fallbacks (a private PostgreSQL cluster, emails written
/// to files, a random session key); production refuses to start without real settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Environment {
    Development,
    Production,
}

/// The cookie encryption key: 64 bytes or more, never printed.
pub struct SessionKey {
    bytes: SecretBox<Vec<u8>>,
    /// True when no key was configured and one was drawn at random for this process.
    pub ephemeral: bool,
}

impl SessionKey {
    pub fn random() -> Self {
        let mut bytes = vec![0u8; 64];
        rand::fill(&mut bytes[..]);
        Self {
            bytes: SecretBox::new(Box::new(bytes)),
            ephemeral: true,
        }
    }

    pub fn bytes(&self) -> &[u8] {
        self.bytes.expose_secret()
    }
}

impl std::fmt::Debug for SessionKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("SessionKey([REDACTED])")
    }
}

/// Limit on POST requests per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RateLimit {
    Off,
    PerMinute(u64),
}

impl RateLimit {
    pub const DEFAULT: RateLimit = RateLimit::PerMinute(60);
}

/// Delivery policy of the email outbox worker.
#[derive(Debug, Clone, Copy)]
pub struct OutboxSettings {
    /// A message is marked dead after this many failed attempts.
    pub max_attempts: i32,
    /// Delay before the first retry; doubled after each failure.
    pub base_backoff: Duration,
    /// How often the worker looks for due rows when no notification wakes it.
    pub poll_interval: Duration,
}

impl Default for OutboxSettings {
    fn default() -> Self {
        Self {
            max_attempts: 8,
            base_backoff: Duration::from_secs(60),
            poll_interval: Duration::from_secs(5),
        }
    }
}

/// A configuration value that cannot be used, with the variable that holds it.
#[derive(Debug, thiserror::Error)]
#[error("{var}: {problem}")]
pub struct ConfigError {
    pub var: &'static str,
    pub problem: String,
}

impl ConfigError {
    fn new(var: &'static str, problem: impl Into<String>) -> Self {
        Self {
            var,
            problem: problem.into(),
        }
    }
}

impl Settings {
    /// Reads the process environment (after an optional `.env` file).
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|key| std::env::var(key).ok())
    }

    /// Reads settings through `get`, so tests can supply their own variables.
    pub fn from_lookup(get: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let var = |key: &'static str| get(key).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty());
        // A secret may also come from a file named by `<NAME>_FILE` (systemd credentials,
        // container secrets); the two together are refused rather than one silently winning.
        let secret = |key: &'static str, file_key: &'static str| -> Result<Option<String>, ConfigError> {
            match (var(key), var(file_key)) {
                (Some(_), Some(_)) => Err(ConfigError::new(file_key, format!("set {key} or {file_key}, not both"))),
                (value, None) => Ok(value),
                (None, Some(path)) => read_secret_file(&path)
                    .map(Some)
                    .map_err(|problem| ConfigError::new(file_key, problem)),
            }
        };

        let environment = match var("INTAKE_ENV").as_deref().map(str::to_ascii_lowercase).as_deref() {
            None | Some("development") | Some("dev") => Environment::Development,
            Some("production") | Some("prod") => Environment::Production,
            Some(v) => {
                return Err(ConfigError::new(
                    "INTAKE_ENV",
                    format!("`{v}` should be development or production"),
                ));
            }
        };

        let auto_migrate = match var("INTAKE_AUTO_MIGRATE") {
            None => true,
            Some(v) => parse_bool(&v).ok_or_else(|| ConfigError::new("INTAKE_AUTO_MIGRATE", "must be on or off"))?,
        };

        let (database_url, database_var) = match secret("INTAKE_DATABASE_URL", "INTAKE_DATABASE_URL_FILE")? {
            Some(url) => (Some(url), "INTAKE_DATABASE_URL"),
            None => (var("DATABASE_URL"), "DATABASE_URL"),
        };
        if let Some(url) = &database_url
            && !(url.starts_with("postgres://") || url.starts_with("postgresql://"))
        {
            return Err(ConfigError::new(
                database_var,
                "must be a postgres:// or postgresql:// URL",
            ));
        }

        let data_dir = PathBuf::from(var("INTAKE_DATA_DIR").unwrap_or_else(|| "./var".into()));

        let pg_bin_dir = var("INTAKE_PG_BIN_DIR").map(PathBuf::from);

        let listen = match var("INTAKE_LISTEN") {
            None => SocketAddr::from(([127, 0, 0, 1], 8080)),
            Some(v) => SocketAddr::from_str(&v).map_err(|_| {
                ConfigError::new("INTAKE_LISTEN", format!("`{v}` is not an address like 127.0.0.1:8080"))
            })?,
        };

        let base_url_set = var("INTAKE_BASE_URL").is_some();
        let base_url = match var("INTAKE_BASE_URL") {
            None => format!("http://{listen}"),
            Some(v) => parse_base_url(&v)
                .ok_or_else(|| ConfigError::new("INTAKE_BASE_URL", format!("`{v}` is not an absolute http(s) URL")))?,
        };

        let trusted_proxies = match var("INTAKE_TRUSTED_PROXIES") {
            None => Vec::new(),
            Some(v) => parse_networks(&v).map_err(|problem| ConfigError::new("INTAKE_TRUSTED_PROXIES", problem))?,
        };

        let smtp_url = match secret("INTAKE_SMTP_URL", "INTAKE_SMTP_URL_FILE")? {
            None => None,
            Some(v) => {
                lettre::AsyncSmtpTransport::<lettre::Tokio1Executor>::from_url(&v)
                    .map_err(|_| ConfigError::new("INTAKE_SMTP_URL", "is not a valid smtp:// or smtps:// URL"))?;
                Some(SecretString::from(v))
            }
        };

        let firm_name = var("INTAKE_FIRM_NAME").unwrap_or_else(|| "Northbridge Immigration Law".into());
        if firm_name.chars().count() > 120 || firm_name.chars().any(char::is_control) {
            return Err(ConfigError::new(
                "INTAKE_FIRM_NAME",
                "must be one line of at most 120 characters",
            ));
        }

        let firm_address = var("INTAKE_FIRM_EMAIL").unwrap_or_else(|| "consultations@example.com".into());
        let firm_address: lettre::Address = firm_address
            .parse()
            .map_err(|_| ConfigError::new("INTAKE_FIRM_EMAIL", format!("`{firm_address}` is not an email address")))?;
        let firm_email = Mailbox::new(Some(firm_name.clone()), firm_address);

        let mail_from = match var("INTAKE_MAIL_FROM") {
            None => firm_email.clone(),
            Some(v) => v
                .parse::<Mailbox>()
                .map_err(|_| ConfigError::new("INTAKE_MAIL_FROM", format!("`{v}` is not an email address")))?,
        };

        let firm_contact = FirmContact::from_vars(
            var("INTAKE_FIRM_ADDRESS"),
            var("INTAKE_FIRM_PHONE"),
            var("INTAKE_PRIVACY_EMAIL"),
            firm_email.email.to_string(),
        )?;

        let firm_time_zone = match var("INTAKE_FIRM_TIME_ZONE") {
            None => chrono_tz::America::Toronto,
            Some(v) => v.parse::<chrono_tz::Tz>().map_err(|_| {
                ConfigError::new(
                    "INTAKE_FIRM_TIME_ZONE",
                    format!("`{v}` is not an IANA time zone such as America/Toronto"),
                )
            })?,
        };

        let session_key = match secret("INTAKE_SESSION_KEY", "INTAKE_SESSION_KEY_FILE")? {
            None => SessionKey::random(),
            Some(v) => {
                let bytes = base64::engine::general_purpose::STANDARD
                    .decode(v.as_bytes())
                    .or_else(|_| base64::engine::general_purpose::URL_SAFE.decode(v.as_bytes()))
                    .map_err(|_| ConfigError::new("INTAKE_SESSION_KEY", "is not valid base64"))?;
                if bytes.len() < 64 {
                    return Err(ConfigError::new(
                        "INTAKE_SESSION_KEY",
                        format!(
                            "must decode to at least 64 bytes (it has {}); try `openssl rand -base64 64`",
                            bytes.len()
                        ),
                    ));
                }
                SessionKey {
                    bytes: SecretBox::new(Box::new(bytes)),
                    ephemeral: false,
                }
            }
        };

        let rate_limit = match var("INTAKE_RATE_LIMIT")
            .as_deref()
            .map(str::to_ascii_lowercase)
            .as_deref()
        {
            None | Some("on") => RateLimit::DEFAULT,
            Some("off") => RateLimit::Off,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if n > 0 => RateLimit::PerMinute(n),
                _ => {
                    return Err(ConfigError::new(
                        "INTAKE_RATE_LIMIT",
                        format!("`{v}` should be on, off, or the number of POSTs allowed per minute per address"),
                    ));
                }
            },
        };

        let secure_cookies = match var("INTAKE_SECURE_COOKIES") {
            None => base_url.starts_with("https://"),
            Some(v) => {
                parse_bool(&v).ok_or_else(|| ConfigError::new("INTAKE_SECURE_COOKIES", "must be true or false"))?
            }
        };

        let mut outbox = OutboxSettings::default();
        if let Some(v) = var("INTAKE_OUTBOX_MAX_ATTEMPTS") {
            outbox.max_attempts = v
                .parse()
                .ok()
                .filter(|n| (1..=100).contains(n))
                .ok_or_else(|| ConfigError::new("INTAKE_OUTBOX_MAX_ATTEMPTS", "must be a number from 1 to 100"))?;
        }

        if let Some(v) = var("INTAKE_OUTBOX_RETRY_SECONDS") {
            let seconds: u64 =
                v.parse().ok().filter(|n| (1..=3600).contains(n)).ok_or_else(|| {
                    ConfigError::new("INTAKE_OUTBOX_RETRY_SECONDS", "must be a number from 1 to 3600")
                })?;
            outbox.base_backoff = Duration::from_secs(seconds);
        }

        let draft_days = match var("INTAKE_DRAFT_DAYS") {
            None => 30,
            Some(v) => v
                .parse::<u16>()
                .ok()
                .filter(|n| (1..=365).contains(n))
                .ok_or_else(|| ConfigError::new("INTAKE_DRAFT_DAYS", "must be a number of days from 1 to 365"))?,
        };

        let lead_retention_days = match var("INTAKE_LEAD_RETENTION_DAYS") {
            None => 365,
            Some(v) => v
                .parse::<u16>()
                .ok()
                .filter(|n| (30..=3650).contains(n))
                .ok_or_else(|| {
                    ConfigError::new("INTAKE_LEAD_RETENTION_DAYS", "must be a number of days from 30 to 3650")
                })?,
        };

        let outbox_retention_days = match var("INTAKE_OUTBOX_RETENTION_DAYS") {
            None => 30,
            Some(v) => v.parse::<u16>().ok().filter(|n| (1..=365).contains(n)).ok_or_else(|| {
                ConfigError::new("INTAKE_OUTBOX_RETENTION_DAYS", "must be a number of days from 1 to 365")
            })?,
        };

        let metrics_listen = match var("INTAKE_METRICS_LISTEN").as_deref().map(str::trim) {
            None | Some("") => Some(SocketAddr::from(([127, 0, 0, 1], 9464))),
            Some("off") => None,
            Some(v) => Some(v.parse::<SocketAddr>().map_err(|_| {
                ConfigError::new(
                    "INTAKE_METRICS_LISTEN",
                    "must be an address and port such as 127.0.0.1:9464, or off",
                )
            })?),
        };

        let wage_stale_months = match var("INTAKE_WAGE_STALE_MONTHS") {
            None => 13,
            Some(v) => v.parse::<u32>().ok().filter(|n| (1..=120).contains(n)).ok_or_else(|| {
                ConfigError::new("INTAKE_WAGE_STALE_MONTHS", "must be a number of months from 1 to 120")
            })?,
        };

        // 0 ends every session at its next request (tests of expiry use it).
        let staff_idle_minutes = match var("INTAKE_STAFF_IDLE_MINUTES") {
            None => 30,
            Some(v) => v.parse::<u64>().ok().filter(|n| *n <= 24 * 60).ok_or_else(|| {
                ConfigError::new(
                    "INTAKE_STAFF_IDLE_MINUTES",
                    "must be a number of minutes from 0 to 1440",
                )
            })?,
        };
        let staff_session_hours = match var("INTAKE_STAFF_SESSION_HOURS") {
            None => 12,
            Some(v) => v.parse::<u64>().ok().filter(|n| *n <= 24 * 7).ok_or_else(|| {
                ConfigError::new("INTAKE_STAFF_SESSION_HOURS", "must be a number of hours from 0 to 168")
            })?,
        };

        let bookings_per_block_per_day = count_or_off(var("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY"), 5, 1..=10_000)
            .ok_or_else(|| {
                ConfigError::new(
                    "INTAKE_BOOKINGS_PER_BLOCK_PER_DAY",
                    "must be off or a number of bookings from 1 to 10000",
                )
            })?;
        let booking_alert_per_hour =
            count_or_off(var("INTAKE_BOOKING_ALERT_PER_HOUR"), 20, 1..=10_000).ok_or_else(|| {
                ConfigError::new(
                    "INTAKE_BOOKING_ALERT_PER_HOUR",
                    "must be off or a number of bookings from 1 to 10000",
                )
            })?;

        if environment == Environment::Production {
            let mut missing = Vec::new();
            if database_url.is_none() {
                missing.push("INTAKE_DATABASE_URL (a managed PostgreSQL)");
            }
            if smtp_url.is_none() {
                missing.push("INTAKE_SMTP_URL (the firm's mail relay)");
            }
            if session_key.ephemeral {
                missing.push("INTAKE_SESSION_KEY (openssl rand -base64 64)");
            }
            if !(base_url_set && base_url.starts_with("https://")) {
                missing.push("an https:// INTAKE_BASE_URL (the public address)");
            }
            // The example address would send every brief to nobody.
            if var("INTAKE_FIRM_EMAIL").is_none() {
                missing.push("INTAKE_FIRM_EMAIL (where briefs go)");
            }
            // A law firm's site says who it is and how to reach it.
            if firm_contact.address.is_empty() {
                missing.push("INTAKE_FIRM_ADDRESS (the firm's postal address)");
            }
            if firm_contact.phone.is_none() {
                missing.push("INTAKE_FIRM_PHONE (the firm's telephone number)");
            }
            if !missing.is_empty() {
                return Err(ConfigError::new(
                    "INTAKE_ENV",
                    format!(
                        "production refuses to start without {} (each secret may be given as a file with _FILE)",
                        missing.join(", ")
                    ),
                ));
            }
            if !secure_cookies {
                return Err(ConfigError::new(
                    "INTAKE_SECURE_COOKIES",
                    "cannot be false in production: cookies must only travel over https",
                ));
            }
        }

        Ok(Self {
            environment,
            auto_migrate,
            database_url: database_url.map(SecretString::from),
            data_dir,
            pg_bin_dir,
            listen,
            base_url,
            base_url_set,
            trusted_proxies,
            smtp_url,
            firm_email,
            mail_from,
            firm_name,
            firm_contact: std::sync::Arc::new(firm_contact),
            firm_time_zone,
            session_key,
            rate_limit,
            secure_cookies,
            outbox,
            draft_days,
            lead_retention_days,
            outbox_retention_days,
            metrics_listen,
            wage_stale_months,
            staff_idle_timeout: Duration::from_secs(staff_idle_minutes * 60),
            staff_session_lifetime: Duration::from_secs(staff_session_hours * 3600),
            bookings_per_block_per_day,
            booking_alert_per_hour,
        })
    }
}

/// The firm's postal address, telephone number and privacy contact.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FirmContact {
    /// The address's lines (`INTAKE_FIRM_ADDRESS`, lines separated by `|`); empty when not set.
    pub address: Vec<String>,
    /// As written for people (`INTAKE_FIRM_PHONE`), e.g. "+1 416 555 0100".
    pub phone: Option<String>,
    /// Who answers questions and requests about personal data (`INTAKE_PRIVACY_EMAIL`, by default the
    /// firm's address).
    pub privacy_email: String,
}

impl FirmContact {
    fn from_vars(
        address: Option<String>,
        phone: Option<String>,
        privacy_email: Option<String>,
        firm_email: String,
    ) -> Result<FirmContact, ConfigError> {
        let address: Vec<String> = address
            .unwrap_or_default()
            .split('|')
            .map(str::trim)
            .filter(|line| !line.is_empty())
            .map(str::to_owned)
            .collect();
        if address.len() > 6
            || address
                .iter()
                .any(|l| l.chars().count() > 120 || l.chars().any(char::is_control))
        {
            return Err(ConfigError::new(
                "INTAKE_FIRM_ADDRESS",
                "must be at most 6 lines of at most 120 characters, separated by |",
            ));
        }
        if let Some(phone) = &phone {
            let digits = phone.chars().filter(char::is_ascii_digit).count();
            let allowed = phone.chars().all(|c| c.is_ascii_digit() || " +-().".contains(c));
            if !allowed || !(7..=15).contains(&digits) || phone.len() > 30 {
                return Err(ConfigError::new(
                    "INTAKE_FIRM_PHONE",
                    format!("`{phone}` is not a telephone number such as +1 416 555 0100"),
                ));
            }
        }
        let privacy_email = match privacy_email {
            None => firm_email,
            Some(v) => v
                .parse::<lettre::Address>()
                .map_err(|_| ConfigError::new("INTAKE_PRIVACY_EMAIL", format!("`{v}` is not an email address")))?
                .to_string(),
        };
        Ok(FirmContact {
            address,
            phone,
            privacy_email,
        })
    }

    /// The number for a `tel:` link: the leading `+` and the digits.
    pub fn phone_href(&self) -> Option<String> {
        self.phone.as_ref().map(|phone| {
            let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
            if phone.trim_start().starts_with('+') {
                format!("tel:+{digits}")
            } else {
                format!("tel:{digits}")
            }
        })
    }
}

/// The contents of a secret file, without the line ending an editor or `echo` adds.
fn read_secret_file(path: &str) -> Result<String, String> {
    let contents = std::fs::read_to_string(path).map_err(|e| format!("cannot read {path}: {e}"))?;
    let value = contents.trim();
    if value.is_empty() {
        return Err(format!("{path} is empty"));
    }
    if value.lines().count() > 1 {
        return Err(format!("{path} should hold one line"));
    }
    Ok(value.to_owned())
}

fn parse_base_url(v: &str) -> Option<String> {
    let v = v.trim_end_matches('/');
    let rest = v.strip_prefix("https://").or_else(|| v.strip_prefix("http://"))?;
    let host = rest.split('/').next().unwrap_or_default();
    let valid = !host.is_empty()
        && !v
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || c == '?' || c == '#');
    valid.then(|| v.to_owned())
}

/// A count with a default, or `off`: `None` when the value is neither (so the caller names the variable).
fn count_or_off(v: Option<String>, default: u32, range: std::ops::RangeInclusive<u32>) -> Option<Option<u32>> {
    match v.as_deref().map(str::to_ascii_lowercase).as_deref() {
        None => Some(Some(default)),
        Some("off") => Some(None),
        Some(n) => n.parse::<u32>().ok().filter(|n| range.contains(n)).map(Some),
    }
}

/// Reads `INTAKE_TRUSTED_PROXIES`: CIDRs or single addresses, separated by commas or spaces.
pub fn parse_networks(raw: &str) -> Result<Vec<ipnet::IpNet>, String> {
    raw.split([',', ' '])
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            s.parse::<ipnet::IpNet>()
                .map(|n| n.trunc())
                .or_else(|_| s.parse::<std::net::IpAddr>().map(ipnet::IpNet::from))
                .map_err(|_| format!("`{s}` is not a network such as 10.0.0.0/8 or 2001:db8::/32"))
        })
        .collect()
}

fn parse_bool(v: &str) -> Option<bool> {
    match v.to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Some(true),
        "0" | "false" | "no" | "off" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn settings(vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let map: HashMap<String, String> = vars.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        Settings::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_need_no_variables() {
        let s = settings(&[]).unwrap();
        assert!(s.database_url.is_none());
        assert_eq!(s.listen.to_string(), "127.0.0.1:8080");
        assert_eq!(s.base_url, "http://127.0.0.1:8080");
        assert_eq!(s.firm_time_zone, chrono_tz::America::Toronto);
        assert_eq!(s.rate_limit, RateLimit::DEFAULT);
        assert!(s.session_key.ephemeral);
        assert!(!s.secure_cookies);
        assert_eq!(s.staff_idle_timeout, Duration::from_secs(30 * 60));
        assert_eq!(s.staff_session_lifetime, Duration::from_secs(12 * 3600));
        assert_eq!(s.lead_retention_days, 365);
    }

    #[test]
    fn each_bad_value_names_its_variable() {
        for (var, value) in [
            ("INTAKE_LISTEN", "localhost"),
            ("INTAKE_BASE_URL", "ftp://x"),
            ("INTAKE_FIRM_EMAIL", "not an email"),
            ("INTAKE_FIRM_TIME_ZONE", "Mars/Olympus"),
            ("INTAKE_SESSION_KEY", "c2hvcnQ="),
            ("INTAKE_RATE_LIMIT", "lots"),
            ("INTAKE_SECURE_COOKIES", "maybe"),
            ("INTAKE_DATABASE_URL", "mysql://x"),
            ("INTAKE_SMTP_URL", "http://x"),
            ("INTAKE_STAFF_IDLE_MINUTES", "forever"),
            ("INTAKE_STAFF_SESSION_HOURS", "1000"),
            ("INTAKE_LEAD_RETENTION_DAYS", "29"),
            ("INTAKE_LEAD_RETENTION_DAYS", "3651"),
            ("INTAKE_LEAD_RETENTION_DAYS", "a year"),
            ("INTAKE_OUTBOX_RETENTION_DAYS", "0"),
            ("INTAKE_OUTBOX_RETENTION_DAYS", "366"),
            ("INTAKE_METRICS_LISTEN", "everywhere"),
            ("INTAKE_TRUSTED_PROXIES", "10.0.0.0/8, proxy.internal"),
            ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "0"),
            ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "many"),
            ("INTAKE_BOOKING_ALERT_PER_HOUR", "-1"),
            ("INTAKE_FIRM_PHONE", "call us"),
            ("INTAKE_FIRM_PHONE", "12"),
            ("INTAKE_PRIVACY_EMAIL", "nobody"),
        ] {
            let err = settings(&[(var, value)]).unwrap_err();
            assert_eq!(err.var, var, "{value}");
            assert!(err.to_string().starts_with(var));
            assert!(!err.to_string().contains('\n'));
        }
    }

    #[test]
    fn outbox_retention_and_metrics_listener_have_defaults() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.outbox_retention_days, 30);
        assert_eq!(s.metrics_listen, Some("127.0.0.1:9464".parse().unwrap()));
        let s = settings(&[("INTAKE_OUTBOX_RETENTION_DAYS", "7"), ("INTAKE_METRICS_LISTEN", "off")]).unwrap();
        assert_eq!((s.outbox_retention_days, s.metrics_listen), (7, None));
        let s = settings(&[("INTAKE_METRICS_LISTEN", "[::1]:9100")]).unwrap();
        assert_eq!(s.metrics_listen, Some("[::1]:9100".parse().unwrap()));
    }

    #[test]
    fn firm_contact_reads_lines_and_a_phone_number() {
        let s = settings(&[
            ("INTAKE_FIRM_ADDRESS", "100 King St W, Suite 5 | Toronto ON  M5X 1A9 |"),
            ("INTAKE_FIRM_PHONE", "+1 (416) 555-0100"),
        ])
        .unwrap();
        assert_eq!(
            s.firm_contact.address,
            ["100 King St W, Suite 5", "Toronto ON  M5X 1A9"]
        );
        assert_eq!(s.firm_contact.phone_href().as_deref(), Some("tel:+14165550100"));
        assert_eq!(s.firm_contact.privacy_email, "consultations@example.com");
        let s = settings(&[("INTAKE_PRIVACY_EMAIL", "privacy@firm.example")]).unwrap();
        assert_eq!(s.firm_contact.privacy_email, "privacy@firm.example");
        assert!(s.firm_contact.address.is_empty() && s.firm_contact.phone.is_none());
        let err = settings(&[("INTAKE_FIRM_ADDRESS", "a\u{7}b")]).unwrap_err();
        assert_eq!(err.var, "INTAKE_FIRM_ADDRESS", "a control character is refused");
    }

    #[test]
    fn lead_retention_accepts_its_range() {
        for days in [30, 400, 3650] {
            let s = settings(&[("INTAKE_LEAD_RETENTION_DAYS", &days.to_string())]).unwrap();
            assert_eq!(s.lead_retention_days, days);
        }
    }

    #[test]
    fn https_base_url_turns_on_secure_cookies() {
        let s = settings(&[("INTAKE_BASE_URL", "https://intake.example.com/")]).unwrap();
        assert_eq!(s.base_url, "https://intake.example.com");
        assert!(s.secure_cookies);
    }

    #[test]
    fn secrets_never_print() {
        let key = base64::engine::general_purpose::STANDARD.encode([7u8; 64]);
        let s = settings(&[
            ("INTAKE_SESSION_KEY", key.as_str()),
            ("INTAKE_DATABASE_URL", "postgres://u:hunter2@db/intake"),
        ])
        .unwrap();
        let printed = format!("{s:?}");
        assert!(!printed.contains("hunter2"));
        assert!(!printed.contains(&key));
        assert!(!s.session_key.ephemeral);
    }

    #[test]
    fn outbox_retry_delay_is_configurable_within_bounds() {
        let s = settings(&[("INTAKE_OUTBOX_RETRY_SECONDS", "2")]).unwrap();
        assert_eq!(s.outbox.base_backoff, Duration::from_secs(2));
        assert!(settings(&[("INTAKE_OUTBOX_RETRY_SECONDS", "0")]).is_err());
        assert_eq!(settings(&[]).unwrap().outbox.base_backoff, Duration::from_secs(60));
    }

    #[test]
    fn networks_parse_or_say_which_entry_is_wrong() {
        let nets_ = |s: &str| parse_networks(s).unwrap();
        let ip = |s: &str| s.parse::<std::net::IpAddr>().unwrap();
        assert_eq!(nets_("").len(), 0);
        assert_eq!(nets_("127.0.0.1/32,::1 10.0.0.0/8").len(), 3);
        assert!(nets_("10.1.2.3/8")[0].contains(&ip("10.200.0.1")));
        assert!(
            parse_networks("10.0.0.0/8, example.com")
                .unwrap_err()
                .contains("example.com")
        );
        assert!(parse_networks("10.0.0.0/33").is_err());
    }

    #[test]
    fn abuse_limits_have_defaults_and_turn_off() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.bookings_per_block_per_day, Some(5));
        assert_eq!(s.booking_alert_per_hour, Some(20));
        assert!(s.trusted_proxies.is_empty());
        assert!(!s.base_url_set);
        let s = settings(&[
            ("INTAKE_BOOKINGS_PER_BLOCK_PER_DAY", "off"),
            ("INTAKE_BOOKING_ALERT_PER_HOUR", "3"),
            ("INTAKE_TRUSTED_PROXIES", "127.0.0.1/32, ::1"),
            ("INTAKE_BASE_URL", "https://intake.example.com"),
        ])
        .unwrap();
        assert_eq!(s.bookings_per_block_per_day, None);
        assert_eq!(s.booking_alert_per_hour, Some(3));
        assert_eq!(s.trusted_proxies.len(), 2);
        assert!(s.base_url_set);
    }

    fn production() -> Vec<(&'static str, String)> {
        vec![
            ("INTAKE_ENV", "production".into()),
            ("INTAKE_DATABASE_URL", "postgres://intake@db.internal/intake".into()),
            ("INTAKE_SMTP_URL", "smtp://relay.internal:587".into()),
            (
                "INTAKE_SESSION_KEY",
                base64::engine::general_purpose::STANDARD.encode([9u8; 64]),
            ),
            ("INTAKE_BASE_URL", "https://intake.example.com".into()),
            ("INTAKE_FIRM_EMAIL", "intake@firm.example".into()),
            ("INTAKE_FIRM_ADDRESS", "100 King St W | Toronto ON  M5X 1A9".into()),
            ("INTAKE_FIRM_PHONE", "+1 416 555 0100".into()),
        ]
    }

    fn with(vars: &[(&'static str, String)]) -> Result<Settings, ConfigError> {
        let pairs: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (*k, v.as_str())).collect();
        settings(&pairs)
    }

    #[test]
    fn development_is_the_default_and_migrates_itself() {
        let s = settings(&[]).unwrap();
        assert_eq!(s.environment, Environment::Development);
        assert!(s.auto_migrate);
        assert!(!settings(&[("INTAKE_AUTO_MIGRATE", "off")]).unwrap().auto_migrate);
        assert_eq!(settings(&[("INTAKE_ENV", "staging")]).unwrap_err().var, "INTAKE_ENV");
        assert_eq!(
            settings(&[("INTAKE_AUTO_MIGRATE", "sometimes")]).unwrap_err().var,
            "INTAKE_AUTO_MIGRATE"
        );
    }

    #[test]
    fn production_starts_with_everything_given() {
        let s = with(&production()).unwrap();
        assert_eq!(s.environment, Environment::Production);
        assert!(s.secure_cookies);
        assert!(!s.session_key.ephemeral);
    }

    #[test]
    fn production_names_each_missing_setting_in_one_line() {
        let err = settings(&[("INTAKE_ENV", "production")]).unwrap_err();
        let line = err.to_string();
        assert_eq!(err.var, "INTAKE_ENV");
        assert!(!line.contains('\n'));
        for needed in [
            "INTAKE_DATABASE_URL",
            "INTAKE_SMTP_URL",
            "INTAKE_SESSION_KEY",
            "https:// INTAKE_BASE_URL",
            "INTAKE_FIRM_EMAIL",
            "INTAKE_FIRM_ADDRESS",
            "INTAKE_FIRM_PHONE",
        ] {
            assert!(line.contains(needed), "{needed} in {line}");
        }
        // Each one alone is refused, and only it is named.
        for (i, (var, _)) in production().iter().enumerate().skip(1) {
            let mut vars = production();
            vars.remove(i);
            let line = with(&vars).unwrap_err().to_string();
            assert!(line.contains(var), "{var} in {line}");
            for (other, _) in production().iter().skip(1).filter(|(o, _)| o != var) {
                assert!(!line.contains(&format!("{other} (")), "{other} named in {line}");
            }
        }
        let mut http = production();
        http[4].1 = "http://intake.example.com".into();
        assert!(
            with(&http)
                .unwrap_err()
                .to_string()
                .contains("https:// INTAKE_BASE_URL")
        );
        let mut insecure = production();
        insecure.push(("INTAKE_SECURE_COOKIES", "false".into()));
        assert_eq!(with(&insecure).unwrap_err().var, "INTAKE_SECURE_COOKIES");
    }

    #[test]
    fn secrets_can_be_read_from_files() {
        let dir = std::env::temp_dir().join(format!("intake-secrets-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        let write = |name: &str, contents: &str| {
            let path = dir.join(name);
            std::fs::write(&path, contents).unwrap();
            path.to_string_lossy().into_owned()
        };
        let key = base64::engine::general_purpose::STANDARD.encode([3u8; 64]);
        let key_file = write("session-key", &format!("{key}\n"));
        let db_file = write("database-url", "postgres://intake:s3cret@db/intake\n");
        let smtp_file = write("smtp-url", "smtp://mailer:pw@relay:587");
        let mut vars: Vec<(&'static str, String)> = production()
            .into_iter()
            .filter(|(k, _)| !["INTAKE_SESSION_KEY", "INTAKE_DATABASE_URL", "INTAKE_SMTP_URL"].contains(k))
            .collect();
        vars.push(("INTAKE_SESSION_KEY_FILE", key_file.clone()));
        vars.push(("INTAKE_DATABASE_URL_FILE", db_file));
        vars.push(("INTAKE_SMTP_URL_FILE", smtp_file));
        let s = with(&vars).unwrap();
        assert_eq!(s.session_key.bytes(), &[3u8; 64][..]);
        assert_eq!(
            s.database_url.as_ref().unwrap().expose_secret(),
            "postgres://intake:s3cret@db/intake"
        );
        assert_eq!(
            s.smtp_url.as_ref().unwrap().expose_secret(),
            "smtp://mailer:pw@relay:587"
        );

        // Both forms at once, a missing file, an empty one: refused, naming the _FILE variable.
        let mut both = vars.clone();
        both.push(("INTAKE_SESSION_KEY", key.clone()));
        let err = with(&both).unwrap_err();
        assert_eq!(err.var, "INTAKE_SESSION_KEY_FILE");
        assert!(err.to_string().contains("not both"));
        let missing = [(
            "INTAKE_SESSION_KEY_FILE",
            dir.join("nope").to_string_lossy().into_owned(),
        )];
        assert_eq!(with(&missing).unwrap_err().var, "INTAKE_SESSION_KEY_FILE");
        let empty = [("INTAKE_SMTP_URL_FILE", write("empty", "\n"))];
        assert_eq!(with(&empty).unwrap_err().var, "INTAKE_SMTP_URL_FILE");
        // A bad value read from a file is named by what it is, and never printed.
        let bad = [(
            "INTAKE_DATABASE_URL_FILE",
            write("bad-url", "mysql://root:topsecret@db"),
        )];
        let err = with(&bad).unwrap_err();
        assert_eq!(err.var, "INTAKE_DATABASE_URL");
        assert!(!err.to_string().contains("topsecret"));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn rate_limit_accepts_off_and_numbers() {
        assert_eq!(
            settings(&[("INTAKE_RATE_LIMIT", "off")]).unwrap().rate_limit,
            RateLimit::Off
        );
        assert_eq!(
            settings(&[("INTAKE_RATE_LIMIT", "500")]).unwrap().rate_limit,
            RateLimit::PerMinute(500)
        );
    }
}
