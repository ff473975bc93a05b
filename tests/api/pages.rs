use crate::helpers::{SmtpSink, assert_redirect, spawn_app};

#[actix_web::test]
async fn landing_page_in_english_presents_the_three_pathways() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/en/").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.count(r#"html[lang="en"]"#), 1);
    assert!(page.text_of("title").unwrap().contains("Maple & Partners"));
    let text = page.html().root_element().text().collect::<String>();
    for pathway in ["Global Talent Stream", "CUSMA", "Intra-Company Transferee"] {
        assert!(text.contains(pathway), "missing {pathway}");
    }
    assert!(text.contains("LMIA"));
    assert!(
        page.count(r#"a[href="/en/apply"]"#) >= 1,
        "a call to action to /en/apply"
    );
    assert_eq!(page.count("#pathways article"), 3);
    assert_eq!(page.count("h1"), 1);
    assert!(page.header("set-cookie").is_none(), "reading a page sets no cookie");
}

#[actix_web::test]
async fn landing_page_in_french_is_french() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/fr/").await;
    assert_eq!(page.status, 200);
    assert_eq!(page.count(r#"html[lang="fr"]"#), 1);
    assert!(page.body.contains("Réserver une consultation gratuite"));
    assert!(page.count(r#"a[href="/fr/apply"]"#) >= 1);
    // The language switch leads to the same page in English.
    assert_eq!(page.count(r#"a.lang-switch[href="/en/"][lang="en"]"#), 1);
}

#[actix_web::test]
async fn root_redirects_by_accept_language() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app
        .get_with("/", &[("accept-language", "fr-CA,fr;q=0.9,en;q=0.5")])
        .await;
    assert_redirect(&page, "/fr/");
    assert_eq!(page.header("vary"), Some("Accept-Language"));
    assert_redirect(
        &app.get_with("/", &[("accept-language", "de-DE,en;q=0.5")]).await,
        "/en/",
    );
    assert_redirect(&app.get("/").await, "/en/");
    assert_redirect(&app.get("/fr").await, "/fr/");
}

#[actix_web::test]
async fn language_switch_keeps_the_page_and_its_query() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/fr/contact?from=home").await;
    assert_eq!(
        page.count(r#"a.lang-switch[href="/en/contact?from=home"]"#),
        1,
        "{}",
        page.body
    );
    let page = app.get("/en/contact").await;
    assert_eq!(page.count(r#"a.lang-switch[href="/fr/contact"]"#), 1);
}

#[actix_web::test]
async fn unknown_pages_get_a_localized_404_without_internals() {
    let app = spawn_app(&SmtpSink::start()).await;
    let page = app.get("/fr/nulle-part").await;
    assert_eq!(page.status, 404);
    assert_eq!(page.count(r#"html[lang="fr"]"#), 1);
    assert_eq!(page.text_of("h1").as_deref(), Some("Page introuvable"));
    let page = app.get("/en/nowhere").await;
    assert_eq!(page.status, 404);
    assert_eq!(page.text_of("h1").as_deref(), Some("Page not found"));
    // A language we do not have is not a page.
    assert_eq!(app.get("/de/").await.status, 404);
    assert_eq!(app.get("/de/contact").await.status, 404);
}

#[actix_web::test]
async fn every_page_carries_security_headers() {
    let app = spawn_app(&SmtpSink::start()).await;
    for path in ["/en/", "/fr/contact", "/en/missing"] {
        let page = app.get(path).await;
        let csp = page.header("content-security-policy").unwrap_or_default();
        assert!(
            csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'none'"),
            "{path}: {csp}"
        );
        assert!(!csp.contains("unsafe-inline"));
        assert_eq!(page.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(page.header("referrer-policy"), Some("same-origin"));
        assert_eq!(page.header("x-frame-options"), Some("DENY"));
        let cache = page.header("cache-control").unwrap_or_default();
        assert!(
            cache.contains("private") || cache.contains("no-store"),
            "{path}: {cache}"
        );
    }
}

#[actix_web::test]
async fn static_files_are_compiled_in_and_cached() {
    let app = spawn_app(&SmtpSink::start()).await;
    let home = app.get("/en/").await;
    let sel = scraper::Selector::parse(r#"link[rel="stylesheet"]"#).unwrap();
    let href = home
        .html()
        .select(&sel)
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_owned();
    assert!(href.starts_with("/static/css/site.css?v="), "{href}");
    let css = app.get(&href).await;
    assert_eq!(css.status, 200);
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(css.header("cache-control").unwrap().contains("immutable"));
    let etag = css.header("etag").unwrap().to_owned();
    let again = app.get_with(&href, &[("if-none-match", etag.as_str())]).await;
    assert_eq!(again.status, 304);
    assert_eq!(app.get("/static/css/none.css").await.status, 404);
    assert_eq!(app.get("/static/../Cargo.toml").await.status, 404);
}
