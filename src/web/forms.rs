//! Forms: field errors collected while parsing (every error at once, as i18n keys; the types live
//! in `domain::text`, where parsers use them) and the form macros' checks.

pub use crate::domain::text::{FormErrors, Invalid, clean_text};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{i18n::Lang, web::page::PageCtx};
    use askama::Template;
    use scraper::{Html, Selector};

    /// Every control macro once, two of them invalid.
    #[derive(Template)]
    #[template(
        ext = "html",
        source = r#"{% import "macros/forms.html" as f %}<form>
{% call f::error_summary(ctx, errors) %}{% endcall %}
{% call f::csrf(ctx) %}{% endcall %}
{% call f::input(ctx, "full_name", "field-full-name", "<Ana>", errors, autocomplete = "name") %}{% endcall %}
{% call f::input(ctx, "email", "field-email", "nope", errors, kind = "email", hint = "field-email-hint") %}{% endcall %}
{% call f::input(ctx, "phone", "field-full-name", "", errors, kind = "tel", optional = true) %}{% endcall %}
{% call f::input(ctx, "years", "field-full-name", "3", errors, kind = "number", width = "5") %}{% endcall %}
{% call f::input(ctx, "start", "field-full-name", "", errors, kind = "date") %}{% endcall %}
{% call f::textarea(ctx, "message", "field-message", "hi", errors, hint = "field-message-hint") %}{% endcall %}
{% call f::select(ctx, "country", "field-full-name", options, "ca", errors) %}{% endcall %}
{% call f::radios(ctx, "mode", "field-full-name", options, "us", errors) %}{% endcall %}
{% call f::checkboxes(ctx, "langs", "field-full-name", options, values, errors, optional = true) %}{% endcall %}
{% call f::checkbox(ctx, "consent_privacy", "field-consent-privacy", false, errors) %}{% endcall %}
</form>"#
    )]
    struct AllControls {
        ctx: PageCtx,
        errors: FormErrors,
        options: Vec<(String, String)>,
        values: Vec<String>,
    }

    fn render_all_controls() -> Html {
        let mut errors = FormErrors::default();
        errors.add("email", "err-email-format");
        errors.add("mode", "err-name-required");
        let page = AllControls {
            ctx: PageCtx::new(Lang::En, "token-123".into(), "Firm".into()),
            errors,
            options: vec![("ca".into(), "Canada".into()), ("us".into(), "United States".into())],
            values: vec!["us".into()],
        };
        Html::parse_fragment(&page.render().unwrap())
    }

    fn select<'a>(html: &'a Html, css: &str) -> Vec<scraper::ElementRef<'a>> {
        html.select(&Selector::parse(css).unwrap()).collect()
    }

    #[test]
    fn every_control_has_a_label() {
        let html = render_all_controls();
        let controls = select(&html, "input:not([type=hidden]), select, textarea");
        assert_eq!(controls.len(), 13);
        for control in controls {
            let id = control.value().attr("id").expect("an id");
            assert_eq!(
                select(&html, &format!(r#"label[for="{id}"]"#)).len(),
                1,
                "label for {id}"
            );
        }
    }

    #[test]
    fn errors_and_hints_are_tied_to_their_controls() {
        let html = render_all_controls();
        let email = select(&html, "input#email")[0].value();
        assert_eq!(email.attr("aria-invalid"), Some("true"));
        assert_eq!(email.attr("aria-describedby"), Some("email-hint email-error"));
        assert_eq!(select(&html, "#email-hint").len(), 1);
        assert!(
            select(&html, "p#email-error")[0]
                .text()
                .collect::<String>()
                .contains("Error:")
        );
        // A valid field claims nothing.
        assert_eq!(select(&html, "input#full_name")[0].value().attr("aria-invalid"), None);
        // A radio group reports its error on the fieldset, and the summary links to its first radio.
        assert_eq!(
            select(&html, r#"fieldset[aria-describedby="mode-error"][aria-invalid="true"]"#).len(),
            1
        );
        assert_eq!(select(&html, r##".error-summary a[href="#mode"]"##).len(), 1);
        assert_eq!(select(&html, r#"input#mode[type=radio][value=ca]"#).len(), 1);
        assert_eq!(select(&html, ".error-summary li").len(), 2);
    }

    #[test]
    fn values_are_kept_and_escaped() {
        let html = render_all_controls();
        assert_eq!(select(&html, r#"input#full_name[value="<Ana>"]"#).len(), 1);
        assert_eq!(select(&html, "select#country option[value=ca][selected]").len(), 1);
        assert_eq!(select(&html, "input[name=mode][value=us][checked]").len(), 1);
        assert_eq!(select(&html, "input[name=langs][value=us][checked]").len(), 1);
        assert_eq!(select(&html, "input[name=langs][value=ca][checked]").len(), 0);
        assert_eq!(
            select(&html, r#"input[type=hidden][name=csrf_token][value="token-123"]"#).len(),
            1
        );
        assert!(
            select(&html, "label[for=phone]")[0]
                .text()
                .collect::<String>()
                .contains("(optional)")
        );
    }

    #[test]
    fn collects_every_error_in_order() {
        let mut errs = FormErrors::default();
        assert_eq!(errs.check("a", Ok::<_, Invalid>(1)), Some(1));
        errs.check::<()>("b", Err(Invalid("err-b")));
        errs.check::<()>("c", Err(Invalid("err-c")));
        errs.add("b", "err-b2");
        assert!(errs.has("b") && errs.has("c") && !errs.has("a"));
        assert_eq!(errs.get("b"), ["err-b", "err-b2"]);
        assert_eq!(errs.summary(), vec![("b", "err-b"), ("c", "err-c")]);
    }
}
