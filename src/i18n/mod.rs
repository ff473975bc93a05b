//! English and French: the language is the first path segment, the text lives in Fluent files
//! under `src/i18n/locales/{en,fr}/` (compiled into the binary).

use std::{borrow::Cow, cell::RefCell, collections::HashMap, fmt};

pub mod when;
pub mod zone_name;

use fluent_templates::{LanguageIdentifier, Loader, fluent_bundle::FluentValue, langid};

fluent_templates::static_loader! {
    static LOCALES = {
        locales: "./src/i18n/locales",
        fallback_language: "en",
        // No Unicode isolation marks around arguments: they would end up in HTML attributes and emails.
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

/// The firm's name, for messages that name it when the caller has no page or email context (the
/// staff view's question labels, error summaries): set once at start-up.
static FIRM_NAME: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Sets the firm's name used by [`Lang::t`]; the first call wins (one firm per process).
pub fn set_firm_name(name: &str) {
    let _ = FIRM_NAME.set(name.to_owned());
}

static EN: LanguageIdentifier = langid!("en");
static FR: LanguageIdentifier = langid!("fr");

/// Messages already formatted on this thread, per language. A message's text depends only on its
/// language, its key and its arguments, so the two common calls are kept: no argument, and the
/// firm's name alone (every page and email). Only keys that exist are kept: the memo is bounded by
/// the Fluent files, whatever keys requests make up.
#[derive(Default)]
struct Memo {
    plain: [HashMap<String, String>; 2],
    /// The firm's name the `with_firm` messages were formatted with.
    firm: String,
    with_firm: [HashMap<String, String>; 2],
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// A language the site is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Fr];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }

    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "en" => Some(Lang::En),
            "fr" => Some(Lang::Fr),
            _ => None,
        }
    }

    /// The other language, for the language switch.
    pub fn other(self) -> Lang {
        match self {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        }
    }

    /// The language's own name for itself ("English", "Français").
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
        }
    }

    /// The language of a path such as `/fr/apply`, if its first segment names one.
    pub fn from_path(path: &str) -> Option<Lang> {
        Lang::from_code(path.trim_start_matches('/').split('/').next().unwrap_or_default())
    }

    /// The first supported language of an `Accept-Language` header, English when none is.
    pub fn negotiate(accept_language: Option<&str>) -> Lang {
        let Some(header) = accept_language else { return Lang::En };
        let mut ranked: Vec<(f32, Lang)> = header
            .split(',')
            .filter_map(|part| {
                let mut pieces = part.trim().split(';');
                let tag = pieces.next()?.trim().to_ascii_lowercase();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.trim().parse::<f32>().ok()))
                    .unwrap_or(1.0);
                let primary = tag.split('-').next()?;
                Lang::from_code(primary).filter(|_| q > 0.0).map(|lang| (q, lang))
            })
            .collect();
        // Stable sort keeps header order among equal weights.
        ranked.sort_by(|a, b| b.0.total_cmp(&a.0));
        ranked.first().map_or(Lang::En, |(_, lang)| *lang)
    }

    fn id(self) -> &'static LanguageIdentifier {
        match self {
            Lang::En => &EN,
            Lang::Fr => &FR,
        }
    }

    fn index(self) -> usize {
        match self {
            Lang::En => 0,
            Lang::Fr => 1,
        }
    }

    /// The message `key` in this language. A missing key shows the key itself (and the parity test fails).
    /// A message that names the firm (`{ $firm }`) gets the name [`set_firm_name`] gave.
    pub fn t(self, key: &str) -> String {
        let found = MEMO.with_borrow_mut(|memo| {
            let messages = &mut memo.plain[self.index()];
            if let Some(text) = messages.get(key) {
                return Some(text.clone());
            }
            let text = LOCALES.try_lookup(self.id(), key)?;
            messages.insert(key.to_owned(), text.clone());
            Some(text)
        });
        found.unwrap_or_else(|| self.t_firm(key, FIRM_NAME.get().map_or("", String::as_str)))
    }

    /// The message `key` with the firm's name as its only argument, formatted once per thread.
    fn t_firm(self, key: &str, firm: &str) -> String {
        MEMO.with_borrow_mut(|memo| {
            if memo.firm != firm {
                firm.clone_into(&mut memo.firm);
                memo.with_firm.iter_mut().for_each(HashMap::clear);
            }
            let messages = &mut memo.with_firm[self.index()];
            if let Some(text) = messages.get(key) {
                return text.clone();
            }
            let args = HashMap::from([(Cow::Borrowed("firm"), FluentValue::from(firm.to_owned()))]);
            match LOCALES.try_lookup_with_args(self.id(), key, &args) {
                Some(text) => {
                    messages.insert(key.to_owned(), text.clone());
                    text
                }
                None => key.to_owned(),
            }
        })
    }

    /// True when the message `key` exists.
    pub fn has(self, key: &str) -> bool {
        LOCALES.try_lookup(self.id(), key).is_some()
    }

    /// The message `key` with one number `name`, which its plural variants select on.
    pub fn t_count(self, key: &str, name: &'static str, count: usize) -> String {
        let args: HashMap<Cow<'static, str>, FluentValue> =
            HashMap::from([(Cow::Borrowed(name), FluentValue::from(count))]);
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }

    /// The message `key` with named arguments.
    pub fn t_args<S: AsRef<str>>(self, key: &str, args: &[(&'static str, S)]) -> String {
        if let [("firm", firm)] = args {
            return self.t_firm(key, firm.as_ref());
        }
        let args: HashMap<Cow<'static, str>, FluentValue> = args
            .iter()
            .map(|(name, value)| (Cow::Borrowed(*name), FluentValue::from(value.as_ref().to_owned())))
            .collect();
        LOCALES
            .try_lookup_with_args(self.id(), key, &args)
            .unwrap_or_else(|| key.to_owned())
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Message ids (and their attributes) of every `.ftl` file of one locale.
    fn keys(lang: Lang) -> BTreeSet<String> {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("src/i18n/locales")
            .join(lang.code());
        let mut keys = BTreeSet::new();
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let source = std::fs::read_to_string(&path).unwrap();
            let resource = fluent_syntax::parser::parse(source.as_str())
                .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
            for entry in resource.body {
                if let fluent_syntax::ast::Entry::Message(m) = entry {
                    keys.insert(m.id.name.to_owned());
                    for attr in m.attributes {
                        keys.insert(format!("{}.{}", m.id.name, attr.id.name));
                    }
                }
            }
        }
        keys
    }

    #[test]
    fn every_key_exists_in_both_languages() {
        let (en, fr) = (keys(Lang::En), keys(Lang::Fr));
        assert!(!en.is_empty());
        let only_en: Vec<_> = en.difference(&fr).collect();
        let only_fr: Vec<_> = fr.difference(&en).collect();
        assert!(
            only_en.is_empty() && only_fr.is_empty(),
            "missing in fr: {only_en:?}; missing in en: {only_fr:?}"
        );
    }

    #[test]
    fn lookups_are_translated() {
        assert_eq!(Lang::En.t("lang-name"), "English");
        assert_eq!(Lang::Fr.t("lang-name"), "Français");
        assert!(
            Lang::Fr
                .t_args("footer-copyright", &[("firm", "Cabinet X"), ("year", "2026")])
                .contains("Cabinet X")
        );
    }

    #[test]
    fn remembered_messages_follow_the_firm_name() {
        let a = Lang::Fr.t_args("ics-summary", &[("firm", "Cabinet A")]);
        let b = Lang::Fr.t_args("ics-summary", &[("firm", "Cabinet B")]);
        assert!(a.contains("Cabinet A") && b.contains("Cabinet B"), "{a} / {b}");
        assert_eq!(Lang::Fr.t_args("ics-summary", &[("firm", "Cabinet A")]), a);
        assert_eq!(Lang::En.t("no-such-key-at-all"), "no-such-key-at-all");
        assert_eq!(Lang::En.t("lang-name"), Lang::En.t("lang-name"));
    }

    #[test]
    fn accept_language_negotiation() {
        assert_eq!(Lang::negotiate(None), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr-CA,fr;q=0.9,en;q=0.8")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("de-DE,de;q=0.9,fr;q=0.5,en;q=0.4")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("en;q=0.2, fr;q=0.8")), Lang::Fr);
        assert_eq!(Lang::negotiate(Some("de, es")), Lang::En);
        assert_eq!(Lang::negotiate(Some("fr;q=0")), Lang::En);
        assert_eq!(Lang::negotiate(Some("garbage;;;,")), Lang::En);
    }

    #[test]
    fn language_of_a_path() {
        assert_eq!(Lang::from_path("/fr/apply"), Some(Lang::Fr));
        assert_eq!(Lang::from_path("/en/"), Some(Lang::En));
        assert_eq!(Lang::from_path("/staff/login"), None);
        assert_eq!(Lang::from_path("/french"), None);
    }
}

#[cfg(test)]
mod firm_tests {
    use super::*;

    #[test]
    fn a_message_that_names_the_firm_is_never_shown_as_its_id() {
        set_firm_name("Maple & Partners");
        for lang in Lang::ALL {
            let text = lang.t("q-consent_privacy");
            assert_ne!(text, "q-consent_privacy");
            assert!(text.contains("Maple & Partners"), "{text}");
        }
        assert_eq!(Lang::En.t("no-such-message"), "no-such-message");
    }
}
