use super::*;
use crate::domain::pathway::Pathway;

#[test]
fn the_pathway_codes_are_the_pathways() {
    let codes: Vec<&str> = Pathway::ALL.iter().map(|p| p.code()).collect();
    assert_eq!(codes, PATHWAYS);
}

#[test]
fn codes_are_chosen_once_in_their_order_and_unknown_ones_named() {
    assert_eq!(
        choose(&["fr", "EN ", "fr"], &LANGUAGES),
        Ok(vec!["en".to_owned(), "fr".to_owned()])
    );
    assert_eq!(choose(&["en", "de"], &LANGUAGES), Err("de".to_owned()));
    assert_eq!(choose::<&str>(&[], &LANGUAGES), Ok(vec![]));
    assert_eq!(
        choose_listed("ict, gts", &PATHWAYS),
        Ok(vec!["gts".to_owned(), "ict".to_owned()])
    );
    assert_eq!(choose_listed("gts,,", &PATHWAYS), Ok(vec!["gts".to_owned()]));
    assert_eq!(choose_listed("gts,lmia", &PATHWAYS), Err("lmia".to_owned()));
    assert_eq!(choose_listed("", &PATHWAYS), Ok(vec![]));
    let default = Consultancy::default();
    assert_eq!((default.languages.len(), default.pathways.len()), (1, 3));
}

#[test]
fn video_links_are_https_addresses_with_a_host() {
    for good in [
        "https://meet.example.com/abc-defg-hij",
        " HTTPS://zoom.us/j/123?pwd=x#y ",
        "https://teams.microsoft.com:443/l/meetup-join/19%3ameeting",
    ] {
        let link = video_link(good).unwrap_or_else(|e| panic!("{good}: {e:?}"));
        assert!(link.starts_with("https://"), "{link}");
    }
    assert_eq!(video_link("  "), Ok(String::new()));
    for bad in [
        "http://meet.example.com/x",
        "meet.example.com/x",
        "https://",
        "https://localhost/x",
        "https://user:pw@meet.example.com/",
        "https://meet.example.com/a b",
        "https://meet.example.com/\"><script>",
        "https://meet.example.com/x\r\nBcc: a@b.example",
        "https://-bad.example.com/",
        "https://meet.example.com:/",
        "javascript:alert(1)",
    ] {
        assert_eq!(video_link(bad), Err(Invalid("err-consultant-video-link")), "{bad:?}");
    }
    let long = format!("https://meet.example.com/{}", "a".repeat(500));
    assert_eq!(video_link(&long), Err(Invalid("err-consultant-video-link-long")));
}

#[test]
fn phones_are_valid_numbers_kept_in_e164() {
    assert_eq!(phone("+1 416-555-0100"), Ok("+14165550100".to_owned()));
    assert_eq!(phone("(416) 555-0100"), Ok("+14165550100".to_owned()));
    assert_eq!(phone("+44 20 7946 0958"), Ok("+442079460958".to_owned()));
    assert_eq!(phone(""), Ok(String::new()));
    for bad in [
        "12",
        "call me",
        "+1 416 555 0100 ext 99999999999999999999999999",
        "+999 123",
    ] {
        assert_eq!(phone(bad), Err(Invalid("err-consultant-phone")), "{bad:?}");
    }
}
