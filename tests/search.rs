//! Search on the shipped timeline: the queries people type in a meeting.

#[path = "common/search.rs"]
mod search_ids;

use search_ids::ids;

use timeline_explorer::search::{Field, Query, Search, rank};
use timeline_explorer::timeline::{Timeline, load_builtin};

fn tl() -> Timeline {
    load_builtin().unwrap()
}

#[test]
fn nichols_finds_only_the_nichols_event() {
    // Every summary and quote holds n..i..c..h..o..l..s scattered somewhere.
    assert_eq!(ids(&tl(), "nichols"), ["nichols-injunction"]);
    assert_eq!(ids(&tl(), "Nichols"), ["nichols-injunction"]);
    assert_eq!(
        ids(&tl(), "nichls"),
        ["nichols-injunction"],
        "a typo still finds it"
    );
}

#[test]
fn oracle_finds_only_the_oracle_events() {
    assert_eq!(
        ids(&tl(), "oracle"),
        ["buyers-interested", "oracle-deal", "project-texas"]
    );
}

#[test]
fn short_fields_take_abbreviations() {
    assert_eq!(ids(&tl(), "wross"), ["ban-postponed"]);
    assert_eq!(ids(&tl(), "cnichols"), ["nichols-injunction"]);
    let t = tl();
    let mut hits = Search::default().filter(&t, &Query::parse("ttglobal"));
    rank(&mut hits);
    assert_eq!(t.events[hits[0].event].id, "oracle-deal");
}

#[test]
fn all_terms_must_match() {
    // buyers-interested names Oracle but is a report, not a deal.
    assert_eq!(ids(&tl(), "oracle deal"), ["oracle-deal"]);
    assert_eq!(ids(&tl(), "texas oracle"), ["project-texas"]);
    assert_eq!(ids(&tl(), "oracle texas"), ["project-texas"]);
}

#[test]
fn exact_term_needs_the_substring() {
    assert_eq!(ids(&tl(), "'fcc"), ["fcc-app-stores", "fcc-reply-deadline"]);
    // Fuzzy, these letters are close enough in "nichols"; exact, they are not there.
    assert_eq!(ids(&tl(), "nchls"), ["nichols-injunction"]);
    assert!(ids(&tl(), "'nchls").is_empty());
}

#[test]
fn prefix_and_suffix_anchor_a_field() {
    assert_eq!(
        ids(&tl(), "^2020-09"),
        [
            "commerce-memo",
            "commerce-transactions-order",
            "oracle-deal",
            "ban-postponed",
            "nichols-injunction",
            // Ranges that start in September 2020.
            "cloutier-filing",
            "cloutier-filing-servers",
            "cloutier-filing-code"
        ]
    );
    assert_eq!(ids(&tl(), "^deal$"), ["oracle-deal"]);
    // The tag "ban" ends in ban; of the titles only the injunction's does.
    assert_eq!(
        ids(&tl(), "ban$"),
        [
            "divestment-order",
            "two-orders-reported",
            "commerce-transactions-order",
            "ban-postponed",
            "nichols-injunction",
            "download-ban-blocked",
            "november-deadline"
        ]
    );
    assert_eq!(ids(&tl(), r"the\ ban$"), ["nichols-injunction"]);
}

#[test]
fn negation_removes_events() {
    let all_2022 = ids(&tl(), "^2022");
    assert_eq!(all_2022.len(), 5);
    assert_eq!(ids(&tl(), "^2022 !deadline").len(), 4);
    assert!(ids(&tl(), "!2020").iter().all(|id| all_2022.contains(id)));
}

#[test]
fn or_takes_either_side() {
    assert_eq!(
        ids(&tl(), "nichols | blackburn"),
        ["nichols-injunction", "blackburn-response"]
    );
    assert_eq!(
        ids(&tl(), "nichols | blackburn ^2022"),
        ["blackburn-response"]
    );
}

#[test]
fn smart_case_respects_capitals() {
    assert_eq!(ids(&tl(), r"'TikTok\ Global"), ["oracle-deal"]);
    assert_eq!(ids(&tl(), r"'tiktok\ global"), ["oracle-deal"]);
    assert!(ids(&tl(), r"'Tiktok\ global").is_empty());
}

#[test]
fn empty_query_keeps_everything_in_order() {
    let t = tl();
    let all: Vec<String> = t.events.iter().map(|e| e.id.to_string()).collect();
    assert_eq!(ids(&t, ""), all);
    assert_eq!(ids(&t, "   "), all);
}

#[test]
fn a_query_that_matches_nothing_gives_nothing() {
    assert!(ids(&tl(), "xyzzy").is_empty());
    assert!(ids(&tl(), "nichols oracle").is_empty());
}

#[test]
fn ranking_puts_title_hits_first() {
    let t = tl();
    let mut hits = Search::default().filter(&t, &Query::parse("douyin"));
    rank(&mut hits);
    let first = &t.events[hits[0].event];
    assert!(first.title.contains("Douyin"), "{}", first.id);
}

#[test]
fn highlights_are_char_indices_in_the_matching_field() {
    let t = tl();
    let search = Search::default();
    let e = t.event("nichols-injunction").unwrap();
    let h = search.highlights(e, &Query::parse("nichols"));
    assert_eq!(h[0].field, Field::Title);
    let title: Vec<char> = e.title.chars().collect();
    let lit: String = h[0].chars.iter().map(|&i| title[i]).collect();
    assert_eq!(lit, "Nichols");

    // A match found only in a quote is reported as such, with char (not byte)
    // positions: the quote has curly quotes before the match.
    let e = t.event("blackburn-response").unwrap();
    let h = search.highlights(e, &Query::parse("'shroud 'secrecy"));
    assert_eq!(h.len(), 1, "both terms in one quote: {h:?}");
    let Field::Quote(q) = h[0].field else {
        panic!("{h:?}")
    };
    let quote: Vec<char> = e.citations[q].quote.chars().collect();
    let lit: String = h[0].chars.iter().map(|&i| quote[i]).collect();
    assert_eq!(lit, "shroudsecrecy");
}

#[test]
fn highlights_say_which_field_matched() {
    let t = tl();
    let search = Search::default();
    let fields = |q: &str| -> Vec<Field> {
        let query = Query::parse(q);
        let hits = search.filter(&t, &query);
        assert_eq!(hits.len(), 1, "{q}");
        let e = &t.events[hits[0].event];
        search
            .highlights(e, &query)
            .iter()
            .map(|h| h.field)
            .collect()
    };
    assert_eq!(fields("disney"), [Field::Summary]);
    assert_eq!(fields(r"'video\ sharing"), [Field::Quote(1)]);
}
