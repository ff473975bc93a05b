//! Paged lists (the staff's applications and audit trail): which page this is, how many there are,
//! and the links to the pages either side, which keep the list's filters. Shown by
//! `templates/partials/pagination.html`.

use serde::Serialize;

/// Where a paged list stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    pub page: i64,
    /// At least 1 (an empty list is one empty page).
    pub pages: i64,
    pub prev_url: Option<String>,
    pub next_url: Option<String>,
}

impl Pager {
    /// Page `page` of `total` rows, `per_page` to a page; `url(n)` is the address of page `n`.
    pub fn new(page: i64, total: i64, per_page: i64, url: impl Fn(i64) -> String) -> Pager {
        let pages = ((total + per_page - 1) / per_page).max(1);
        Pager {
            page,
            pages,
            prev_url: (page > 1).then(|| url(page - 1)),
            next_url: (page < pages).then(|| url(page + 1)),
        }
    }
}

/// The query string of a list's filters, empty values left out (so a bookmarked view stays short).
pub fn query_string(filters: &impl Serialize) -> String {
    serde_urlencoded::to_string(filters)
        .unwrap_or_default()
        .split('&')
        .filter(|kv| !kv.ends_with('='))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_links_to_its_neighbours_only_when_they_exist() {
        let url = |n| format!("/list?page={n}");
        let first = Pager::new(1, 120, 50, url);
        assert_eq!(
            (first.pages, first.prev_url, first.next_url.as_deref()),
            (3, None, Some("/list?page=2"))
        );
        let last = Pager::new(3, 120, 50, url);
        assert_eq!((last.prev_url.as_deref(), last.next_url), (Some("/list?page=2"), None));
        let empty = Pager::new(1, 0, 50, url);
        assert_eq!((empty.pages, empty.prev_url, empty.next_url), (1, None, None));
    }

    #[test]
    fn empty_filters_are_left_out() {
        #[derive(Serialize)]
        struct F {
            q: &'static str,
            status: &'static str,
            page: &'static str,
        }
        let f = F {
            q: "a b",
            status: "",
            page: "2",
        };
        assert_eq!(query_string(&f), "q=a+b&page=2");
    }
}
