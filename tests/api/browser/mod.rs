//! End-to-end tests in a real browser: Debian's headless Chromium driven over WebDriver
//! (chromedriver + fantoccini) against the release binary. Every page a journey reaches is
//! audited with axe-core (WCAG 2.0/2.1/2.2 A and AA rules), has its title checked, and is kept
//! as a screenshot under `target/e2e-artifacts/<journey>/`.
//!
//! A journey can be driven with the mouse (clicks on labels and buttons) or with the keyboard
//! alone (Tab to each control, arrows and Space to choose, Enter to send).

mod journeys;

use std::{
    collections::BTreeMap,
    path::{Path, PathBuf},
    process::{Child, Command, Stdio},
    sync::OnceLock,
    time::{Duration, Instant},
};

use fantoccini::{
    Client, ClientBuilder, Locator,
    actions::{InputSource, KeyAction, KeyActions},
    key::Key,
};
use serde_json::{Value, json};

use crate::server::free_port;

const CHROMIUM: &str = "/usr/bin/chromium";
const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// axe-core's source, installed from npm into `tests/e2e/node_modules` (by `.ci/run`, or here
/// with `npm ci` when it is missing).
fn axe_source() -> &'static str {
    static SOURCE: OnceLock<String> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/e2e");
        let file = dir.join("node_modules/axe-core/axe.min.js");
        if !file.exists() {
            let status = Command::new("npm")
                .args(["ci", "--no-audit", "--no-fund"])
                .current_dir(&dir)
                .status()
                .expect("npm is needed to install axe-core (tests/e2e/package.json)");
            assert!(status.success(), "npm ci in tests/e2e failed");
        }
        std::fs::read_to_string(&file).expect("axe-core's axe.min.js")
    })
}

fn artifacts_root() -> PathBuf {
    // target/debug/deps/api-… → target/e2e-artifacts
    let exe = std::env::current_exe().unwrap();
    exe.ancestors().nth(3).unwrap().join("e2e-artifacts")
}

/// How a journey is driven.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Input {
    Mouse,
    Keyboard,
}

/// The width of the window a journey is walked at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Width {
    /// 1280 px.
    Desktop,
    /// 390 px, a phone.
    Phone,
}

/// One Chromium with its chromedriver, and what the journey has seen so far.
pub struct Browser {
    client: Option<Client>,
    driver: Child,
    profile: PathBuf,
    artifacts: PathBuf,
    input: Input,
    shots: usize,
    /// Page title → the path it was first seen on: a title must not name two different pages.
    titles: BTreeMap<String, String>,
    firm_name: String,
    pub audited: usize,
    /// The browser's time zone.
    pub time_zone: String,
}

impl Browser {
    /// Starts chromedriver and a headless Chromium in the time zone `tz` (the booking page's
    /// script preselects the browser's zone).
    /// At `width`: a phone is Chromium's mobile emulation of a 390 × 844 screen.
    pub async fn open_at(journey: &str, input: Input, tz: &str, width: Width) -> Browser {
        crate::helpers::required_program("chromium", "chromium");
        crate::helpers::required_program("chromedriver", "chromium-driver");
        let _ = axe_source();
        let port = free_port();
        let driver = Command::new(CHROMEDRIVER)
            .arg(format!("--port={port}"))
            .env("TZ", tz)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let profile = std::env::temp_dir().join(format!("intake-chromium-{}", uuid::Uuid::new_v4().simple()));
        let artifacts = artifacts_root().join(journey);
        let _ = std::fs::remove_dir_all(&artifacts);
        std::fs::create_dir_all(&artifacts).unwrap();

        let mut caps = serde_json::Map::new();
        let mut options = json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--lang=en-US",
                "--window-size=1280,1000",
                format!("--user-data-dir={}", profile.display()),
            ]
        });
        if width == Width::Phone {
            // Headless Chromium's window cannot be narrower than 500 px: the phone is emulated.
            options["mobileEmulation"] = json!({ "deviceMetrics": { "width": 390, "height": 844, "pixelRatio": 1 } });
        }
        caps.insert("goog:chromeOptions".into(), options);
        let deadline = Instant::now() + Duration::from_secs(30);
        let client = loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                // chromedriver takes a moment to listen.
                Err(_) if Instant::now() < deadline => tokio::time::sleep(Duration::from_millis(100)).await,
                Err(e) => panic!("no WebDriver session: {e}"),
            }
        };
        Browser {
            client: Some(client),
            driver,
            profile,
            artifacts,
            input,
            shots: 0,
            titles: BTreeMap::new(),
            firm_name: "Maple & Partners".into(),
            audited: 0,
            time_zone: tz.to_owned(),
        }
    }

    fn c(&self) -> &Client {
        self.client.as_ref().unwrap()
    }

    pub async fn js(&self, script: &str, args: Vec<Value>) -> Value {
        self.c().execute(script, args).await.expect("run a script in the page")
    }

    pub async fn path(&self) -> String {
        let url = self.c().current_url().await.unwrap();
        match url.query() {
            Some(q) => format!("{}?{q}", url.path()),
            None => url.path().to_owned(),
        }
    }

    /// Opens a URL as if typed in the address bar, then audits the page.
    pub async fn visit(&mut self, url: &str, label: &str) {
        self.c().goto(url).await.expect("navigate");
        self.page(label).await;
    }

    /// Waits for the page to load, then: screenshot, title check, axe audit (no violation of
    /// the WCAG A/AA rules).
    pub async fn page(&mut self, label: &str) {
        self.wait_loaded().await;
        self.shots += 1;
        let shot = self.artifacts.join(format!("{:02}-{label}.png", self.shots));
        self.screenshot(&shot).await;
        self.check_title().await;
        self.audit(label).await;
    }

    async fn wait_loaded(&self) {
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let state = self.js("return document.readyState", vec![]).await;
            if state == "complete" {
                return;
            }
            assert!(Instant::now() < deadline, "the page did not finish loading");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// A screenshot of the window (1280 × 1000).
    async fn screenshot(&self, file: &Path) {
        let png = self.c().screenshot().await.expect("screenshot");
        std::fs::write(file, png).unwrap();
    }

    /// The title names the page: it is "<h1> – <firm>" (with the error prefix when errors are
    /// shown), and no other page of the journey has the same title.
    async fn check_title(&mut self) {
        let title = self.c().title().await.unwrap();
        let path = self.path().await;
        let suffix = format!(" – {}", self.firm_name);
        let name = title
            .strip_suffix(&suffix)
            .unwrap_or_else(|| panic!("title {title:?} of {path} does not end with the firm's name"));
        assert!(!name.trim().is_empty(), "empty title on {path}");
        let h1 = self
            .js(
                "var h = document.querySelector('h1'); return h ? h.textContent.replace(/\\s+/g, ' ').trim() : ''",
                vec![],
            )
            .await;
        let h1 = h1.as_str().unwrap_or_default();
        let bare = ["Error: ", "Erreur : ", "Erreur : "]
            .iter()
            .find_map(|p| name.strip_prefix(p))
            .unwrap_or(name);
        assert!(
            !h1.is_empty() && (h1 == bare || h1.contains(bare) || bare.contains(h1)),
            "title {title:?} does not name the page whose heading is {h1:?} ({path})"
        );
        let page = path.split('?').next().unwrap().to_owned();
        let seen = self.titles.entry(title.clone()).or_insert_with(|| page.clone());
        assert!(
            *seen == page || same_page(seen, &page),
            "the title {title:?} names two pages: {seen} and {page}"
        );
    }

    /// axe-core on the page as it is; panics with every violation.
    async fn audit(&mut self, label: &str) {
        let c = self.c();
        let present = c
            .execute("return typeof window.axe === 'object'", vec![])
            .await
            .unwrap();
        if present != Value::Bool(true) {
            c.execute(&format!("{};\nreturn true;", axe_source()), vec![])
                .await
                .expect("inject axe-core");
        }
        let result = c
            .execute_async(
                r#"
                const done = arguments[arguments.length - 1];
                axe.run(document, {
                    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
                    rules: { 'target-size': { enabled: true } },
                    resultTypes: ['violations'],
                }).then(r => done({
                    violations: r.violations.map(v => ({
                        id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.map(n => n.target.join(' ') + ': ' + n.failureSummary),
                    })),
                    passes: r.passes.length,
                })).catch(e => done({ error: String(e) }));
                "#,
                vec![],
            )
            .await
            .expect("run axe-core");
        assert!(result.get("error").is_none(), "axe failed: {result}");
        let violations = result["violations"].as_array().cloned().unwrap_or_default();
        let path = self.path().await;
        assert!(
            violations.is_empty(),
            "axe found WCAG A/AA violations on {label} ({path}):\n{}",
            serde_json::to_string_pretty(&violations).unwrap()
        );
        self.audited += 1;
    }

    // -----------------------------------------------------------------------------------------
    // Input.

    /// Presses one key (a WebDriver key code, e.g. `Key::Tab`).
    async fn press(&self, key: Key) {
        let code: char = key.into();
        let keys = KeyActions::new("keyboard".into())
            .then(KeyAction::Down { value: code })
            .then(KeyAction::Up { value: code });
        self.c().perform_actions(keys).await.expect("press a key");
    }

    /// Scrolls the element matching `css` to the middle of the window and clicks it.
    async fn click(&self, css: &str) {
        let element = self
            .c()
            .find(Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("nothing to click at {css}: {e}"));
        self.js(
            "document.querySelector(arguments[0]).scrollIntoView({block: 'center', behavior: 'instant'}); return null",
            vec![json!(css)],
        )
        .await;
        if let Err(e) = element.click().await {
            let under = self
                .js(
                    "var r = document.querySelector(arguments[0]).getBoundingClientRect(); \
                     var e = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2); \
                     return e ? e.outerHTML.slice(0, 200) : null",
                    vec![json!(css)],
                )
                .await;
            let view = self
                .js("return [window.innerWidth, window.innerHeight, window.scrollY]", vec![])
                .await;
            panic!("clicking {css} failed ({e}); under the pointer: {under}; window {view}");
        }
    }

    async fn active_matches(&self, css: &str) -> bool {
        self.js(
            "return document.activeElement ? document.activeElement.matches(arguments[0]) : false",
            vec![json!(css)],
        )
        .await
            == Value::Bool(true)
    }

    /// Presses Tab until the focused element matches `css` (keyboard journeys).
    async fn tab_to(&self, css: &str) {
        for _ in 0..400 {
            if self.active_matches(css).await {
                return;
            }
            self.press(Key::Tab).await;
        }
        panic!("Tab never reached {css} on {}", self.path().await);
    }

    /// Types into the focused control, replacing what it held.
    async fn type_into_focused(&self, text: &str) {
        let focused = self.c().active_element().await.unwrap();
        // Ctrl+A selects what is there; typing replaces it.
        focused
            .send_keys(&format!("{}a{}", char::from(Key::Control), char::from(Key::Null)))
            .await
            .unwrap();
        focused
            .send_keys(&format!("{}", char::from(Key::Backspace)))
            .await
            .unwrap();
        if !text.is_empty() {
            focused.send_keys(text).await.unwrap();
        }
    }

    /// Answers a form: each (name, value) goes into the control(s) of that name, whatever
    /// they are (text, textarea, select, radios, checkbox). A name given several times fills
    /// the controls of that name in order (e.g. several citizenships).
    pub async fn answer(&self, fields: &[(&str, &str)]) {
        let mut used: BTreeMap<&str, usize> = BTreeMap::new();
        for (name, value) in fields {
            let nth = used.entry(name).or_insert(0);
            self.set(name, *nth, value).await;
            *nth += 1;
        }
    }

    async fn set(&self, name: &str, nth: usize, value: &str) {
        let css = format!("[name=\"{name}\"]");
        let all = self.c().find_all(Locator::Css(&css)).await.unwrap();
        assert!(!all.is_empty(), "no control named {name} on {}", self.path().await);
        let kind = self
            .js(
                "var e = document.querySelectorAll(arguments[0])[0]; return e.tagName.toLowerCase() + ':' + (e.type || '')",
                vec![json!(css)],
            )
            .await;
        let kind = kind.as_str().unwrap().to_owned();
        match kind.as_str() {
            "input:radio" => self.choose_radio(name, value).await,
            "input:checkbox" => self.tick(name, value == "yes").await,
            "select:select-one" => self.select(name, nth, value).await,
            _ => self.type_text(name, nth, value).await,
        }
    }

    /// The id of the `nth` control called `name`.
    async fn id_of(&self, name: &str, nth: usize) -> String {
        let id = self
            .js(
                "return document.querySelectorAll('[name=\"' + arguments[0] + '\"]')[arguments[1]].id",
                vec![json!(name), json!(nth)],
            )
            .await;
        id.as_str().expect("controls have ids").to_owned()
    }

    async fn type_text(&self, name: &str, nth: usize, value: &str) {
        let id = self.id_of(name, nth).await;
        let css = format!("#{}", css_id(&id));
        let is_date = self
            .js(
                "return document.getElementById(arguments[0]).type === 'date'",
                vec![json!(id)],
            )
            .await
            == Value::Bool(true);
        // Chromium's date field (en-US) takes the digits month, day, year.
        let typed = if is_date && value.len() == 10 {
            format!("{}{}{}", &value[5..7], &value[8..10], &value[0..4])
        } else {
            value.to_owned()
        };
        match self.input {
            Input::Keyboard => self.tab_to(&css).await,
            // A click would land on one part of a date field; typing starts at the month.
            Input::Mouse if is_date => {}
            Input::Mouse => self.click(&css).await,
        }
        if is_date {
            let field = self.c().find(Locator::Css(&css)).await.unwrap();
            field.send_keys(&typed).await.unwrap();
        } else {
            self.type_into_focused(&typed).await;
        }
        let now = self
            .js("return document.getElementById(arguments[0]).value", vec![json!(id)])
            .await;
        assert_eq!(now.as_str(), Some(value), "typing into #{id}");
    }

    async fn select(&self, name: &str, nth: usize, value: &str) {
        let id = self.id_of(name, nth).await;
        let css = format!("#{}", css_id(&id));
        let value_now = || async {
            self.js("return document.getElementById(arguments[0]).value", vec![json!(id)])
                .await
                .as_str()
                .unwrap_or_default()
                .to_owned()
        };
        match self.input {
            Input::Mouse => {
                let select = self.c().find(Locator::Css(&css)).await.unwrap();
                select.select_by_value(value).await.unwrap();
            }
            Input::Keyboard => {
                self.tab_to(&css).await;
                // Type the option's label: a closed select jumps to the option it starts with.
                let label = self
                    .js(
                        "var s = document.getElementById(arguments[0]); \
                         var o = Array.prototype.find.call(s.options, o => o.value === arguments[1]); \
                         return o ? o.text : null",
                        vec![json!(id), json!(value)],
                    )
                    .await;
                let label = label
                    .as_str()
                    .unwrap_or_else(|| panic!("no option {value} in #{id}"))
                    .to_owned();
                let focused = self.c().active_element().await.unwrap();
                focused.send_keys(&label).await.unwrap();
                // Labels sharing a first word: walk with the arrow keys to the right one.
                for _ in 0..300 {
                    if value_now().await == value {
                        break;
                    }
                    self.press(Key::Down).await;
                }
            }
        }
        assert_eq!(value_now().await, value, "choosing {value} in #{id}");
    }

    async fn choose_radio(&self, name: &str, value: &str) {
        let target = format!("input[name=\"{name}\"][value=\"{value}\"]");
        match self.input {
            Input::Mouse => {
                let id = self
                    .js("return document.querySelector(arguments[0]).id", vec![json!(target)])
                    .await;
                let id = id.as_str().unwrap_or_else(|| panic!("no radio {target}")).to_owned();
                self.click(&format!("label[for=\"{id}\"]")).await;
            }
            Input::Keyboard => {
                self.tab_to(&format!("input[name=\"{name}\"]")).await;
                if self.active_matches(&target).await {
                    self.press(Key::Space).await;
                } else {
                    for _ in 0..400 {
                        self.press(Key::Down).await;
                        if self.active_matches(&target).await {
                            break;
                        }
                    }
                }
            }
        }
        let checked = self
            .js(
                "return document.querySelector(arguments[0]).checked",
                vec![json!(target)],
            )
            .await;
        assert_eq!(checked, Value::Bool(true), "choosing {target}");
    }

    async fn tick(&self, name: &str, on: bool) {
        let css = format!("input[name=\"{name}\"]");
        let checked = || async {
            self.js("return document.querySelector(arguments[0]).checked", vec![json!(css)])
                .await
        };
        if checked().await == Value::Bool(on) {
            return;
        }
        match self.input {
            Input::Mouse => {
                let id = self.id_of(name, 0).await;
                self.click(&format!("label[for=\"{id}\"]")).await;
            }
            Input::Keyboard => {
                self.tab_to(&css).await;
                self.press(Key::Space).await;
            }
        }
        assert_eq!(checked().await, Value::Bool(on), "ticking {name}");
    }

    /// Activates the element matching `css` (a button or a link) and waits for the next page,
    /// which is then audited as `label`.
    pub async fn activate(&mut self, css: &str, label: &str) {
        self.activate_only(css).await;
        self.page(label).await;
    }

    /// Activates the element matching `css` and waits until another page has loaded.
    pub async fn activate_only(&mut self, css: &str) {
        self.js("window.__intake_old_page = true; return null", vec![]).await;
        match self.input {
            Input::Mouse => self.click(css).await,
            Input::Keyboard => {
                self.tab_to(css).await;
                self.press(Key::Enter).await;
            }
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let old = self
                .c()
                .execute("return window.__intake_old_page === true", vec![])
                .await
                .unwrap_or(Value::Bool(true));
            if old == Value::Bool(false) {
                break;
            }
            assert!(Instant::now() < deadline, "activating {css} led nowhere");
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.wait_loaded().await;
    }

    /// Waits until the address contains `needle` (a page's script navigating by itself).
    pub async fn wait_for_path_containing(&self, needle: &str) {
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self.path().await.contains(needle) {
            assert!(
                Instant::now() < deadline,
                "the address never contained {needle}: {}",
                self.path().await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
        self.wait_loaded().await;
    }

    /// The current value of the form control matching `css`.
    pub async fn text_value(&self, css: &str) -> String {
        let value = self
            .js(
                "var e = document.querySelector(arguments[0]); return e ? e.value : null",
                vec![json!(css)],
            )
            .await;
        value.as_str().unwrap_or_else(|| panic!("no control {css}")).to_owned()
    }

    /// An attribute of the first element matching `css`.
    pub async fn attr_of(&self, css: &str, attr: &str) -> String {
        self.attr_nth(css, 0, attr).await
    }

    /// An attribute of the `nth` element matching `css`.
    pub async fn attr_nth(&self, css: &str, nth: usize, attr: &str) -> String {
        let value = self
            .js(
                "var e = document.querySelectorAll(arguments[0])[arguments[1]]; return e ? e.getAttribute(arguments[2]) : null",
                vec![json!(css), json!(nth), json!(attr)],
            )
            .await;
        value
            .as_str()
            .unwrap_or_else(|| panic!("no {attr} on element {nth} of {css}"))
            .to_owned()
    }

    /// Sends the page's main form with its Continue (submit) button.
    pub async fn continue_to(&mut self, label: &str) {
        self.activate("main form[method=post] button[type=submit]", label).await;
    }

    /// The text of the first element matching `css`, whitespace collapsed.
    pub async fn text(&self, css: &str) -> String {
        let text = self
            .js(
                "var e = document.querySelector(arguments[0]); return e ? e.textContent.replace(/\\s+/g, ' ').trim() : null",
                vec![json!(css)],
            )
            .await;
        text.as_str()
            .unwrap_or_else(|| panic!("nothing matches {css}"))
            .to_owned()
    }

    pub async fn count(&self, css: &str) -> u64 {
        self.js(
            "return document.querySelectorAll(arguments[0]).length",
            vec![json!(css)],
        )
        .await
        .as_u64()
        .unwrap()
    }

    /// Whether the focused element matches `css`.
    pub async fn focused_is(&self, css: &str) -> bool {
        self.active_matches(css).await
    }

    pub async fn title(&self) -> String {
        self.c().title().await.unwrap()
    }

    pub async fn close(mut self) {
        if let Some(client) = self.client.take() {
            let _ = client.close().await;
        }
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
        let _ = self.driver.wait();
        let _ = std::fs::remove_dir_all(&self.profile);
    }
}

/// Two paths of one page (e.g. the same question page before and after its errors).
fn same_page(a: &str, b: &str) -> bool {
    a.trim_end_matches('/') == b.trim_end_matches('/')
}

/// An id usable in a CSS selector.
fn css_id(id: &str) -> String {
    id.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_string()
            } else {
                format!("\\{c}")
            }
        })
        .collect()
}
