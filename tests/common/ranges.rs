//! A small timeline whose dates include ranges (`Between`), citing the
//! shipped seeds. The shipped timeline has no ranges, so the tests of ranges
//! (list, detail, slides, ruler, formats, search, jumps) build this one.
//! Include it with `#[path = "common/ranges.rs"] mod ranges;`.

#![allow(dead_code)]

use std::path::Path;

use timeline_explorer::timeline::load::check_str;
use timeline_explorer::timeline::{Checked, Timeline};

/// In curator's order, not date order: loading sorts. Between them the
/// ranges cover day-day, month-month, day-month and year-year.
pub const RON: &str = r#"Timeline(
    title: "Ranges over the TikTok story",
    sources: [
        Source(id: "letter", file: "seeds/001_ef2e2fe99c17a0a0.txt", headline: "TikTok has access to US users’ data"),
        Source(id: "mayer", file: "seeds/002_5edb2bcaa070a09b.txt", description: "Kevin Mayer's exit and the November 12 deadline"),
        Source(id: "filing", file: "seeds/003_3da983060587e498.txt", headline: "TikTok Chief Security Officer states that its servers are now independent from ByteDance."),
    ],
    events: [
        Event(
            id: "divestment-order",
            date: Day(2020, 8, 14),
            inferred: "003 gives 14 August and no year.",
            title: "Trump gives ByteDance 90 days to sell TikTok",
            summary: "An order gives ByteDance 90 days to sell or spin off TikTok's US business.",
            kind: Order,
            paraphrase: ["US"],
            citations: [(source: "filing", quote: "The President then released an order on 14 August granting TikTok parent company ByteDance 90 days to either sell or spin off its TikTok business in the United States.")],
        ),
        Event(
            id: "cloutier-interview",
            date: Between(Day(2020, 8, 20), Day(2020, 11, 12)),
            inferred: "002 reports the interview with no date, after the order and before the deadline.",
            title: "Cloutier tells Cyberscoop how US data requests work",
            summary: "Roland Cloutier says requests for TikTok's data would have to go through the US government.",
            kind: Interview,
            actors: ["Roland Cloutier"],
            paraphrase: ["US", "TikTok"],
            citations: [(source: "mayer", quote: "In an interview with Cyberscoop, Cloutier said:")],
        ),
        Event(
            id: "mayer-quits",
            date: Between(Month(2020, 8), Month(2020, 9)),
            inferred: "002 is undated; the lawsuit it mentions was filed in August.",
            title: "Kevin Mayer quits TikTok",
            summary: "Kevin Mayer leaves TikTok while it fights to stay in the US.",
            kind: Personnel,
            actors: ["Kevin Mayer"],
            paraphrase: ["TikTok"],
            citations: [(source: "mayer", quote: "Kevin Mayer quit the app amid their battle to remain in the US.")],
        ),
        Event(
            id: "nichols-injunction",
            date: Day(2020, 9, 27),
            inferred: "003 gives 27 September and no year.",
            title: "Judge Carl Nichols blocks the ban",
            summary: "A temporary injunction stops the ban on the day it was to start.",
            kind: Court,
            citations: [(source: "filing", quote: "US District Judge Carl Nichols granted a temporary injunction on 27 September banning the ban.")],
        ),
        Event(
            id: "cloutier-filing",
            date: Between(Day(2020, 9, 28), Month(2020, 11)),
            inferred: "003 calls the filing recent and the trial pending: after the injunction, before the November hearing.",
            title: "Cloutier's filing: Commerce mischaracterised TikTok's data",
            summary: "TikTok's security chief files that the Commerce Department got its data practices wrong.",
            kind: Filing,
            paraphrase: ["Commerce Department", "TikTok"],
            citations: [(source: "filing", quote: "said in a recent legal filing in anticipation of the pending trial")],
        ),
        Event(
            id: "injunction-hearing",
            date: Day(2020, 11, 4),
            inferred: "003 gives 4 November and no year.",
            title: "Hearing on the injunction",
            summary: "The Department of Justice's application against the injunction is to be heard.",
            kind: Hearing,
            citations: [(source: "filing", quote: "A hearing on the application of the injunction by the Department of Justice is scheduled for 4 November.")],
        ),
        Event(
            id: "november-deadline",
            date: Day(2020, 11, 12),
            inferred: "002 gives November 12 and no year.",
            title: "Deadline for ByteDance to sell",
            summary: "The extended deadline to sell TikTok to an American firm.",
            kind: Deadline,
            paraphrase: ["ByteDance"],
            citations: [(source: "mayer", quote: "Trump has given the company an extended deadline, until November 12, to sell TikTok to an American firm, or face having the app banned from the country.")],
        ),
        Event(
            id: "cloud-move",
            date: Between(Year(2020), Year(2022)),
            inferred: "001 is undated; it says only \"the near future\".",
            title: "US user data to move to Oracle's cloud",
            summary: "TikTok's US user data is to move from its own servers to Oracle's cloud.",
            kind: Plan,
            actors: ["Oracle"],
            paraphrase: ["US", "TikTok"],
            citations: [(source: "letter", quote: "This data will be moved to Oracle’s cloud infrastructure in the near future.")],
        ),
    ],
)
"#;

/// `ron` checked as a file beside `seeds/` in this repository would be.
pub fn check(ron: &str) -> Checked {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let read = |_: Option<&str>, file: &str| {
        std::fs::read_to_string(root.join(file)).map_err(|e| e.to_string())
    };
    check_str(ron, "ranges.ron", &read)
}

/// The timeline above, loaded; it checks clean.
pub fn timeline() -> Timeline {
    let checked = check(RON);
    assert!(checked.is_clean(), "{:#?}", checked.report.problems);
    checked.timeline.unwrap()
}
