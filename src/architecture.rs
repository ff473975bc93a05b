//! The rules of the code's layout, checked: the lower floors (`domain`, `db`) never reach up into
//! the web shell, and no route file grows past what a reader takes in at once.

use std::path::{Path, PathBuf};

/// Modules `domain` and `db` must not name: the web shell and what sits on it.
const UPPER_FLOORS: [&str; 5] = ["web", "routes", "startup", "auth", "context"];

/// The longest a file under `src/routes` may be.
const MAX_ROUTE_LINES: usize = 400;

fn rust_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

fn src(folder: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src").join(folder)
}

/// The code of a file without its comments (line comments, doc comments and block comments).
fn without_comments(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.find('\n').map_or("", |i| &after[i..]);
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.find("*/").map_or("", |i| &after[i + 2..]);
        } else {
            let c = rest.chars().next().expect("not empty");
            out.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    out
}

/// The crate modules a piece of code names: `crate::x::...` paths and the first segment of every
/// item of a `crate::{x, y::z}` group.
fn crate_modules(code: &str) -> Vec<String> {
    let mut named = Vec::new();
    for (i, _) in code.match_indices("crate::") {
        let after = &code[i + "crate::".len()..];
        if let Some(group) = after.strip_prefix('{') {
            let mut depth = 0;
            let mut item = String::new();
            let mut at_start = true;
            for c in group.chars() {
                match c {
                    '{' => depth += 1,
                    '}' if depth == 0 => break,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        at_start = true;
                        item.clear();
                        continue;
                    }
                    _ => {}
                }
                if depth == 0 && at_start {
                    if c.is_alphanumeric() || c == '_' {
                        item.push(c);
                    } else if !item.is_empty() {
                        named.push(std::mem::take(&mut item));
                        at_start = false;
                    }
                }
            }
        } else {
            let name: String = after.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            named.push(name);
        }
    }
    named
}

#[test]
fn domain_and_db_import_nothing_from_the_web_shell() {
    let mut offences = Vec::new();
    for folder in ["domain", "db"] {
        for file in rust_files(&src(folder)) {
            let code = without_comments(&std::fs::read_to_string(&file).expect("readable"));
            for module in crate_modules(&code) {
                if UPPER_FLOORS.contains(&module.as_str()) {
                    offences.push(format!("{} names crate::{module}", file.display()));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{offences:#?}");
}

#[test]
fn the_import_check_sees_every_form_of_path() {
    let code = without_comments(
        "use crate::{\n    db::{self, x},\n    web::forms::Invalid,\n};\n// crate::routes in a comment\nfn f() { crate::startup::run(); }",
    );
    assert_eq!(crate_modules(&code), ["db", "web", "startup"]);
}

#[test]
fn no_route_file_is_longer_than_a_reader_takes_in() {
    let long: Vec<String> = rust_files(&src("routes"))
        .into_iter()
        .filter_map(|file| {
            let lines = std::fs::read_to_string(&file).expect("readable").lines().count();
            (lines > MAX_ROUTE_LINES).then(|| format!("{}: {lines} lines", file.display()))
        })
        .collect();
    assert!(long.is_empty(), "over {MAX_ROUTE_LINES} lines: {long:#?}");
}
