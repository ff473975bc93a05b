//! The hostile-input sweep: a corpus of more than 200 hostile values sent to every public and staff
//! form, and to the query strings of the GET forms. Whatever comes in:
//! 1. no answer is a 5xx;
//! 2. nothing is echoed unescaped (no raw tag, attribute breaker or `javascript:` link from the
//!    corpus in any HTML page, nor in the HTML part of any email);
//! 3. no header is injected into an email (every message parses, has only the headers we write,
//!    and goes to nobody but its intended recipient);
//! 4. nothing is stored from a request answered 4xx (every table hashed before and after).
//!
//! Forms are found on their pages (every `<form>`'s fields, by name) and each hostile value fills
//! every field of a form at once; free-text fields are also tried one at a time with the others
//! valid, so that values that pass validation are stored and then shown on later pages and emails.
//! Each form also gets the structural variants: no, wrong or cross-origin token, honeypot, 300 KB
//! body, other content types, missing, duplicate, unknown and hostile field names.

use std::{
    collections::{BTreeMap, BTreeSet, HashMap},
    time::Instant,
};

use intake::{domain::pathway::Pathway, outbox::Outcome, questionnaire::Flow};
use sqlx::PgPool;

use crate::{
    apply::{ABOUT_YOU, ADMISSIBILITY, Answers, CONSENT, DUTIES, EDUCATION, OUTSIDE, ROUTE},
    booking::{choose_slot, reach_booking, slot_ids, submit},
    helpers::{Page, SmtpSink, TestApp, create_staff, fast_retries, login, spawn_app},
};

// ---------------------------------------------------------------------------------------------
// The corpus.

/// Markup and scripts: tags, attribute breakers, `javascript:` and `data:` URLs.
const MARKUP: &[&str] = &[
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<img src=x onerror=alert(1)>",
    "<IMG SRC=\"javascript:alert('XSS');\">",
    "\"><svg onload=alert(1)>",
    "'><svg/onload=alert(2)>",
    "\" onfocus=\"alert(3)\" autofocus=\"",
    "' onmouseover='alert(4)",
    "</textarea><script>alert(5)</script>",
    "</title><script>alert(6)</script>",
    "</option></select><img src=x onerror=alert(7)>",
    "<iframe src=\"javascript:alert(8)\"></iframe>",
    "<a href=\"javascript:alert(9)\">click me</a>",
    "javascript:alert(document.cookie)",
    "JaVaScRiPt:alert(10)",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "<details open ontoggle=alert(12)>",
    "<math><mi xlink:href=\"javascript:alert(13)\">x</mi></math>",
    "<style>*{background:url(javascript:alert(15))}</style>",
    "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">",
    "&lt;script&gt;alert(16)&lt;/script&gt;",
    "%3Cscript%3Ealert(17)%3C%2Fscript%3E",
    "<scr<script>ipt>alert(19)</scr</script>ipt>",
    "Ana <b>bold</b> López",
    "Ana\"><script>alert(20)</script>",
    "<input name=csrf_token value=forged>",
    "<x onclick=alert(24)>click",
    "<noscript><p title=\"</noscript><img src=x onerror=alert(25)>\">",
    "<svg><animate onbegin=alert(26) attributeName=x dur=1s>",
    "<object data=\"javascript:alert(27)\"></object>",
    "<a href=\"https://evil.example\" target=_blank>Ana</a>",
];

/// SQL injection.
const SQL: &[&str] = &[
    "' OR '1'='1",
    "\" OR \"\"=\"",
    "'; DROP TABLE application; --",
    "'); DELETE FROM booking; --",
    "1; UPDATE staff_user SET role='admin' --",
    "' UNION SELECT password_hash FROM staff_user --",
    "%' AND 1=1 AND '%'='",
    "' || (select version()) || '",
    "$$; drop table note; $$",
    "ana@example.com' OR '1'='1",
    "Robert'); DROP TABLE staff_user;--",
    "%_%",
];

/// Headers a CR/LF would add to an email if it got through.
const HEADERS: &[&str] = &[
    "Bcc: victim@evil.example",
    "X-Injected: yes",
    "Cc: victim@evil.example",
    "To: victim@evil.example",
    "Subject: injected",
    "Content-Type: text/html",
    "Reply-To: victim@evil.example",
    "MIME-Version: 1.0",
];

/// More line-break tricks, as text.
const LINE_BREAKS: &[&str] = &[
    "Ana\r\n\r\n<p>a body of our own</p>",
    "Ana\u{85}Bcc: victim@evil.example",
    "Ana\u{2028}X-Injected: yes",
    "Ana\u{2029}X-Injected: yes",
    ENCODED_WORD,
    "Ana%0d%0aBcc: victim@evil.example",
    "Ana\\r\\nBcc: victim@evil.example",
    "\r\n",
    "\n",
    "Ana\rX-Injected: yes\r",
];

/// An RFC 2047 encoded word typed as a name: sent as literal text, never decoded by a mail program.
const ENCODED_WORD: &str = "=?utf-8?q?Ana=0D=0ABcc:_victim@evil.example?=";

/// Format strings, template syntax, expression languages.
const TEMPLATES: &[&str] = &[
    "{{7*7}}",
    "{{1337*1337}}",
    "${1337*1337}",
    "#{1337*1337}",
    "<%= 1337*1337 %>",
    "{% raw %}{% endraw %}",
    "{% for x in y %}",
    "{{ ctx.csrf_token() }}",
    "%s%s%s%s%n",
    "%x%x%x%x",
    "${jndi:ldap://evil.example/a}",
    "{{constructor.constructor('alert(1)')()}}",
];

/// Path traversal and URLs.
const PATHS: &[&str] = &[
    "../../../../etc/passwd",
    "..\\..\\..\\windows\\win.ini",
    "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
    "/etc/passwd",
    "file:///etc/passwd",
    "....//....//etc/passwd",
    "/staff/../staff/users",
    "//evil.example",
    "https://evil.example/",
    "\\\\evil.example\\share",
    "/staff//evil.example",
    "/staff/\\evil.example",
    "/staff?next=//evil.example",
];

/// Control characters, bidirectional overrides, emoji, combining characters, odd scripts.
const UNICODE: &[&str] = &[
    "Ana\u{202E}zepóL",
    "\u{202E}gnp.exe",
    "\u{200B}",
    "\u{FEFF}Ana",
    "Ana\u{7}\u{8}\u{1B}[31m",
    "\u{1B}]8;;https://evil.example\u{7}click\u{1B}]8;;\u{7}",
    "\t\t",
    " ",
    "\u{A0}",
    "\u{2066}Ana\u{2069}",
    "Ana\u{0}López",
    "\u{0}",
    "👩‍💻 Ana",
    "Z̴̡̛̖͎a̸͚l̵g̶o̷ Ana",
    "Ana 🇨🇦",
    "Ane\u{301}",
    "ﷺ",
    "𝔄𝔫𝔞",
    "Ａｎａ",
    "\u{1F600}",
    "ẞ İ ǅ ﬀ",
    "\u{FFFF}",
];

/// Wrong types: letters in numbers, impossible dates and times, values outside option lists.
const TYPES: &[&str] = &[
    "abc",
    "-1",
    "0",
    "1e309",
    "NaN",
    "0x1F",
    "９",
    "1.2.3",
    "99999999999999999999999",
    "-99999999999999999999",
    "2026-02-30",
    "2026-13-01",
    "0000-00-00",
    "-262143-01-01",
    "+262143-12-31",
    "99999-12-31",
    "1899-12-31",
    "2027-02-29",
    "31/12/2026",
    "24:00",
    "25:61",
    "9:00",
    "12:60",
    "-01:00",
    "true",
    "null",
    "[]",
    "{}",
    "YES",
    " yes",
    "on",
    "1",
    "XX",
    "gts ",
    "other_not_listed",
    "__proto__",
    "none_or_expired",
    "admin ",
    "ADMIN",
    "zz-ZZ",
];

/// Email addresses: homoglyphs, lists, display names, odd syntax.
const EMAILS: &[&str] = &[
    "ana@exаmple.com",
    "аna@example.com",
    "ana@ex\u{200B}ample.com",
    "ana@ｅxample.com",
    "ana@xn--exmple-cua.com",
    "ana@exämple.com",
    "Ana <ana@example.com>",
    "ana@example.com, victim@evil.example",
    "ana@example.com;victim@evil.example",
    "\"ana@evil.example\"@example.com",
    "\"Ana\\\"\"@example.com",
    "ana@example.com\u{202E}moc.live",
    "ana@[127.0.0.1]",
    "ana@localhost",
    "a@b.c",
    "@example.com",
    "ana@@example.com",
    "ana.@example.com",
    "ana..lopez@example.com",
    "ana%victim.example@example.com",
];

/// Raw fragments of a urlencoded body, sent as they are: invalid UTF-8 (lone bytes, overlong
/// encodings, surrogates), NUL, encoded CR/LF, broken escapes.
const RAW: &[&str] = &[
    "%FF%FE",
    "Ana%FF",
    "%C0%AF",
    "%C0%80",
    "%E0%80%AF",
    "%F0%80%80%AF",
    "%ED%A0%80",
    "%F4%90%80%80",
    "%C3",
    "%C3%28",
    "%80",
    "%FE%FF",
    "%EF%BB%BFAna",
    "%",
    "%zz",
    "%0",
    "%00",
    "Ana%00L%C3%B3pez",
    "ana%40example.com%00.evil.example",
    "Ana%0d%0aBcc:%20victim%40evil.example",
    "Ana%0aX-Injected:%20yes",
    "Ana%0dX-Injected:%20yes",
    "ana%40example.com%0d%0aBcc:%20victim%40evil.example",
    "%0d%0a%0d%0a",
    "Ana%E2%80%A8X-Injected:%20yes",
    "%3Cscript%3Ealert(31)%3C/script%3E",
    "%253Cscript%253E",
    "Ana&=&&=",
];

/// A hostile value: text (percent-encoded when sent) or a raw fragment of a urlencoded body.
#[derive(Debug, Clone)]
pub(crate) enum Hostile {
    Text(String),
    Raw(&'static str),
}

impl Hostile {
    /// The value as it appears in a urlencoded body or query string.
    pub(crate) fn fragment(&self) -> String {
        match self {
            Hostile::Text(s) => encode(s),
            Hostile::Raw(s) => (*s).to_owned(),
        }
    }

    /// What the server reads (invalid UTF-8 replaced), for finding it echoed.
    fn decoded(&self) -> String {
        match self {
            Hostile::Text(s) => s.clone(),
            Hostile::Raw(s) => {
                let spaced = s.replace('+', " ");
                percent_encoding::percent_decode_str(&spaced)
                    .decode_utf8_lossy()
                    .into_owned()
            }
        }
    }

    /// A short description for assertion messages.
    fn label(&self) -> String {
        let text = match self {
            Hostile::Text(s) => format!("{s:?}"),
            Hostile::Raw(s) => format!("raw {s}"),
        };
        if text.chars().count() > 70 {
            format!("{}… ({} bytes)", text.chars().take(60).collect::<String>(), text.len())
        } else {
            text
        }
    }

    fn is_text(&self, f: impl Fn(&str) -> bool) -> bool {
        matches!(self, Hostile::Text(s) if f(s))
    }
}

/// The whole corpus: the lists above, header injections in three line-break styles in names and
/// addresses, and long values (10 KB, 100 KB, lengths around the limits).
pub(crate) fn corpus() -> Vec<Hostile> {
    let mut all: Vec<Hostile> = [MARKUP, SQL, LINE_BREAKS, TEMPLATES, PATHS, UNICODE, TYPES, EMAILS]
        .concat()
        .into_iter()
        .map(|s| Hostile::Text(s.to_owned()))
        .collect();
    for (i, header) in HEADERS.iter().enumerate() {
        // Every header after CR LF; the first two after a lone LF and a lone CR too.
        for eol in ["\r\n", "\n", "\r"].into_iter().take(if i < 2 { 3 } else { 1 }) {
            all.push(Hostile::Text(format!("Ana{eol}{header}")));
            all.push(Hostile::Text(format!("ana@example.com{eol}{header}")));
        }
    }
    all.extend([
        Hostile::Text("a".repeat(10 * 1024)),
        Hostile::Text("<script>alert(41)</script>".repeat(400)),
        Hostile::Text("x".repeat(100 * 1024)),
        // Two bytes each, six once encoded: beyond the body limit on its own.
        Hostile::Text("é".repeat(100 * 1024)),
        Hostile::Text(format!("A{}", "n".repeat(119))),
        Hostile::Text(format!("A{}", "n".repeat(120))),
        Hostile::Text("\u{1F600}".repeat(121)),
        Hostile::Text(format!("Hello {}", "ß".repeat(3994))),
        Hostile::Text(format!("Hello {}", "ß".repeat(3995))),
        Hostile::Text(format!("{}@example.com", "a".repeat(64))),
        Hostile::Text(format!("{}@example.com", "a".repeat(65))),
        Hostile::Text(format!("Ana{}", "\u{301}".repeat(500))),
        Hostile::Text("\r\n".repeat(3000)),
    ]);
    all.extend(RAW.iter().map(|s| Hostile::Raw(s)));
    all
}

fn encode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

/// A urlencoded body, built field by field.
#[derive(Debug, Clone, Default)]
struct Body(String);

impl Body {
    fn token(token: &str) -> Body {
        Body::default().text("csrf_token", token)
    }

    fn push(&mut self, name: &str, fragment: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(name);
        self.0.push('=');
        self.0.push_str(fragment);
    }

    fn text(mut self, name: &str, value: &str) -> Body {
        self.push(&encode(name), &encode(value));
        self
    }

    fn hostile(mut self, name: &str, value: &Hostile) -> Body {
        self.push(&encode(name), &value.fragment());
        self
    }
}

// ---------------------------------------------------------------------------------------------
// Finding echoed markup.

/// What must never appear in an HTML page or email: each tag of the corpus as written (plus a few
/// characters after it), each attribute breaker, `javascript:` in a link, and template arithmetic
/// evaluated. Escaped echoes (`&lt;script`, `&quot; onfocus`) never match.
///
/// Pages are large (every country, every time zone) and the tests run unoptimised, so the search
/// is done in one pass: needles starting with `<`, `"` or `'` are looked up by the three bytes
/// after that character; the few others are found through their longest word.
struct Needles {
    by_prefix: HashMap<[u8; 4], Vec<String>>,
    /// One bit per three bytes that follow `<`, `"` or `'` at the start of some needle.
    follow: Vec<u64>,
    /// Needles starting otherwise, by their longest word.
    others: BTreeMap<String, Vec<String>>,
}

fn follow_index(bytes: &[u8]) -> usize {
    (usize::from(bytes[0]) << 16) | (usize::from(bytes[1]) << 8) | usize::from(bytes[2])
}

impl Needles {
    fn of(corpus: &[Hostile]) -> Needles {
        let mut all = BTreeSet::new();
        for value in corpus {
            let decoded = value.decoded();
            // As typed, and as one-line fields clean it (controls to spaces, whitespace collapsed).
            let cleaned: String = decoded.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
            let cleaned = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
            for text in [decoded, cleaned] {
                needles_in(&text, &mut all);
            }
        }
        all.insert("1787569".to_owned()); // 1337 * 1337 evaluated by some template engine
        let mut needles = Needles {
            by_prefix: HashMap::new(),
            follow: vec![0; (1 << 24) / 64],
            others: BTreeMap::new(),
        };
        for needle in all {
            let bytes = needle.as_bytes();
            if matches!(bytes[0], b'<' | b'"' | b'\'') {
                let i = follow_index(&bytes[1..]);
                needles.follow[i / 64] |= 1 << (i % 64);
                needles
                    .by_prefix
                    .entry(bytes[..4].try_into().unwrap())
                    .or_default()
                    .push(needle);
            } else {
                let word = needle
                    .split(|c: char| !c.is_ascii_alphanumeric())
                    .max_by_key(|w| w.len())
                    .unwrap()
                    .to_owned();
                needles.others.entry(word).or_default().push(needle);
            }
        }
        needles
    }

    /// The first needle found in `text`, if any.
    fn find(&self, text: &str) -> Option<&str> {
        let bytes = text.as_bytes();
        for special in ['<', '"', '\''] {
            for (i, _) in text.match_indices(special) {
                let Some(next) = bytes.get(i + 1..i + 4) else { continue };
                let index = follow_index(next);
                if self.follow[index / 64] & (1 << (index % 64)) == 0 {
                    continue;
                }
                let candidates = self
                    .by_prefix
                    .get(&bytes[i..i + 4])
                    .map(Vec::as_slice)
                    .unwrap_or_default();
                if let Some(needle) = candidates.iter().find(|n| bytes[i..].starts_with(n.as_bytes())) {
                    return Some(needle);
                }
            }
        }
        self.others
            .iter()
            .filter(|(word, _)| text.contains(word.as_str()))
            .flat_map(|(_, needles)| needles)
            .find(|n| text.contains(n.as_str()))
            .map(String::as_str)
    }

    fn count(&self) -> usize {
        self.by_prefix.values().map(Vec::len).sum::<usize>() + self.others.values().map(Vec::len).sum::<usize>()
    }
}

/// The dangerous pieces of one value.
fn needles_in(text: &str, out: &mut BTreeSet<String>) {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let upto = |from: usize, extra_chars: usize, stop_at_tag_end: bool| -> String {
        let mut end = text.len();
        let mut seen = 0;
        let mut closed = !stop_at_tag_end;
        for (j, c) in text[from..].char_indices().skip(1) {
            if closed {
                seen += 1;
                if seen > extra_chars {
                    end = from + j;
                    break;
                }
            } else if c == '>' {
                closed = true;
            }
            if j > 80 {
                end = from + j;
                break;
            }
        }
        text[from..end].to_owned()
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        let next = chars.get(k + 1).map(|p| p.1);
        let after = chars.get(k + 2).map(|p| p.1);
        match c {
            // An opening tag (closing tags alone do no harm; the tag after them is found by itself).
            '<' if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '!') => {
                out.insert(upto(i, 8, true));
            }
            // A quote that leaves an attribute: `">…` or `" onfocus=…`.
            '"' | '\''
                if next == Some('>')
                    || (next.is_some_and(char::is_whitespace) && after.is_some_and(|a| a.is_ascii_alphabetic())) =>
            {
                let needle = upto(i, 14, false);
                if needle.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 2 {
                    out.insert(needle);
                }
            }
            _ => {}
        }
    }
    let lower = text.to_ascii_lowercase();
    for (i, _) in lower.match_indices("javascript:") {
        let url: String = text[i..].chars().take(15).collect();
        for attribute in ["href=\"", "src=\"", "action=\"", "data=\"", "href=", "src="] {
            out.insert(format!("{attribute}{url}"));
        }
    }
    out.retain(|n| n.len() >= 4);
}

// ---------------------------------------------------------------------------------------------
// Snapshots of every table.

/// Every table's row count and a hash of its row versions.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Snapshot(BTreeMap<String, (i64, i64)>);

impl Snapshot {
    fn diff(&self, other: &Snapshot) -> Vec<String> {
        self.0
            .iter()
            .filter(|(t, v)| other.0.get(*t) != Some(v))
            .map(|(t, (n, _))| format!("{t} ({n} rows before, {:?} after)", other.0.get(t).map(|v| v.0)))
            .collect()
    }
}

/// The tables of the schema, to hash.
async fn tables(pool: &PgPool) -> Vec<String> {
    sqlx::query_scalar(
        "select table_name::text from information_schema.tables
         where table_schema = 'public' and table_type = 'BASE TABLE' and table_name <> '_sqlx_migrations'
         order by 1",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

// ---------------------------------------------------------------------------------------------
// The sweep: every request goes through here and is checked.

/// The method and path of each request, and what came back.
#[derive(Default)]
struct Stats {
    requests: usize,
    in_snapshots: std::time::Duration,
    in_requests: std::time::Duration,
    in_needles: std::time::Duration,
    by_class: BTreeMap<u16, usize>,
    routes: BTreeSet<(String, String)>,
}

pub(crate) struct Sweep {
    pool: PgPool,
    snapshot_sql: String,
    needles: Needles,
    corpus: Vec<Hostile>,
    /// The tables as they were after the last checked request; `None` when something else may
    /// have changed them since.
    last: Option<Snapshot>,
    stats: Stats,
    started: Instant,
    name: &'static str,
}

impl Sweep {
    async fn new(app: &TestApp, name: &'static str) -> Sweep {
        let corpus = corpus();
        assert!(corpus.len() >= 200, "the corpus has {} values", corpus.len());
        let tables = tables(&app.db.pool).await;
        for expected in [
            "application",
            "application_status_change",
            "audit_event",
            "availability_exception",
            "availability_rule",
            "availability_setting",
            "booking",
            "email_outbox",
            "enquiry",
            "note",
            "resume_link",
            "staff_user",
        ] {
            assert!(
                tables.iter().any(|t| t == expected),
                "no table {expected} in {tables:?}"
            );
        }
        // Each table's row count and a sum of hashes of its rows' versions (`xmin`, the transaction
        // that wrote a row version, and `ctid`, where it lies): any insert, update or delete that
        // commits changes it, without reading every row's contents. A failed sign-in is recorded on
        // purpose (lockout, audit): the only write a 4xx answer may make.
        let snapshot_sql = tables
            .iter()
            .map(|t| {
                // Failed sign-ins (and the throttling they start) are recorded on purpose; a
                // staff session's last-seen time moves with any request.
                let filter = match t.as_str() {
                    "audit_event" => " where action not in ('staff.login_failed', 'staff.login_throttled')",
                    "email_outbox" => " where kind <> 'security_alert'",
                    "staff_login_failure" | "staff_session" => " where false",
                    _ => "",
                };
                format!(
                    "select '{t}'::text, count(*), coalesce(sum(hashtext(xmin::text || ctid::text)), 0) from {t}{filter}"
                )
            })
            .collect::<Vec<_>>()
            .join(" union all ");
        Sweep {
            pool: app.db.pool.clone(),
            snapshot_sql,
            needles: Needles::of(&corpus),
            corpus,
            last: None,
            stats: Stats::default(),
            started: Instant::now(),
            name,
        }
    }

    async fn snapshot(&self) -> Snapshot {
        let rows: Vec<(String, i64, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(self.snapshot_sql.clone()))
            .fetch_all(&self.pool)
            .await
            .unwrap();
        Snapshot(rows.into_iter().map(|(t, n, h)| (t, (n, h))).collect())
    }

    /// Something other than the sweep changed (or may have changed) the tables.
    fn forget(&mut self) {
        self.last = None;
    }

    /// Checks that an HTML page or email part shows nothing of the corpus raw.
    fn assert_escaped(&self, html: &str, what: &str) {
        if let Some(needle) = self.needles.find(html) {
            let at = html.find(needle).unwrap();
            let start = html[..at].char_indices().rev().nth(200).map_or(0, |(i, _)| i);
            let context: String = html[start..].chars().take(400).collect();
            panic!("{what}: {needle:?} is echoed unescaped:\n…{context}…");
        }
    }

    /// Sends a request and checks its answer; `what` says what was sent, for failures.
    async fn send(&mut self, request: reqwest::RequestBuilder, what: &str) -> Page {
        let t0 = Instant::now();
        let before = match self.last.take() {
            Some(snapshot) => snapshot,
            None => self.snapshot().await,
        };
        self.stats.in_snapshots += t0.elapsed();
        let t0 = Instant::now();
        // Sent by the browser's own client (its cookies).
        let (client, request) = request.build_split();
        let request = request.unwrap();
        let (method, path) = (request.method().to_string(), request.url().path().to_owned());
        let sent_bytes = request.body().and_then(|b| b.as_bytes()).map_or(0, <[u8]>::len);
        let response = client.execute(request).await.expect("send");
        let page = Page {
            status: response.status().as_u16(),
            headers: response.headers().clone(),
            body: response.text().await.unwrap_or_default(),
        };
        self.stats.in_requests += t0.elapsed();
        self.stats.requests += 1;
        *self.stats.by_class.entry(page.status / 100 * 100).or_default() += 1;
        self.stats.routes.insert((method.clone(), path.clone()));
        let what = format!("{method} {path} with {what}");
        assert!(
            page.status < 500,
            "{what}: answered {}\n{}",
            page.status,
            page.body.chars().take(2000).collect::<String>()
        );
        if sent_bytes > intake::web::form_guard::MAX_FORM_BYTES {
            assert_eq!(page.status, 413, "{what}: {sent_bytes} bytes");
        }
        let t0 = Instant::now();
        if page.header("content-type").is_some_and(|c| c.starts_with("text/html")) {
            self.assert_escaped(&page.body, &what);
        }
        self.stats.in_needles += t0.elapsed();
        if let Some(location) = page.header("location") {
            assert!(
                location.starts_with('/') && !location.starts_with("//") && !location.contains('\\'),
                "{what}: redirects to {location:?}"
            );
        }
        let t0 = Instant::now();
        let after = self.snapshot().await;
        self.stats.in_snapshots += t0.elapsed();
        if (400..500).contains(&page.status) {
            assert!(
                before == after,
                "{what}: answered {} but changed {:?}",
                page.status,
                before.diff(&after)
            );
        }
        self.last = Some(after);
        page
    }
}

// ---------------------------------------------------------------------------------------------
// Forms: found on their pages, swept value by value, then structurally.

/// A `<form>` of a page: its method, action and field names (the CSRF token and honeypot left out).
#[derive(Debug, Clone)]
struct FoundForm {
    method: String,
    action: String,
    fields: Vec<String>,
}

fn forms_on(page: &Page) -> Vec<FoundForm> {
    let html = page.html();
    let form_sel = scraper::Selector::parse("form").unwrap();
    let field_sel = scraper::Selector::parse("input[name], select[name], textarea[name], button[name]").unwrap();
    html.select(&form_sel)
        .map(|form| {
            let mut fields: Vec<String> = Vec::new();
            for field in form.select(&field_sel) {
                let name = field.value().attr("name").unwrap().to_owned();
                if name != "csrf_token" && name != "website" && !fields.contains(&name) {
                    fields.push(name);
                }
            }
            FoundForm {
                method: form.value().attr("method").unwrap_or("get").to_ascii_lowercase(),
                action: form.value().attr("action").unwrap_or_default().to_owned(),
                fields,
            }
        })
        .collect()
}

/// The form of `page` that is sent to `action` with `method`.
fn form_on(page: &Page, method: &str, action: &str) -> FoundForm {
    let forms = forms_on(page);
    forms
        .iter()
        .find(|f| f.method == method && f.action.split('?').next() == Some(action))
        .cloned()
        .unwrap_or_else(|| panic!("no {method} form to {action} among {forms:?}"))
}

/// How a form is swept.
struct Form {
    action: String,
    /// Every field, each filled with the hostile value.
    fields: Vec<String>,
    /// A valid fill (a name may come twice, for fields with several values).
    valid: Vec<(String, String)>,
    /// Fields also tried one at a time, the others valid.
    one_by_one: Vec<String>,
}

impl Form {
    fn new(found: &FoundForm, valid: &[(&str, &str)], one_by_one: &[&str]) -> Form {
        Form {
            action: found.action.clone(),
            fields: found.fields.clone(),
            valid: valid.iter().map(|(n, v)| ((*n).to_owned(), (*v).to_owned())).collect(),
            one_by_one: one_by_one.iter().map(|s| (*s).to_owned()).collect(),
        }
    }

    fn with_fields(mut self, more: impl IntoIterator<Item = String>) -> Form {
        for name in more {
            if !self.fields.contains(&name) {
                self.fields.push(name);
            }
        }
        self
    }

    fn valid_body(&self, token: &str) -> Body {
        self.valid.iter().fold(Body::token(token), |b, (n, v)| b.text(n, v))
    }

    /// The valid fill with `field` replaced by `value`.
    fn valid_but(&self, token: &str, field: &str, value: &Hostile) -> Body {
        let mut body = Body::token(token);
        for (n, v) in self.valid.iter().filter(|(n, _)| n != field) {
            body = body.text(n, v);
        }
        body.hostile(field, value)
    }
}

/// A urlencoded POST of `body` to `path` (not yet sent).
fn form_request(browser: &TestApp, path: &str, body: String) -> reqwest::RequestBuilder {
    browser
        .client
        .post(browser.url(path))
        .header("content-type", "application/x-www-form-urlencoded")
        .body(body)
}

/// A path segment made of a hostile value.
fn segment(value: &Hostile) -> String {
    match value {
        Hostile::Text(s) => percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string(),
        Hostile::Raw(s) => s.replace('/', "%2F"),
    }
}

/// Values short enough for a URL path.
fn fits_a_path(value: &Hostile) -> bool {
    value.fragment().len() < 2000
}

impl Sweep {
    async fn post(&mut self, browser: &TestApp, path: &str, body: Body, what: &str) -> Page {
        let request = browser
            .client
            .post(browser.url(path))
            .header("content-type", "application/x-www-form-urlencoded")
            .body(body.0);
        self.send(request, what).await
    }

    async fn get(&mut self, browser: &TestApp, path: &str, what: &str) -> Page {
        self.send(browser.client.get(browser.url(path)), what).await
    }

    /// Every value in every field at once, then in each of `one_by_one` alone (values that pass
    /// `alone`), the others valid.
    async fn values(&mut self, browser: &TestApp, token: &str, form: &Form, alone: fn(&Hostile) -> bool) {
        for i in 0..self.corpus.len() {
            let value = self.corpus[i].clone();
            let body = form
                .fields
                .iter()
                .fold(Body::token(token), |b, field| b.hostile(field, &value));
            self.post(
                browser,
                &form.action,
                body,
                &format!("{} in every field", value.label()),
            )
            .await;
            if !alone(&value) {
                continue;
            }
            for field in &form.one_by_one {
                let body = form.valid_but(token, field, &value);
                self.post(browser, &form.action, body, &format!("{} in {field}", value.label()))
                    .await;
            }
        }
    }

    /// The form's structural variants. Refused ones must be refused with the right status; with
    /// `may_act`, bodies carrying the valid token (which the form may act on) are sent too.
    async fn structure(&mut self, browser: &TestApp, token: &str, form: &Form, may_act: bool) {
        let path = form.action.as_str();
        let without_token = form.valid.iter().fold(Body::default(), |b, (n, v)| b.text(n, v));
        let refused: Vec<(u16, &str, reqwest::RequestBuilder)> = vec![
            (403, "no token", form_request(browser, path, without_token.0.clone())),
            (
                403,
                "a forged token",
                form_request(browser, path, form.valid_body("forged-token").0),
            ),
            (
                403,
                "a forged token before the real one",
                form_request(
                    browser,
                    path,
                    format!("csrf_token=forged&csrf_token={}&{}", encode(token), without_token.0),
                ),
            ),
            (
                403,
                "another origin",
                form_request(browser, path, form.valid_body(token).0).header("origin", "https://evil.example"),
            ),
            (
                403,
                "origin null",
                form_request(browser, path, form.valid_body(token).0).header("origin", "null"),
            ),
            (
                403,
                "a javascript: referer",
                form_request(browser, path, form.valid_body(token).0).header("referer", "javascript:alert(1)"),
            ),
            (
                403,
                "another site's referer",
                form_request(browser, path, form.valid_body(token).0).header("referer", "https://evil.example/form"),
            ),
            (
                400,
                "the honeypot filled",
                form_request(
                    browser,
                    path,
                    form.valid_body(token)
                        .text("website", "<a href=https://evil.example>x</a>")
                        .0,
                ),
            ),
            (
                413,
                "a 300 KB body",
                form_request(
                    browser,
                    path,
                    format!(
                        "csrf_token={}&{}={}",
                        encode(token),
                        form.fields.first().map_or("x", |f| f),
                        "a".repeat(300 * 1024)
                    ),
                ),
            ),
            (
                415,
                "JSON",
                browser
                    .client
                    .post(browser.url(path))
                    .header("content-type", "application/json")
                    .body(format!(r#"{{"csrf_token":"{token}"}}"#)),
            ),
            (
                415,
                "text/plain",
                browser
                    .client
                    .post(browser.url(path))
                    .header("content-type", "text/plain")
                    .body(form.valid_body(token).0),
            ),
            (
                // A form that takes a file reads it: this one has none.
                if intake::web::form_guard::UPLOAD_PATHS.contains(&path) {
                    422
                } else {
                    415
                },
                "multipart",
                browser
                    .client
                    .post(browser.url(path))
                    .header("content-type", "multipart/form-data; boundary=x")
                    .body(format!(
                        "--x\r\ncontent-disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n--x--\r\n"
                    )),
            ),
        ];
        for (status, what, request) in refused {
            let page = self.send(request, what).await;
            assert_eq!(page.status, status, "{path} with {what}");
        }
        if !may_act {
            return;
        }
        let hostile_names = [
            "<script>alert(1)</script>",
            "__proto__",
            "constructor[prototype]",
            "a[b][c]",
            "field[]",
            "\r\nX-Injected: yes",
            "",
        ];
        let mut unknown = form.valid_body(token);
        for (i, name) in hostile_names.iter().enumerate() {
            unknown = unknown.text(name, &format!("<img src=x onerror=alert({i})>"));
        }
        for raw_name in ["%00", "%FF%FE", "%C0%AF", "csrf_token%00"] {
            unknown.push(raw_name, "x");
        }
        for i in 0..50 {
            unknown = unknown.text(&format!("unknown_{i}"), "\"><svg onload=alert(1)>");
        }
        let mut twice = Body::token(token);
        for (n, v) in &form.valid {
            twice = twice.text(n, v).text(n, "<b>second</b>");
        }
        for field in &form.fields {
            twice = twice
                .text(field, "' OR '1'='1")
                .text(field, "\r\nBcc: victim@evil.example");
        }
        let bodies = vec![
            ("every field missing", Body::token(token).0),
            (
                "nothing but a trailing token",
                format!("x=1&csrf_token={}", encode(token)),
            ),
            ("every field twice", twice.0),
            ("unknown and hostile field names", unknown.0),
            (
                "a malformed body",
                format!("csrf_token={}&&&=&==&%=%&{}&+=+", encode(token), form.fields.join("&")),
            ),
            (
                "the real token before a forged one",
                format!("{}&csrf_token=forged", form.valid_body(token).0),
            ),
        ];
        for (what, body) in bodies {
            self.post(browser, path, Body(body), what).await;
        }
    }

    /// Delivers every email waiting in the outbox to the SMTP sink and checks every message
    /// received so far; returns how many there are.
    async fn check_mail(&mut self, app: &TestApp, smtp: &SmtpSink) -> usize {
        // Two workers at once, as two processes would run them (each claims its own rows). No more:
        // the SMTP sink serves four connections at a time, and pooled connections linger.
        let workers: Vec<_> = (0..2).map(|_| app.worker(fast_retries())).collect();
        futures_util::future::join_all(
            workers.iter().map(|worker| async move {
                while worker.try_deliver_one().await.expect("deliver") != Outcome::Empty {}
            }),
        )
        .await;
        self.forget();
        let dead: Vec<(String, Option<String>)> = sqlx::query_as(
            "select kind, concat_ws(' / ', last_error, to_name, reply_to) from email_outbox where status = 'dead'",
        )
        .fetch_all(&app.db.pool)
        .await
        .unwrap();
        assert!(dead.is_empty(), "emails that could not be sent: {dead:?}");
        let messages = smtp.messages();
        for mail in &messages {
            let what = format!("the email to {:?}", mail.to);
            assert!(
                mail.to
                    .iter()
                    .all(|t| !t.contains("evil") && !t.contains('\r') && !t.contains('\n')),
                "{what}: recipients"
            );
            let parsed = mail_parser::MessageParser::default()
                .parse(mail.data.as_bytes())
                .unwrap_or_else(|| panic!("{what} does not parse:\n{}", mail.data));
            let head = mail.data.split("\r\n\r\n").next().unwrap();
            let mut names: Vec<String> = Vec::new();
            for line in head.split("\r\n") {
                if line.starts_with([' ', '\t']) {
                    continue; // a folded line
                }
                let name = line.split(':').next().unwrap().to_ascii_lowercase();
                assert!(
                    [
                        "from",
                        "to",
                        "reply-to",
                        "subject",
                        "message-id",
                        "date",
                        "mime-version",
                        "content-type",
                        "content-transfer-encoding",
                    ]
                    .contains(&name.as_str()),
                    "{what}: header {line:?}\n{head}"
                );
                assert!(!names.contains(&name), "{what}: {name} twice\n{head}");
                names.push(name);
            }
            for text in [parsed.subject().unwrap_or_default().to_owned()]
                .into_iter()
                .chain(
                    parsed
                        .to()
                        .into_iter()
                        .flat_map(|a| a.iter())
                        .filter_map(|a| a.name().map(str::to_owned)),
                )
                .chain(
                    parsed
                        .reply_to()
                        .into_iter()
                        .flat_map(|a| a.iter())
                        .filter_map(|a| a.name().map(str::to_owned)),
                )
            {
                // A line break in a decoded header would come from an encoded word: ours (a leak) or
                // one typed as a name, which is sent as literal text.
                assert!(!text.contains(['\r', '\n']), "{what}: a line break in {text:?}");
            }
            assert!(parsed.bcc().is_none() && parsed.cc().is_none(), "{what}: {head}");
            for i in 0.. {
                let Some(html) = parsed.body_html(i) else { break };
                self.assert_escaped(&html, &format!("{what}, its HTML part"));
            }
        }
        messages.len()
    }

    fn report(&self) {
        println!(
            "hostile sweep ({}): {} values, {} needles, {} requests ({:?} by status class) to {} method+path pairs in {:.1?}",
            self.name,
            self.corpus.len(),
            self.needles.count(),
            self.stats.requests,
            self.stats.by_class,
            self.stats.routes.len(),
            self.started.elapsed()
        );
        println!(
            "  time in requests {:.1?}, snapshots {:.1?}, needles {:.1?}",
            self.stats.in_requests, self.stats.in_snapshots, self.stats.in_needles
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Shared by the tests below.

/// Values tried alone in a free-text field: those that may pass validation and then be shown or
/// mailed (markup, quotes, line breaks, template syntax, non-ASCII, raw bytes), not too long.
fn may_be_kept(value: &Hostile) -> bool {
    match value {
        Hostile::Raw(_) => true,
        Hostile::Text(s) => s.len() < 5000 && s.chars().any(|c| "<>\"'\r\n{}%&\\$`".contains(c) || !c.is_ascii()),
    }
}

/// A name that passes validation yet carries markup, quotes and a header injection attempt.
const HOSTILE_NAME: &str = "Ana \"><svg onload=alert(1)> O'Brien\r\nBcc: victim@evil.example";

/// Where each test's requests must have gone: (method, route pattern).
fn assert_covered(sweep: &Sweep, routes: &[(&str, &str)]) {
    for (method, pattern) in routes {
        let pattern: Vec<&str> = pattern.split('/').collect();
        let hit = sweep.stats.routes.iter().any(|(m, path)| {
            let path: Vec<&str> = path.split('/').collect();
            m == method
                && path.len() == pattern.len()
                && path.iter().zip(&pattern).all(|(p, q)| q.starts_with('{') || p == q)
        });
        assert!(hit, "no {method} {} was swept", pattern.join("/"));
    }
}

/// True when the page shows `text` as text (not as markup).
fn shows_text(page: &Page, text: &str) -> bool {
    let html = page.html();
    let shown: String = html.root_element().text().collect();
    shown.split_whitespace().collect::<Vec<_>>().join(" ").contains(text)
}

/// The link in an email's text that contains `needle`, as a path of this site.
fn link_in(mail: &crate::helpers::ReceivedMail, app: &TestApp, needle: &str) -> String {
    let text = mail.parsed().body_text(0).unwrap().into_owned();
    let link = text
        .split_whitespace()
        .find(|w| w.contains(needle))
        .unwrap_or_else(|| panic!("no link with {needle} in {text}"));
    link.strip_prefix(&app.address).expect("a link to this site").to_owned()
}

impl Sweep {
    /// Sweeps the question page at `path`: every field found on it and every field the
    /// questionnaire may ask there, each value at once in all of them, `one_by_one` alone; then
    /// answers it with `valid` and returns where that leads.
    async fn question_page(
        &mut self,
        browser: &TestApp,
        path: &str,
        valid: Answers<'_>,
        one_by_one: &[&str],
        every: usize,
    ) -> String {
        let page = self.get(browser, path, "nothing").await;
        assert_eq!(page.status, 200, "GET {path}: {}", page.body);
        let found = form_on(&page, "post", path);
        let mut parts = path.split('/').skip(3);
        let (pathway, slug) = (parts.next().unwrap(), parts.next().unwrap_or_default());
        let step = match Pathway::from_code(pathway) {
            Some(p) => Flow::of(p).step(slug).unwrap(),
            None => &intake::questionnaire::steps::NOT_SURE,
        };
        let form = Form::new(&found, valid, one_by_one).with_fields(step.fields.iter().map(|f| f.name.to_owned()));
        for field in step.fields.iter().filter(|f| !f.same_page && f.when.is_none()) {
            assert!(
                found.fields.iter().any(|n| n == field.name),
                "{path} shows {}",
                field.name
            );
        }
        let token = page.csrf_token();
        if every == 1 {
            self.values(browser, &token, &form, may_be_kept).await;
            self.structure(browser, &token, &form, true).await;
        } else {
            self.sample(browser, &token, &form, every).await;
        }
        let answered = self.post(browser, path, form.valid_body(&token), "valid answers").await;
        assert_eq!(answered.status, 303, "{path}: {}", answered.body);
        answered.header("location").unwrap().to_owned()
    }

    /// Every `every`-th value in every field at once: for a form that is the same as one swept in
    /// full elsewhere (the shared pages of each pathway, the French contact form), or has no field.
    async fn sample(&mut self, browser: &TestApp, token: &str, form: &Form, every: usize) {
        for i in (0..self.corpus.len()).step_by(every) {
            let value = self.corpus[i].clone();
            let body = form
                .fields
                .iter()
                .fold(Body::token(token), |b, field| b.hostile(field, &value));
            self.post(
                browser,
                &form.action,
                body,
                &format!("{} in every field", value.label()),
            )
            .await;
        }
    }

    /// Sweeps a form that has no field of its own (a button): refused variants first, then a fifth
    /// of the values in a field it does not have; the first accepted request does what the button
    /// does.
    async fn button(&mut self, browser: &TestApp, token: &str, path: &str) {
        let form = Form {
            action: path.to_owned(),
            fields: vec!["comment".to_owned()],
            valid: Vec::new(),
            one_by_one: Vec::new(),
        };
        self.structure(browser, token, &form, false).await;
        self.sample(browser, token, &form, 5).await;
    }

    /// Requests `path(value)` for the values meant for paths (every raw fragment, every path
    /// traversal, a quarter of the rest; none too long for a URL); each must be refused.
    async fn hostile_paths(&mut self, browser: &TestApp, token: &str, method: &str, path: impl Fn(&str) -> String) {
        for i in 0..self.corpus.len() {
            let value = self.corpus[i].clone();
            let for_paths = matches!(value, Hostile::Raw(_)) || value.is_text(|s| PATHS.contains(&s)) || i % 4 == 0;
            if !fits_a_path(&value) || !for_paths {
                continue;
            }
            let url = path(&segment(&value));
            let what = format!("{} in the path", value.label());
            let page = if method == "GET" {
                self.get(browser, &url, &what).await
            } else {
                self.post(
                    browser,
                    &url,
                    Body::token(token).text("slot", "20300101T150000Z"),
                    &what,
                )
                .await
            };
            assert!((400..500).contains(&page.status), "{method} {url}: {}", page.status);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Public forms.

const CONTACT: &[(&str, &str)] = &[
    ("full_name", "Ana López"),
    ("email", "ana.lopez@example.com"),
    ("message", "I have a job offer from a company in Toronto."),
    ("consent_privacy", "yes"),
];

#[actix_web::test]
async fn contact_choose_and_save_for_later_take_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "contact, choose, save for later").await;
    let browser = app.with_new_browser();

    // The contact form, in both languages.
    let page = sweep.get(&browser, "/en/contact", "nothing").await;
    let token = page.csrf_token();
    let found = form_on(&page, "post", "/en/contact");
    let form = Form::new(&found, CONTACT, &["full_name", "message"]);
    assert_eq!(form.fields, ["full_name", "email", "message", "consent_privacy"]);
    sweep.values(&browser, &token, &form, may_be_kept).await;
    sweep.structure(&browser, &token, &form, true).await;
    let fr = Form::new(
        &form_on(
            &sweep.get(&browser, "/fr/contact", "nothing").await,
            "post",
            "/fr/contact",
        ),
        CONTACT,
        &[],
    );
    sweep.sample(&browser, &token, &fr, 5).await;
    assert!(app.count("enquiry").await > 50, "names and messages that pass are kept");

    // Choosing a pathway.
    let page = sweep.get(&browser, "/en/apply", "nothing").await;
    let form = Form::new(
        &form_on(&page, "post", "/en/apply"),
        &[("target_pathway", "gts"), ("consent_privacy", "yes")],
        &[],
    );
    assert_eq!(form.fields, ["target_pathway", "consent_privacy"]);
    sweep.values(&browser, &token, &form, |_| false).await;
    sweep.structure(&browser, &token, &form, true).await;

    // "Email me a link": with a draft that has no address yet there is no form, and whatever is
    // posted (an address to mail included) sends nothing.
    let page = sweep.get(&browser, "/en/apply/save", "nothing").await;
    assert!(forms_on(&page).iter().all(|f| f.action != "/en/apply/save"));
    let form = Form {
        action: "/en/apply/save".to_owned(),
        fields: vec!["email".to_owned()],
        valid: vec![("email".to_owned(), "ana@example.com".to_owned())],
        one_by_one: Vec::new(),
    };
    sweep.values(&browser, &token, &form, |_| false).await;
    sweep.structure(&browser, &token, &form, true).await;

    // Hostile resume links and languages.
    sweep
        .hostile_paths(&browser, &token, "GET", |v| format!("/en/apply/resume/{v}"))
        .await;
    sweep
        .hostile_paths(&browser, &token, "GET", |v| format!("/{v}/contact"))
        .await;

    let mails = sweep.check_mail(&app, &smtp).await;
    assert!(mails > 50, "{mails} emails");
    assert_covered(
        &sweep,
        &[
            ("POST", "/{lang}/contact"),
            ("POST", "/{lang}/apply"),
            ("POST", "/{lang}/apply/save"),
            ("GET", "/{lang}/apply/resume/{token}"),
        ],
    );
    sweep.report();
}

#[actix_web::test]
async fn booking_check_and_manage_pages_take_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "booking, check, manage").await;
    let browser = app.with_new_browser();
    let booking = reach_booking(&browser, "en", HOSTILE_NAME, "ana@example.com").await;
    sweep.forget();

    // The booking form: one POST form whose buttons (a day, a week, "show") come back to the page
    // with the choice in the query string; the query string, hostile too.
    let page = sweep.get(&browser, &booking, "nothing").await;
    for i in 0..sweep.corpus.len() {
        let value = sweep.corpus[i].clone();
        if fits_a_path(&value) {
            let query = format!(
                "{booking}?time_zone={0}&taken={0}&week={0}&day={0}&night={0}&consultant={0}&consultation_language={0}&consultation_mode={0}",
                value.fragment()
            );
            let page = sweep.get(&browser, &query, &value.label()).await;
            assert_eq!(page.status, 200, "{query}");
        }
    }
    let token = page.csrf_token();
    let slots = slot_ids(&page);
    let valid = [
        ("slot", slots[0].as_str()),
        ("consultation_mode", "video"),
        ("consultation_language", "en"),
        ("consultant", "any"),
        ("time_zone", "America/Toronto"),
    ];
    let form = Form::new(&form_on(&page, "post", &booking), &valid, &[]);
    for field in [
        "consultation_mode",
        "consultation_language",
        "consultant",
        "time_zone",
        "show",
        "current_week",
        "current_day",
        "day",
        "slot",
    ] {
        assert!(form.fields.iter().any(|f| f == field), "{field} in {:?}", form.fields);
    }
    sweep.values(&browser, &token, &form, |_| true).await;
    sweep.structure(&browser, &token, &form, true).await;
    assert_eq!(
        sweep
            .post(&browser, &booking, form.valid_body(&token), "a valid choice")
            .await
            .status,
        303
    );

    // The check page shows the stored name escaped; its button submits once, whatever comes with it.
    let check = "/en/apply/gts/check";
    let page = sweep.get(&browser, check, "nothing").await;
    assert!(
        shows_text(&page, "O'Brien Bcc: victim@evil.example"),
        "the name, cleaned, as text"
    );
    sweep.button(&browser, &token, check).await;
    assert_eq!(app.count("booking").await, 1);
    assert_eq!(
        sweep.get(&browser, "/en/apply/confirmation", "nothing").await.status,
        200
    );

    // The manage link from the applicant's email: moving, hostile tokens, cancelling.
    sweep.check_mail(&app, &smtp).await;
    let mail = smtp
        .messages()
        .into_iter()
        .find(|m| m.to == ["ana@example.com"])
        .unwrap();
    let manage = link_in(&mail, &app, "/booking/");
    let page = sweep.get(&browser, &format!("{manage}?night=1"), "nothing").await;
    let other_slot = slot_ids(&page)[1].clone();
    let reschedule = format!("{manage}/reschedule");
    let form = Form::new(
        &form_on(&page, "post", &reschedule),
        &[("slot", other_slot.as_str()), ("time_zone", "America/Toronto")],
        &[],
    );
    for field in ["time_zone", "show", "current_week", "current_day", "day", "slot"] {
        assert!(form.fields.iter().any(|f| f == field), "{field} in {:?}", form.fields);
    }
    sweep.values(&browser, &token, &form, |_| false).await;
    sweep.structure(&browser, &token, &form, true).await;
    // A chosen time asks for confirmation (with a reason); that form, hostile too.
    let asked = sweep
        .post(&browser, &reschedule, form.valid_body(&token), "a valid choice")
        .await;
    assert_eq!(asked.status, 200);
    let confirm = Form::new(
        &form_on(&asked, "post", &reschedule),
        &[
            ("slot", other_slot.as_str()),
            ("time_zone", "America/Toronto"),
            ("confirm", "1"),
            ("reason", "A meeting came up"),
        ],
        &["reason"],
    );
    assert_eq!(confirm.fields, ["slot", "time_zone", "confirm", "reason"]);
    sweep.values(&browser, &token, &confirm, |_| true).await;
    sweep
        .hostile_paths(&browser, &token, "GET", |v| format!("/en/booking/{v}"))
        .await;
    sweep
        .hostile_paths(&browser, &token, "POST", |v| format!("/en/booking/{v}/cancel"))
        .await;
    sweep.button(&browser, &token, &format!("{manage}/cancel")).await;
    let status: String = sqlx::query_scalar("select status from booking")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");

    let mails = sweep.check_mail(&app, &smtp).await;
    assert!(mails >= 4, "{mails} emails");
    assert_covered(
        &sweep,
        &[
            ("GET", "/{lang}/apply/{pathway}/booking"),
            ("POST", "/{lang}/apply/{pathway}/booking"),
            ("POST", "/{lang}/apply/{pathway}/check"),
            ("POST", "/{lang}/booking/{token}/reschedule"),
            ("POST", "/{lang}/booking/{token}/cancel"),
        ],
    );
    sweep.report();
}

/// The checks of this sweep can fail: every value with markup is found when echoed raw, and
/// never when escaped as askama escapes.
#[test]
fn the_needles_find_raw_markup_and_not_escaped_markup() {
    let corpus = corpus();
    let needles = Needles::of(&corpus);
    assert!(needles.count() > 50, "{} needles", needles.count());
    let escape = |s: &str| {
        s.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('>', "&gt;")
            .replace('"', "&#34;")
            .replace('\'', "&#39;")
    };
    let page = |inner: &str| format!("<!doctype html><p class=\"x\"><input value=\"{inner}\"></p><span>{inner}</span>");
    // Escaping does not make a link safe: the raw page also has the value as a link.
    let raw_page = |inner: &str| format!("{}<a href=\"{inner}\">x</a>", page(inner));
    let mut dangerous = 0;
    for value in &corpus {
        let text = value.decoded();
        let mut own = BTreeSet::new();
        needles_in(&text, &mut own);
        if !own.is_empty() {
            dangerous += 1;
            assert!(
                needles.find(&raw_page(&text)).is_some(),
                "{} raw is not found",
                value.label()
            );
        }
        assert_eq!(needles.find(&page(&escape(&text))), None, "{} escaped", value.label());
    }
    assert!(dangerous >= 30, "{dangerous} values carry markup");
    assert!(needles.find("<p>1787569</p>").is_some());
}

// ---------------------------------------------------------------------------------------------
// The questionnaire.

/// GTS answers that open every conditional page (inside Canada with a status, an offer with a
/// referral, an occupation with follow-up questions), with free text that passes validation yet
/// carries markup, to be shown escaped on later pages and in the emails.
const GTS_PAGES: &[(&str, Answers, &[&str])] = &[
    (
        "about-you",
        &[
            ("full_name", HOSTILE_NAME),
            ("email", "ana@example.com"),
            ("phone", "+1 (416) 923-4567"),
            ("citizenships", "MX"),
            ("citizenships", ""),
            ("country_of_residence", "MX"),
        ],
        &["full_name"],
    ),
    ("location", &[("current_location", "inside_canada")], &[]),
    (
        "canadian-status",
        &[("canadian_status", "worker"), ("status_expiry", "2030-06-30")],
        &[],
    ),
    (
        "route",
        &[
            ("entry_plan", "inside_canada"),
            ("us_lawful_permanent_resident", "no"),
            ("mx_travel_document", "canadian_visa"),
            ("planned_filing_date", "2030-01-15"),
        ],
        &[],
    ),
    (
        "education",
        &[
            ("highest_education", "master"),
            ("field_of_study", "Computer <i>science</i> & \"maths\""),
            ("years_it_experience", "6.5"),
        ],
        &[],
    ),
    (
        "job-offer",
        &[
            ("job_offer_status", "written"),
            ("employer_will_file_gts_lmia", "yes"),
            ("gts_referral_status", "referred"),
        ],
        &[],
    ),
    (
        "employer",
        &[
            ("employer_legal_name", "Maple \"><img src=x onerror=alert(7)> Inc."),
            ("employer_city", "Toronto"),
            ("employer_province", "ON"),
        ],
        &[],
    ),
    ("work-region", &[("work_economic_region", "unknown")], &[]),
    (
        "referral",
        &[("referral_partner_name", "Toronto Global <script>alert('xss')</script>")],
        &[],
    ),
    (
        "job",
        &[
            ("job_title", "Actuary'><svg/onload=alert(2)>"),
            ("job_duties", DUTIES),
            ("noc_2021_code", "21210"),
            ("offered_wage", "145,000"),
            ("wage_unit", "annual"),
            ("hours_per_week", "40"),
            ("years_specialized_experience", "7"),
        ],
        &[],
    ),
    ("job-details", &[("role_is_actuarial", "no")], &[]),
    ("admissibility", ADMISSIBILITY, &[]),
    ("consent", CONSENT, &[]),
];

#[actix_web::test]
async fn every_gts_question_page_takes_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "GTS questions").await;
    let browser = app.with_new_browser();
    let token = sweep.get(&browser, "/en/apply", "nothing").await.csrf_token();
    let first = sweep
        .post(
            &browser,
            "/en/apply",
            Body::token(&token)
                .text("target_pathway", "gts")
                .text("consent_privacy", "yes"),
            "gts",
        )
        .await;
    let mut at = first.header("location").unwrap().to_owned();
    for (slug, valid, one_by_one) in GTS_PAGES {
        assert_eq!(at, format!("/en/apply/gts/{slug}"), "every GTS page is asked, in order");
        at = sweep.question_page(&browser, &at, valid, one_by_one, 1).await;
    }
    assert_eq!(at, "/en/apply/gts/assessment");
    assert_eq!(sweep.get(&browser, &at, "nothing").await.status, 200);

    // What was stored is shown escaped on the check page and in the emails of the submission.
    choose_slot(&browser, "/en/apply/gts/booking", None, "America/Toronto").await;
    sweep.forget();
    let check = sweep.get(&browser, "/en/apply/gts/check", "nothing").await;
    for stored in [
        "Maple \"><img src=x onerror=alert(7)> Inc.",
        "Actuary'><svg/onload=alert(2)>",
        "Ana \"><svg",
    ] {
        assert!(shows_text(&check, stored), "the check page shows {stored:?} as text");
    }
    assert_eq!(submit(&browser, "en").await.status, 303);
    sweep.forget();
    assert_eq!(
        sweep.get(&browser, "/en/apply/confirmation", "nothing").await.status,
        200
    );
    assert_eq!(sweep.check_mail(&app, &smtp).await, 2, "the brief and the confirmation");

    let steps = Flow::of(Pathway::Gts);
    let routes: Vec<(&str, String)> = steps
        .steps
        .iter()
        .map(|s| ("POST", format!("/en/apply/gts/{}", s.slug)))
        .collect();
    let routes: Vec<(&str, &str)> = routes.iter().map(|(m, p)| (*m, p.as_str())).collect();
    assert_covered(&sweep, &routes);
    sweep.report();
}

const CUSMA_PAGES: &[(&str, Answers)] = &[
    ("about-you", ABOUT_YOU),
    ("location", OUTSIDE),
    ("route", ROUTE),
    ("education", EDUCATION),
    (
        "profession",
        &[
            ("job_offer_status", "written"),
            ("cusma_profession", "mathematician"),
            ("job_title", "Pricing actuary"),
            ("job_duties", DUTIES),
            ("noc_2021_code", "21210"),
            ("engagement_type", "employee"),
            ("controls_canadian_entity", "no"),
        ],
    ),
    (
        "actuary",
        &[("role_is_actuarial", "yes"), ("actuarial_recognition", "unsure")],
    ),
    (
        "credentials",
        &[
            ("credential_type", "bachelor_or_licenciatura"),
            ("credential_field_related", "yes"),
            ("credential_country", "MX"),
            ("years_experience_in_profession", "5"),
            ("licence_held", "none"),
            ("profession_regulated_in_destination", "no"),
        ],
    ),
    (
        "terms",
        &[
            ("offered_wage", "38.50"),
            ("wage_unit", "hourly"),
            ("duration_months", "12"),
        ],
    ),
    ("admissibility", ADMISSIBILITY),
    ("consent", CONSENT),
];

const SPECIALIST: &str = "Maintains the firm's proprietary payment-routing engine, designed its ledger \
                          and trains every new engineer on it; no one else knows its internals.";

const ICT_PAGES: &[(&str, Answers)] = &[
    ("about-you", ABOUT_YOU),
    ("location", OUTSIDE),
    ("route", ROUTE),
    ("education", EDUCATION),
    (
        "companies",
        &[
            ("foreign_employer_name", "Globex GmbH"),
            ("foreign_employer_country", "DE"),
            ("countries_with_revenue_operations", "DE"),
            ("countries_with_revenue_operations", "FR"),
            ("canadian_entity_status", "being_established"),
            ("relationship", "subsidiary"),
            ("applicant_owns_controlling_interest", "no"),
            ("canadian_premises", "commercial"),
        ],
    ),
    (
        "start-up",
        &[
            ("startup_business_plan", "yes"),
            ("startup_hr_plan", "yes"),
            ("startup_funding_cad", "250000"),
        ],
    ),
    (
        "employment",
        &[
            ("currently_employed_by_foreign_entity", "yes"),
            ("employment_full_time_continuous", "yes"),
            ("employment_start_date", "2020-01-15"),
            ("current_role_category", "specialized_knowledge"),
            ("current_job_title", "Payments engineer"),
        ],
    ),
    (
        "transfer",
        &[
            ("proposed_role_category", "specialized_knowledge"),
            ("proposed_job_title", "Payments engineer"),
            ("proposed_noc_2021_code", "21231"),
            ("work_province", "ON"),
            ("work_city", "Toronto <b>downtown</b>"),
            ("proposed_wage", "160000"),
            ("wage_unit", "annual"),
            ("hours_per_week", "37.5"),
            ("home_position_held_for_return", "yes"),
            ("work_location_type", "canadian_office"),
            ("prior_ict_months_in_canada", "0"),
            ("assignment_months", "36"),
        ],
    ),
    ("work-region", &[("work_economic_region", "unknown")]),
    (
        "role",
        &[
            ("proprietary_knowledge_description", SPECIALIST),
            ("worked_on_product_development", "yes"),
        ],
    ),
    ("admissibility", ADMISSIBILITY),
    ("consent", CONSENT),
];

/// The pages every pathway shares, swept in full with GTS and sampled here.
const SHARED: &[&str] = &[
    "about-you",
    "location",
    "canadian-status",
    "education",
    "admissibility",
    "consent",
];

#[actix_web::test]
async fn every_cusma_ict_and_not_sure_page_takes_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "CUSMA, ICT and not-sure questions").await;

    for (pathway, target, pages) in [("cusma", "cusma_professional", CUSMA_PAGES), ("ict", "ict", ICT_PAGES)] {
        let browser = app.with_new_browser();
        let token = sweep.get(&browser, "/en/apply", "nothing").await.csrf_token();
        let first = sweep
            .post(
                &browser,
                "/en/apply",
                Body::token(&token)
                    .text("target_pathway", target)
                    .text("consent_privacy", "yes"),
                target,
            )
            .await;
        let mut at = first.header("location").unwrap().to_owned();
        for (slug, valid) in pages {
            assert_eq!(at, format!("/en/apply/{pathway}/{slug}"));
            let every = if SHARED.contains(slug) { 10 } else { 1 };
            at = sweep.question_page(&browser, &at, valid, &[], every).await;
        }
        assert_eq!(at, format!("/en/apply/{pathway}/assessment"));
        assert_eq!(sweep.get(&browser, &at, "nothing").await.status, 200);
        if pathway == "ict" {
            // The role page of a manager asks other questions.
            let mut transfer = ICT_PAGES[7].1.to_vec();
            transfer[0] = ("proposed_role_category", "senior_manager");
            sweep
                .question_page(&browser, "/en/apply/ict/transfer", &transfer, &[], 10)
                .await;
            let manager: Answers = &[
                ("direct_reports", "6"),
                ("reports_are_professionals", "yes"),
                ("reports_include_managers", "no"),
            ];
            sweep
                .question_page(&browser, "/en/apply/ict/role", manager, &[], 1)
                .await;
            // A recent start (under 12 months at the filing date) brings the earlier-work page.
            let recent = (chrono::Utc::now().date_naive() - chrono::Duration::days(30)).to_string();
            let mut employment = ICT_PAGES[6].1.to_vec();
            for answer in employment
                .iter_mut()
                .filter(|(name, _)| *name == "employment_start_date")
            {
                answer.1 = recent.as_str();
            }
            let next = sweep
                .question_page(&browser, "/en/apply/ict/employment", &employment, &[], 1)
                .await;
            assert_eq!(next, "/en/apply/ict/earlier-work");
            let earlier: Answers = &[
                ("had_earlier_stint", "yes"),
                ("earlier_stint_start_date", "2022-01-10"),
                ("earlier_stint_end_date", "2023-06-30"),
            ];
            sweep
                .question_page(&browser, "/en/apply/ict/earlier-work", earlier, &[], 1)
                .await;
        }
    }

    // "Not sure": the deciding questions, then picking a pathway.
    let browser = app.with_new_browser();
    let token = sweep.get(&browser, "/en/apply", "nothing").await.csrf_token();
    sweep
        .post(
            &browser,
            "/en/apply",
            Body::token(&token)
                .text("target_pathway", "not_sure")
                .text("consent_privacy", "yes"),
            "not_sure",
        )
        .await;
    let valid: Answers = &[
        ("citizenships", "US"),
        ("job_offer_status", "written"),
        ("noc_2021_code", "21231"),
        ("currently_employed_by_foreign_entity", "yes"),
        ("relationship", "branch"),
    ];
    let result = sweep.question_page(&browser, "/en/apply/not-sure", valid, &[], 1).await;
    assert_eq!(result, "/en/apply/not-sure/result");
    let page = sweep.get(&browser, &result, "nothing").await;
    let form = Form::new(&form_on(&page, "post", &result), &[("pathway", "cusma")], &[]);
    assert_eq!(form.fields, ["pathway"]);
    sweep.values(&browser, &token, &form, |_| false).await;
    sweep.structure(&browser, &token, &form, true).await;

    let mut routes: Vec<(&str, String)> = vec![
        ("POST", "/en/apply/not-sure".to_owned()),
        ("POST", "/en/apply/not-sure/result".to_owned()),
    ];
    for pathway in [Pathway::Cusma, Pathway::Ict] {
        for step in Flow::of(pathway).steps.iter().filter(|s| s.slug != "canadian-status") {
            routes.push(("POST", format!("/en/apply/{pathway}/{}", step.slug)));
        }
    }
    let routes: Vec<(&str, &str)> = routes.iter().map(|(m, p)| (*m, p.as_str())).collect();
    assert_covered(&sweep, &routes);
    sweep.report();
}

// ---------------------------------------------------------------------------------------------
// The back office.

const PASSWORD: &str = "correct horse battery staple 42";
const NEW_PASSWORD: &str = "Gl4cier-Otter-Lantern-Fjord";

/// The POST routes of `src/routes/staff/` each staff test sweeps (a test below checks that
/// together they are all of them).
const STAFF_APPLICATION_ROUTES: &[(&str, &str)] = &[
    ("POST", "/staff/login"),
    ("POST", "/staff/applications/{id}/status"),
    ("POST", "/staff/applications/{id}/assign"),
    ("POST", "/staff/applications/{id}/notes"),
    ("POST", "/staff/applications/{id}/emails/{email}/resend"),
    ("POST", "/staff/applications/{id}/booking/cancel"),
    ("GET", "/staff/applications/{id}/booking/move"),
    ("POST", "/staff/applications/{id}/booking/move/choose"),
    ("POST", "/staff/applications/{id}/booking/move"),
    ("GET", "/staff/consultations"),
    ("GET", "/staff/consultations/capacity"),
    ("POST", "/staff/consultations/feed"),
    ("GET", "/staff/consultations/feed/revoke"),
    ("POST", "/staff/consultations/feed/revoke"),
    ("POST", "/staff/applications/{id}/erase"),
    ("POST", "/staff/applications/bookings/cancel"),
    ("POST", "/staff/applications/bookings/cancel/confirm"),
    ("GET", "/staff/login"),
    ("GET", "/staff/applications"),
    ("GET", "/staff/applications/export.csv"),
    ("GET", "/staff/applications/{id}"),
];
const STAFF_ADMIN_ROUTES: &[(&str, &str)] = &[
    ("POST", "/staff/logout"),
    ("POST", "/staff/users/new"),
    ("POST", "/staff/users/{id}/disable"),
    ("POST", "/staff/users/{id}/enable"),
    ("POST", "/staff/users/{id}/password"),
    ("POST", "/staff/users/{id}/role"),
    ("POST", "/staff/availability/settings"),
    ("POST", "/staff/availability/rules"),
    ("POST", "/staff/availability/rules/{id}/remove"),
    ("POST", "/staff/availability/exceptions"),
    ("POST", "/staff/availability/exceptions/{id}/remove"),
    ("GET", "/staff/audit"),
    ("GET", "/staff/users/{id}"),
    ("POST", "/staff/wages"),
    ("POST", "/staff/users/security-policy"),
    ("POST", "/staff/users/{id}/second-factor/reset"),
    ("POST", "/staff/account/password"),
    ("POST", "/staff/account/sessions/{id}/end"),
    ("POST", "/staff/account/sessions/end-others"),
    ("POST", "/staff/account/sessions/end-all"),
    ("POST", "/staff/account/second-factor"),
    ("POST", "/staff/account/recovery-codes"),
    ("POST", "/staff/account/second-factor/remove"),
];

/// The consultants' pages and each consultant's calendar (`consultant_forms_take_hostile_input_safely`).
const STAFF_CONSULTANT_ROUTES: &[(&str, &str)] = &[
    ("GET", "/staff/consultants"),
    ("GET", "/staff/consultants/{id}"),
    ("POST", "/staff/consultants/new"),
    ("POST", "/staff/consultants/{id}"),
    ("POST", "/staff/consultants/{id}/link"),
    ("GET", "/staff/availability"),
    ("POST", "/staff/availability/rules"),
    ("POST", "/staff/availability/exceptions"),
    ("POST", "/staff/availability/rules/copy"),
    ("POST", "/staff/availability/holidays/{date}/reopen"),
    ("POST", "/staff/availability/holidays/{date}/close"),
];

/// The POST routes declared in `src/routes/staff/`, as `/staff/...` patterns.
fn staff_post_routes() -> BTreeSet<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/routes/staff");
    let mut found = BTreeSet::new();
    for file in crate::helpers::rust_files(&dir) {
        let source = std::fs::read_to_string(file).unwrap();
        // `.route("/x", web::post()...)` and `web::resource("/x")...post(...)`.
        for (opening, is_resource) in [(".route(", false), ("web::resource(", true)] {
            for part in source.split(opening).skip(1) {
                let argument = part.split([',', ')']).next().unwrap().trim();
                let path = match argument.strip_prefix('"') {
                    Some(literal) => literal.trim_end_matches('"').to_owned(),
                    None if argument == "LOGIN_PATH" => intake::auth::LOGIN_PATH.to_owned(),
                    None => continue,
                };
                let chain = part.split([';', '\n']).next().unwrap();
                let chain = if is_resource {
                    part.split(".route(").next().unwrap().split(".service(").next().unwrap()
                } else {
                    chain
                };
                if chain.contains("web::post()") || (is_resource && chain.contains(".post(")) {
                    let path = if path.starts_with("/staff") {
                        path
                    } else {
                        format!("/staff{path}")
                    };
                    found.insert(path);
                }
            }
        }
    }
    found
}

#[test]
fn the_staff_sweeps_cover_every_staff_form() {
    let found = staff_post_routes();
    assert!(found.len() >= 17, "POST routes read from the source: {found:?}");
    for path in found {
        assert!(
            STAFF_APPLICATION_ROUTES
                .iter()
                .chain(STAFF_ADMIN_ROUTES)
                .chain(STAFF_CONSULTANT_ROUTES)
                .any(|(m, p)| *m == "POST" && *p == path),
            "POST {path} is swept by no test of tests/api/hostile.rs"
        );
    }
}

/// A browser signed in as a new admin, and the admin's id.
async fn signed_in_admin(app: &TestApp) -> (TestApp, uuid::Uuid) {
    let browser = app.with_new_browser();
    let id = create_staff(app, "admin@firm.example", "Pat Admin", "admin", PASSWORD).await;
    let answer = login(&browser, "admin@firm.example", PASSWORD).await;
    assert_eq!(answer.status, 303, "{}", answer.body);
    (browser, id)
}

/// Sweeps every value through a GET form's query string (each field given the value), and the
/// same query to `also` (an export of the same filters).
async fn sweep_query(sweep: &mut Sweep, browser: &TestApp, page: &Page, action: &str, also: Option<&str>) {
    let form = form_on(page, "get", action);
    assert!(!form.fields.is_empty());
    for i in 0..sweep.corpus.len() {
        let value = sweep.corpus[i].clone();
        if !fits_a_path(&value) {
            continue; // the request line has its limits too; long values go to the POST forms
        }
        let query: Vec<String> = form
            .fields
            .iter()
            .chain(std::iter::once(&"page".to_owned()))
            .map(|f| format!("{f}={}", value.fragment()))
            .collect();
        let query = query.join("&");
        for path in std::iter::once(action).chain(also) {
            let page = sweep.get(browser, &format!("{path}?{query}"), &value.label()).await;
            assert_eq!(page.status, 200, "{path}?{query}");
        }
    }
}

#[actix_web::test]
async fn back_office_sign_in_and_application_forms_take_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "staff sign-in and applications").await;
    let applicant = app.with_new_browser();
    let booking = reach_booking(&applicant, "en", HOSTILE_NAME, "ana@example.com").await;
    choose_slot(&applicant, &booking, None, "America/Toronto").await;
    assert_eq!(submit(&applicant, "en").await.status, 303);
    let application: uuid::Uuid = sqlx::query_scalar("select application_id from application")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    let detail = format!("/staff/applications/{application}");
    let (staff, admin_id) = signed_in_admin(&app).await;
    sweep.forget();

    // Signing in: hostile values in every field (failed sign-ins are audited, nothing else).
    let anonymous = app.with_new_browser();
    let page = sweep
        .get(&anonymous, "/staff/login?next=/staff/applications", "nothing")
        .await;
    let valid = [
        ("next", "/staff/applications"),
        ("email", "nobody@firm.example"),
        ("password", "not the password 42"),
    ];
    let form = Form::new(&form_on(&page, "post", "/staff/login"), &valid, &[]);
    assert_eq!(form.fields, ["next", "email", "password"]);
    let token = page.csrf_token();
    sweep.values(&anonymous, &token, &form, |_| false).await;
    sweep.structure(&anonymous, &token, &form, true).await;
    for i in 0..sweep.corpus.len() {
        let value = sweep.corpus[i].clone();
        if fits_a_path(&value) {
            let query = format!("/staff/login?next={0}&expired={0}", value.fragment());
            assert_eq!(sweep.get(&anonymous, &query, &value.label()).await.status, 200);
        }
    }
    // The sweep's hundreds of failures from this address now hold its sign-ins back (see
    // `staff_security`); an hour later they are forgotten.
    sqlx::query("update staff_login_failure set at = at - interval '2 hours'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    // A sign-in that succeeds never leads off the back office, whatever `next` says.
    for next in PATHS.iter().copied().chain([
        "javascript:alert(1)",
        "/staff/<script>alert(1)</script>",
        "/staff\r\nX-Injected: yes",
    ]) {
        let browser = app.with_new_browser();
        let token = sweep.get(&browser, "/staff/login", "nothing").await.csrf_token();
        let body = Body::token(&token)
            .text("email", "admin@firm.example")
            .text("password", PASSWORD)
            .text("next", next);
        let answer = sweep
            .post(&browser, "/staff/login", body, &format!("next={next:?}"))
            .await;
        assert_eq!(answer.status, 303);
        let location = answer.header("location").unwrap();
        assert!(location.starts_with("/staff"), "{next:?} led to {location}");
    }

    // The application's page and each of its forms.
    let page = sweep.get(&staff, &detail, "nothing").await;
    assert!(shows_text(&page, "O'Brien Bcc: victim@evil.example"));
    let token = page.csrf_token();
    let admin_id = admin_id.to_string();
    let forms: [(&str, &[(&str, &str)]); 3] = [
        ("status", &[("review_status", "contacted")]),
        ("assign", &[("assigned_to", admin_id.as_str())]),
        ("notes", &[("body", "Called, prefers mornings.")]),
    ];
    for (action, valid) in forms {
        let found = form_on(&page, "post", &format!("{detail}/{action}"));
        let form = Form::new(&found, valid, &[]);
        assert_eq!(form.fields.len(), 1, "{found:?}");
        sweep.values(&staff, &token, &form, |_| false).await;
        sweep.structure(&staff, &token, &form, true).await;
    }
    assert!(
        app.count("note").await > 100,
        "hostile notes are kept, to be shown escaped"
    );
    let page = sweep.get(&staff, &detail, "nothing").await;
    assert!(page.count("[data-note]") > 100);

    // Moving the consultation: the picker's form (its buttons navigate, a time asks for a
    // confirmation), then the confirmation's form, which moves it and emails the reason.
    let moving = format!("{detail}/booking/move");
    assert_eq!(page.attr_of("a[data-move-link]", "href"), Some(moving.clone()));
    let picker = sweep.get(&staff, &format!("{moving}?night=1"), "nothing").await;
    assert_eq!(picker.status, 200);
    let first_slot = crate::booking::slot_ids(&picker)[0].clone();
    let choose = format!("{moving}/choose");
    let form = Form::new(
        &form_on(&picker, "post", &choose),
        &[("consultant", "any"), ("slot", first_slot.as_str())],
        &["consultant", "slot"],
    );
    sweep.values(&staff, &token, &form, markup_or_line_break).await;
    sweep.structure(&staff, &token, &form, true).await;
    sweep
        .hostile_paths(&staff, &token, "GET", |v| {
            format!("/staff/applications/{v}/booking/move")
        })
        .await;
    let confirm = sweep
        .post(&staff, &choose, form.valid_body(&token), "a valid choice")
        .await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let found = form_on(&confirm, "post", &moving);
    assert_eq!(found.fields, ["slot", "consultant", "reason"]);
    let consultant = confirm
        .attr_of(r#"input[name="consultant"]"#, "value")
        .expect("the consultant confirmed");
    let form = Form::new(
        &found,
        &[
            ("slot", first_slot.as_str()),
            ("consultant", consultant.as_str()),
            ("reason", "Court"),
        ],
        &["reason"],
    );
    sweep.values(&staff, &token, &form, markup_or_line_break).await;
    sweep.structure(&staff, &token, &form, true).await;
    let moves: i64 = sqlx::query_scalar("select count(*) from audit_event where action = 'booking.move'")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert!(
        moves > 10,
        "hostile reasons are sent, to be shown escaped in the emails"
    );

    // Each consultant's list, the feed's address and the capacity view (the admin consults: the
    // firm's own calendar).
    sqlx::query("update consultant set staff_user_id = $1 where staff_user_id is null")
        .bind(uuid::Uuid::parse_str(&admin_id).unwrap())
        .execute(&app.db.pool)
        .await
        .unwrap();
    sweep.forget();
    let page = sweep.get(&staff, "/staff/consultations", "nothing").await;
    assert_eq!(page.count("tr[data-consultation]"), 1);
    sweep_query(&mut sweep, &staff, &page, "/staff/consultations", None).await;
    form_on(&page, "post", "/staff/consultations/feed");
    sweep.button(&staff, &token, "/staff/consultations/feed").await;
    let page = sweep.get(&staff, "/staff/consultations/feed/revoke", "nothing").await;
    assert_eq!(page.status, 200);
    form_on(&page, "post", "/staff/consultations/feed/revoke");
    sweep.button(&staff, &token, "/staff/consultations/feed/revoke").await;
    sweep
        .hostile_paths(&staff, &token, "GET", |v| format!("/calendar/{v}.ics"))
        .await;
    assert_eq!(
        sweep
            .get(&staff, "/staff/consultations/capacity", "nothing")
            .await
            .status,
        200
    );

    // Resending an email that could not be sent, then cancelling the booking.
    let dead: uuid::Uuid = sqlx::query_scalar(
        "update email_outbox set status = 'dead', last_error = '550 <b>no</b>' where kind = 'firm_brief'
         returning email_outbox_id",
    )
    .fetch_one(&app.db.pool)
    .await
    .unwrap();
    sweep.forget();
    let page = sweep.get(&staff, &detail, "nothing").await;
    let resend = format!("{detail}/emails/{dead}/resend");
    form_on(&page, "post", &resend);
    sweep.button(&staff, &token, &resend).await;
    form_on(&page, "post", &format!("{detail}/booking/cancel"));
    sweep.button(&staff, &token, &format!("{detail}/booking/cancel")).await;
    let status: String = sqlx::query_scalar("select status from booking")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");

    // Ids that are not ids.
    sweep
        .hostile_paths(&staff, &token, "GET", |v| format!("/staff/applications/{v}"))
        .await;
    sweep
        .hostile_paths(&staff, &token, "POST", |v| format!("/staff/applications/{v}/status"))
        .await;

    // The list's filters and the export of the same filters.
    let page = sweep.get(&staff, "/staff/applications", "nothing").await;
    sweep_query(
        &mut sweep,
        &staff,
        &page,
        "/staff/applications",
        Some("/staff/applications/export.csv"),
    )
    .await;

    // Cancelling many bookings at once: hostile selections, then hostile confirmations of one.
    sqlx::query("update booking set status = 'active'")
        .execute(&app.db.pool)
        .await
        .unwrap();
    let page = sweep.get(&staff, "/staff/applications", "nothing").await;
    let id = application.to_string();
    let found = form_on(&page, "post", "/staff/applications/bookings/cancel");
    let form = Form::new(&found, &[("id", id.as_str())], &[]);
    assert_eq!(form.fields, ["id"]);
    sweep.values(&staff, &token, &form, |_| false).await;
    sweep.structure(&staff, &token, &form, false).await;
    let confirm = sweep
        .post(
            &staff,
            "/staff/applications/bookings/cancel",
            form.valid_body(&token),
            "valid selection",
        )
        .await;
    assert_eq!(confirm.status, 200, "{}", confirm.body);
    let found = form_on(&confirm, "post", "/staff/applications/bookings/cancel/confirm");
    let form = Form::new(&found, &[("id", id.as_str()), ("notify", "no")], &[]);
    assert_eq!(form.fields, ["id", "notify"]);
    sweep.values(&staff, &token, &form, |_| false).await;
    sweep.structure(&staff, &token, &form, true).await;
    let status: String = sqlx::query_scalar("select status from booking")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    assert_eq!(status, "cancelled");

    // Erasing, last.
    sweep.button(&staff, &token, &format!("{detail}/erase")).await;
    assert_eq!(sweep.get(&staff, &detail, "nothing").await.count("[data-erased]"), 1);

    sweep.check_mail(&app, &smtp).await;
    assert_covered(&sweep, STAFF_APPLICATION_ROUTES);
    sweep.report();
}

/// The columns of the official wages file the importer reads, and the rest of a valid row after its NOC.
const WAGES_HEADER: &str = "NOC_CNP,NOC_Title_eng,NOC_Title_fra,prov,ER_Code_Code_RE,ER_Name,Nom_RE,\
                            Median_Wage_Salaire_Median,Annual_Wage_Flag_Salaire_annuel,Reference_Period,\
                            Revision_Date_Date_revision";
const WAGES_ROW: &str = "Title,Titre,ON,ER35,Ontario,Ontario,48.08,0,2023-2024,2025-11-19";

/// The wage data page's upload: the token and `file` named `file_name`, as `multipart/form-data`.
fn wages_upload(browser: &TestApp, token: &str, file_name: &str, file: &str) -> reqwest::RequestBuilder {
    let boundary = "hostile-sweep-boundary-3f9a7c";
    let body = format!(
        "--{boundary}\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n{token}\r\n\
         --{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\n\
         Content-Type: text/csv\r\n\r\n{file}\r\n--{boundary}--\r\n"
    );
    browser
        .client
        .post(browser.url("/staff/wages"))
        .header("content-type", format!("multipart/form-data; boundary={boundary}"))
        .body(body)
}

/// An availability form: its action under `/staff/availability/`, a valid fill, the fields also
/// tried alone.
type AvailabilityForm<'a> = (&'a str, Vec<(&'a str, &'a str)>, &'a [&'a str]);

/// Values tried alone as a new member's name: markup and line breaks (each creates an account).
fn markup_or_line_break(value: &Hostile) -> bool {
    value.is_text(|s| s.len() < 200 && s.contains(['<', '"', '\'', '\r', '\n']))
}

#[actix_web::test]
async fn admin_forms_take_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "staff admin").await;
    let (admin, _) = signed_in_admin(&app).await;
    let member = create_staff(&app, "member@firm.example", "Sam Member", "staff", PASSWORD).await;
    sweep.forget();
    let token = sweep.get(&admin, "/staff/", "nothing").await.csrf_token();

    // Adding a member: every value everywhere, then hostile names that pass, each its own account.
    let page = sweep.get(&admin, "/staff/users/new", "nothing").await;
    let valid = [
        ("email", "new@firm.example"),
        ("name", "Lee New"),
        ("role", "staff"),
        ("password", NEW_PASSWORD),
    ];
    let form = Form::new(&form_on(&page, "post", "/staff/users/new"), &valid, &[]);
    assert_eq!(form.fields, ["name", "email", "role", "password"]);
    sweep.values(&admin, &token, &form, |_| false).await;
    sweep.structure(&admin, &token, &form, true).await;
    for i in 0..sweep.corpus.len() {
        let value = sweep.corpus[i].clone();
        if markup_or_line_break(&value) {
            let body = Body::token(&token)
                .text("email", &format!("member{i}@firm.example"))
                .hostile("name", &value)
                .text("role", "staff")
                .text("password", NEW_PASSWORD);
            sweep
                .post(
                    &admin,
                    "/staff/users/new",
                    body,
                    &format!("{} as a name", value.label()),
                )
                .await;
        }
    }
    assert!(
        app.count("staff_user").await > 30,
        "members with hostile names, to be shown escaped"
    );
    sweep.get(&admin, "/staff/users", "nothing").await;

    // One member's page: role, password, disable and enable.
    let user = format!("/staff/users/{member}");
    let page = sweep.get(&admin, &user, "nothing").await;
    for (action, valid) in [
        ("role", [("role", "staff")]),
        ("password", [("password", NEW_PASSWORD)]),
    ] {
        let form = Form::new(&form_on(&page, "post", &format!("{user}/{action}")), &valid, &[]);
        assert_eq!(form.fields, [action]);
        sweep.values(&admin, &token, &form, |_| false).await;
        sweep.structure(&admin, &token, &form, true).await;
    }
    for action in ["disable", "enable"] {
        let page = sweep.get(&admin, &user, "nothing").await;
        form_on(&page, "post", &format!("{user}/{action}"));
        sweep.button(&admin, &token, &format!("{user}/{action}")).await;
    }
    sweep
        .hostile_paths(&admin, &token, "GET", |v| format!("/staff/users/{v}"))
        .await;
    sweep
        .hostile_paths(&admin, &token, "POST", |v| format!("/staff/users/{v}/role"))
        .await;

    // Availability: settings, opening hours, closures.
    let page = sweep.get(&admin, "/staff/availability", "nothing").await;
    let day = (chrono::Utc::now() + chrono::Duration::days(200))
        .format("%Y-%m-%d")
        .to_string();
    let forms: [AvailabilityForm; 3] = [
        (
            "settings",
            vec![
                ("consultation_minutes", "30"),
                ("buffer_minutes", "15"),
                ("min_notice_hours", "24"),
                ("horizon_days", "30"),
                ("daily_cap", "8"),
                ("cancel_cutoff_hours", "12"),
                ("holidays", "ON"),
                ("quebec_easter", "good_friday"),
            ],
            &[],
        ),
        (
            "rules",
            vec![("rule_weekday", "6"), ("rule_start", "10:00"), ("rule_end", "11:00")],
            &[],
        ),
        (
            "exceptions",
            vec![
                ("exception_day", day.as_str()),
                ("exception_start", ""),
                ("exception_end", ""),
                ("exception_label", "Closed"),
            ],
            &["exception_label"],
        ),
    ];
    for (action, valid, one_by_one) in forms {
        let found = form_on(&page, "post", &format!("/staff/availability/{action}"));
        let form = Form::new(&found, &valid, one_by_one);
        assert_eq!(form.fields.len(), valid.len(), "{found:?}");
        sweep.values(&admin, &token, &form, markup_or_line_break).await;
        sweep.structure(&admin, &token, &form, true).await;
    }
    assert!(
        app.count("availability_exception").await > 30,
        "hostile labels are kept, to be shown escaped"
    );
    let page = sweep.get(&admin, "/staff/availability", "nothing").await;
    for kind in ["rules", "exceptions"] {
        let remove = forms_on(&page)
            .into_iter()
            .find(|f| f.action.starts_with(&format!("/staff/availability/{kind}/")))
            .unwrap_or_else(|| panic!("a form to remove {kind}"));
        sweep.button(&admin, &token, &remove.action).await;
        sweep
            .hostile_paths(&admin, &token, "POST", |v| {
                format!("/staff/availability/{kind}/{v}/remove")
            })
            .await;
    }

    // Wage data: the upload form posted as a plain form; then each value as a NOC in an uploaded
    // file (the refusal quotes it), and as the file's name.
    let page = sweep.get(&admin, "/staff/wages", "nothing").await;
    form_on(&page, "post", "/staff/wages");
    sweep.button(&admin, &token, "/staff/wages").await;
    for i in 0..sweep.corpus.len() {
        let value = sweep.corpus[i].clone();
        let Hostile::Text(text) = &value else { continue };
        let cell = format!("\"{}\"", text.replace('"', "\"\""));
        let file = format!("{WAGES_HEADER}\r\n{cell},{WAGES_ROW}\r\n");
        let page = sweep
            .send(
                wages_upload(&admin, &token, "hostile.csv", &file),
                &format!("{} as a NOC", value.label()),
            )
            .await;
        assert!(matches!(page.status, 303 | 422), "{}: {}", value.label(), page.status);
        let name: String = text
            .chars()
            .filter(|c| !c.is_control() && *c != '"')
            .take(100)
            .collect();
        let file = format!("{WAGES_HEADER}\r\nNOC_21232,{WAGES_ROW}\r\n");
        sweep
            .send(
                wages_upload(&admin, &token, &format!("{name}.csv"), &file),
                &format!("{} as a file name", value.label()),
            )
            .await;
    }

    // The audit trail's filters.
    let page = sweep.get(&admin, "/staff/audit", "nothing").await;
    sweep_query(&mut sweep, &admin, &page, "/staff/audit", None).await;

    // The security policy, and a member's second factor.
    sweep.button(&admin, &token, "/staff/users/security-policy").await;
    sweep
        .button(&admin, &token, &format!("{user}/second-factor/reset"))
        .await;

    // The admin's own account: password, sessions, two-step verification.
    let page = sweep.get(&admin, "/staff/account", "nothing").await;
    let form = Form::new(
        &form_on(&page, "post", "/staff/account/password"),
        &[
            ("current_password", PASSWORD),
            ("new_password", NEW_PASSWORD),
            ("confirm_password", NEW_PASSWORD),
        ],
        &[],
    );
    sweep.values(&admin, &token, &form, |_| false).await;
    // Shown only with two-step verification on; posted all the same.
    for (action, field) in [
        ("/staff/account/second-factor/remove", "remove_password"),
        ("/staff/account/recovery-codes", "codes_password"),
    ] {
        let form = Form {
            action: action.to_owned(),
            fields: vec![field.to_owned()],
            valid: vec![(field.to_owned(), PASSWORD.to_owned())],
            one_by_one: Vec::new(),
        };
        sweep.values(&admin, &token, &form, |_| false).await;
    }
    sweep.button(&admin, &token, "/staff/account/sessions/end-others").await;
    sweep
        .hostile_paths(&admin, &token, "POST", |v| format!("/staff/account/sessions/{v}/end"))
        .await;
    let page = sweep.get(&admin, "/staff/account/second-factor", "nothing").await;
    let form = Form::new(
        &form_on(&page, "post", "/staff/account/second-factor"),
        &[("code", "000000")],
        &[],
    );
    sweep.values(&admin, &token, &form, |_| false).await;
    let page = sweep.get(&admin, "/staff/account", "nothing").await;
    let this = page
        .attr_of(r#"tr[data-current="true"]"#, "data-session")
        .expect("this session is listed");
    form_on(&page, "post", &format!("/staff/account/sessions/{this}/end"));
    // Ending every session signs the admin out: last but one.
    sweep.button(&admin, &token, "/staff/account/sessions/end-all").await;

    // Signing out, last.
    sweep.button(&admin, &token, "/staff/logout").await;
    assert_eq!(sweep.get(&admin, "/staff/", "nothing").await.status, 303);

    sweep.check_mail(&app, &smtp).await;
    assert_covered(&sweep, STAFF_ADMIN_ROUTES);
    sweep.report();
}

#[actix_web::test]
async fn consultant_forms_take_hostile_input_safely() {
    let smtp = SmtpSink::start();
    let app = spawn_app(&smtp).await;
    let mut sweep = Sweep::new(&app, "consultants").await;
    let (admin, _) = signed_in_admin(&app).await;
    let member = create_staff(&app, "member@firm.example", "Sam Member", "staff", PASSWORD)
        .await
        .to_string();
    let firm: uuid::Uuid = sqlx::query_scalar("select consultant_id from consultant where staff_user_id is null")
        .fetch_one(&app.db.pool)
        .await
        .unwrap();
    // A year ahead: statutory holidays to open and close whatever the date.
    sqlx::query("update availability_setting set horizon_days = 365")
        .execute(&app.db.pool)
        .await
        .unwrap();
    sweep.forget();
    let token = sweep.get(&admin, "/staff/", "nothing").await.csrf_token();

    // A consultant's page: what they take and how they meet, and linking the firm's calendar.
    sweep.get(&admin, "/staff/consultants", "nothing").await;
    let path = format!("/staff/consultants/{firm}");
    let page = sweep.get(&admin, &path, "nothing").await;
    let profile = Form::new(
        &form_on(&page, "post", &path),
        &[
            ("languages", "en"),
            ("languages", "fr"),
            ("pathways", "gts"),
            ("daily_cap", "8"),
            ("video_link", "https://meet.example.com/room"),
            ("phone", "+14165550100"),
            ("regulator", "Law Society of Ontario"),
            ("licence_number", "LSO 12345P"),
            ("active", "yes"),
        ],
        &[],
    );
    assert_eq!(
        profile.fields,
        [
            "languages",
            "pathways",
            "daily_cap",
            "video_link",
            "phone",
            "regulator",
            "licence_number",
            "active"
        ]
    );
    sweep.values(&admin, &token, &profile, |_| false).await;
    sweep.structure(&admin, &token, &profile, true).await;
    let link_path = format!("{path}/link");
    let link = Form::new(
        &form_on(&page, "post", &link_path),
        &[("staff_user_id", member.as_str())],
        &[],
    );
    assert_eq!(link.fields, ["staff_user_id"]);
    sweep.values(&admin, &token, &link, |_| false).await;
    sweep.structure(&admin, &token, &link, true).await;
    sweep
        .hostile_paths(&admin, &token, "GET", |v| format!("/staff/consultants/{v}"))
        .await;
    sweep
        .hostile_paths(&admin, &token, "POST", |v| format!("/staff/consultants/{v}"))
        .await;
    sweep
        .hostile_paths(&admin, &token, "POST", |v| format!("/staff/consultants/{v}/link"))
        .await;

    // Making a member of staff a consultant (the admin: the member took the firm's calendar).
    let page = sweep.get(&admin, "/staff/consultants/new", "nothing").await;
    let admin_id = page
        .attrs_of("select#staff_user_id option", "value")
        .into_iter()
        .find(|v| !v.is_empty())
        .expect("the admin is no consultant yet");
    let new = Form::new(
        &form_on(&page, "post", "/staff/consultants/new"),
        &[
            ("staff_user_id", admin_id.as_str()),
            ("languages", "es"),
            ("pathways", "ict"),
        ],
        &[],
    );
    assert_eq!(new.fields, ["staff_user_id", "languages", "pathways"]);
    sweep.values(&admin, &token, &new, |_| false).await;
    sweep.structure(&admin, &token, &new, true).await;

    // One consultant's calendar: a copy of the firm's hours, their hours and time off.
    for i in 0..sweep.corpus.len() {
        let value = sweep.corpus[i].clone();
        if !fits_a_path(&value) {
            continue;
        }
        let url = format!("/staff/availability?consultant={}", value.fragment());
        let page = sweep.get(&admin, &url, &value.label()).await;
        assert!(matches!(page.status, 200 | 400 | 404), "{url}: {}", page.status);
    }
    let calendar = format!("/staff/availability?consultant={firm}");
    let page = sweep.get(&admin, &calendar, "nothing").await;
    let firm_text = firm.to_string();
    let copy = Form::new(
        &form_on(&page, "post", "/staff/availability/rules/copy"),
        &[("consultant", firm_text.as_str())],
        &[],
    );
    assert_eq!(copy.fields, ["consultant"]);
    sweep.values(&admin, &token, &copy, |_| false).await;
    sweep.structure(&admin, &token, &copy, true).await;
    let page = sweep.get(&admin, &calendar, "nothing").await;
    assert_eq!(page.count("[data-rule]"), 10, "a copy of the firm's hours");
    let day = (chrono::Utc::now() + chrono::Duration::days(200))
        .format("%Y-%m-%d")
        .to_string();
    let forms: [AvailabilityForm; 2] = [
        (
            "rules",
            vec![
                ("consultant", firm_text.as_str()),
                ("rule_weekday", "6"),
                ("rule_start", "10:00"),
                ("rule_end", "11:00"),
            ],
            &[],
        ),
        (
            "exceptions",
            vec![
                ("consultant", firm_text.as_str()),
                ("exception_day", day.as_str()),
                ("exception_start", ""),
                ("exception_end", ""),
                ("exception_label", "Conference"),
            ],
            &[],
        ),
    ];
    for (action, valid, one_by_one) in forms {
        let found = form_on(&page, "post", &format!("/staff/availability/{action}"));
        let form = Form::new(&found, &valid, one_by_one);
        assert_eq!(form.fields.len(), valid.len(), "{found:?}");
        sweep.values(&admin, &token, &form, |_| false).await;
        sweep.structure(&admin, &token, &form, true).await;
    }

    // Opening a statutory holiday and closing it again; dates that are none.
    let page = sweep.get(&admin, "/staff/availability", "nothing").await;
    let holiday = page
        .attr_of("[data-holiday]", "data-holiday")
        .expect("a statutory holiday within a year");
    for action in ["reopen", "close"] {
        let path = format!("/staff/availability/holidays/{holiday}/{action}");
        form_on(
            &sweep.get(&admin, "/staff/availability", "nothing").await,
            "post",
            &path,
        );
        sweep.button(&admin, &token, &path).await;
        sweep
            .hostile_paths(&admin, &token, "POST", |v| {
                format!("/staff/availability/holidays/{v}/{action}")
            })
            .await;
    }

    sweep.check_mail(&app, &smtp).await;
    assert_covered(&sweep, STAFF_CONSULTANT_ROUTES);
    sweep.report();
}
