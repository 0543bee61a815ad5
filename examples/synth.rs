//! A synthetic timeline for measuring speed at scale:
//!
//!     cargo run --release --example synth -- --events 100000 --out /tmp/tl100k
//!
//! writes `DIR/timeline.ron` and `DIR/seeds/*.txt`: realistic sizes (titles ~60
//! characters, summaries ~300, 1-3 quotes per event taken verbatim from ~4 KB
//! articles), dates over ten years with some month- and year-precision ones,
//! varied enough words that a query narrows. The same N always gives the same
//! files, and they pass `check`.

use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use clap::Parser;

#[derive(Parser)]
struct Args {
    /// How many events.
    #[arg(long)]
    events: usize,
    /// Folder to write timeline.ron and seeds/ into (created if missing).
    #[arg(long)]
    out: PathBuf,
}

const WORDS: &[&str] = &[
    "access",
    "account",
    "acquisition",
    "administration",
    "agency",
    "agreement",
    "algorithm",
    "allegation",
    "analysis",
    "announcement",
    "app",
    "appeal",
    "approval",
    "archive",
    "argument",
    "audit",
    "authority",
    "backup",
    "ban",
    "board",
    "breach",
    "briefing",
    "budget",
    "business",
    "cabinet",
    "campaign",
    "capital",
    "case",
    "chairman",
    "challenge",
    "charter",
    "citizen",
    "claim",
    "clause",
    "cloud",
    "code",
    "commerce",
    "commission",
    "committee",
    "company",
    "complaint",
    "compliance",
    "concern",
    "conference",
    "congress",
    "consent",
    "contract",
    "control",
    "council",
    "counsel",
    "court",
    "creator",
    "customer",
    "data",
    "database",
    "deadline",
    "deal",
    "debate",
    "decision",
    "decree",
    "defense",
    "delay",
    "department",
    "deputy",
    "design",
    "developer",
    "device",
    "director",
    "dispute",
    "division",
    "document",
    "download",
    "draft",
    "economy",
    "editor",
    "election",
    "email",
    "embargo",
    "encryption",
    "engineer",
    "enterprise",
    "evidence",
    "exchange",
    "executive",
    "export",
    "facility",
    "filing",
    "finance",
    "firm",
    "forum",
    "founder",
    "framework",
    "freedom",
    "fund",
    "governor",
    "guidance",
    "hardware",
    "hearing",
    "holding",
    "identity",
    "import",
    "industry",
    "injunction",
    "inquiry",
    "investor",
    "judge",
    "jurisdiction",
    "justice",
    "law",
    "lawsuit",
    "lawyer",
    "leader",
    "lease",
    "legacy",
    "letter",
    "license",
    "litigation",
    "lobby",
    "market",
    "measure",
    "media",
    "meeting",
    "memo",
    "merger",
    "message",
    "minister",
    "mobile",
    "motion",
    "network",
    "notice",
    "office",
    "officer",
    "operation",
    "oracle",
    "order",
    "oversight",
    "owner",
    "panel",
    "partner",
    "patent",
    "petition",
    "platform",
    "policy",
    "portal",
    "president",
    "privacy",
    "proceeding",
    "process",
    "proposal",
    "protocol",
    "provider",
    "question",
    "regulator",
    "report",
    "request",
    "research",
    "review",
    "risk",
    "ruling",
    "safeguard",
    "sale",
    "sanction",
    "secretary",
    "sector",
    "security",
    "senate",
    "senator",
    "server",
    "service",
    "settlement",
    "share",
    "software",
    "source",
    "spokesperson",
    "staff",
    "standard",
    "statement",
    "storage",
    "strategy",
    "subsidiary",
    "summit",
    "supplier",
    "system",
    "tariff",
    "testimony",
    "threat",
    "trade",
    "transaction",
    "transfer",
    "treaty",
    "trial",
    "trust",
    "update",
    "user",
    "valuation",
    "vendor",
    "venture",
    "verdict",
    "video",
    "vote",
    "warning",
    "witness",
];

const VERBS: &[&str] = &[
    "announced",
    "approved",
    "argued",
    "blocked",
    "challenged",
    "claimed",
    "confirmed",
    "delayed",
    "denied",
    "disclosed",
    "filed",
    "granted",
    "questioned",
    "rejected",
    "released",
    "reported",
    "requested",
    "reviewed",
    "signed",
    "suspended",
    "warned",
    "withdrew",
];

const FIRST: &[&str] = &[
    "Ana", "Ben", "Carla", "David", "Elena", "Farid", "Grace", "Hiro", "Ines", "Jonas", "Kemi",
    "Liam", "Maya", "Nikhil", "Olga", "Pedro", "Quinn", "Rosa", "Sami", "Tess", "Umar", "Vera",
    "Wei", "Ximena", "Yusuf", "Zoe",
];

const LAST: &[&str] = &[
    "Abbott", "Barros", "Chen", "Diaz", "Eriksen", "Fischer", "Garcia", "Haddad", "Ito", "Jensen",
    "Kowalski", "Laine", "Mensah", "Nakamura", "Okafor", "Petrov", "Quispe", "Rossi", "Silva",
    "Tanaka", "Usman", "Varga", "Weber", "Xu", "Yilmaz", "Zeller",
];

const ORGS: &[&str] = &[
    "Oracle",
    "ByteDance",
    "Commerce Department",
    "Justice Department",
    "FCC",
    "Senate",
    "District Court",
    "Treasury",
    "Microsoft",
    "Walmart",
    "Apple",
    "Google",
    "CFIUS",
    "White House",
    "Tencent",
    "Alibaba",
    "Huawei",
    "Amazon",
    "Meta",
    "Snap",
    "Netflix",
    "Reuters",
    "Bloomberg",
    "State Department",
    "Pentagon",
    "Congress",
    "Supreme Court",
    "European Commission",
    "Ofcom",
    "CNIL",
    "Data Protection Board",
    "Canberra",
    "Ottawa",
    "Wellington",
    "Tokyo",
    "Seoul",
    "New Delhi",
    "Brussels",
    "Westminster",
    "Singapore",
    "Kuala Lumpur",
    "Jakarta",
    "Berlin",
    "Paris",
    "Madrid",
    "Rome",
    "Warsaw",
    "Stockholm",
    "Oslo",
    "Helsinki",
    "Dublin",
    "Lisbon",
    "Vienna",
    "Prague",
    "Budapest",
    "Athens",
];

const KINDS: &[&str] = &[
    "Order",
    "Lawsuit",
    "Court",
    "Hearing",
    "Deadline",
    "Deal",
    "Statement",
    "Interview",
    "Personnel",
    "Filing",
    "Report",
    "Letter",
    "Regulator",
    "Plan",
];

pub struct Gen {
    pub rng: fastrand::Rng,
    /// Made-up words, so the vocabulary is as wide as real text's and a query narrows.
    lexicon: Vec<String>,
}

const SYLLABLES: &[&str] = &[
    "ka", "lo", "mir", "tan", "vel", "dor", "shi", "pra", "nu", "gel", "bri", "zo", "fen", "qua",
    "ril", "sto", "wen", "yar", "cho", "plu",
];

impl Gen {
    pub fn new(seed: u64) -> Gen {
        let mut rng = fastrand::Rng::with_seed(seed);
        let lexicon = (0..3000)
            .map(|_| {
                (0..rng.usize(2..=4))
                    .map(|_| SYLLABLES[rng.usize(..SYLLABLES.len())])
                    .collect()
            })
            .collect();
        Gen { rng, lexicon }
    }

    /// A word: 30% from the policy vocabulary, the rest from the made-up lexicon.
    fn word(&mut self) -> String {
        if self.rng.u32(0..10) < 3 {
            self.pick(WORDS).to_string()
        } else {
            self.lexicon[self.rng.usize(..self.lexicon.len())].clone()
        }
    }

    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.rng.usize(..from.len())]
    }

    fn name(&mut self) -> String {
        format!("{} {}", self.pick(FIRST), self.pick(LAST))
    }

    /// A sentence of 8-20 words with a verb and a named actor, ending in a full stop.
    pub fn sentence(&mut self) -> String {
        let mut s = String::new();
        let n = self.rng.usize(8..=20);
        for i in 0..n {
            let word = match i {
                0 if self.rng.u32(0..3) == 0 => self.pick(ORGS).to_string(),
                0 => capitalized(&self.word()),
                2 => self.pick(VERBS).to_string(),
                _ if i == n / 2 => self.name(),
                _ => self.word(),
            };
            if i > 0 {
                s.push(' ');
            }
            s.push_str(&word);
        }
        s.push('.');
        s
    }

    /// About 4 KB of paragraphs, and the sentences in it (for quoting).
    fn article(&mut self) -> (String, Vec<String>) {
        let mut text = String::new();
        let mut sentences = Vec::new();
        while text.len() < 4000 {
            let para: Vec<String> = (0..self.rng.usize(3..=6))
                .map(|_| self.sentence())
                .collect();
            text.push_str(&para.join(" "));
            text.push_str("\n\n");
            sentences.extend(para);
        }
        (text, sentences)
    }

    fn title(&mut self) -> String {
        let mut t = format!("{} {}", self.pick(ORGS), self.pick(VERBS));
        while t.len() < 55 {
            t.push(' ');
            let w = self.word();
            t.push_str(&w);
        }
        t
    }

    fn date(&mut self) -> (String, Option<&'static str>) {
        let (y, m, d) = (
            self.rng.i32(2015..=2024),
            self.rng.u32(1..=12),
            self.rng.u32(1..=28),
        );
        match self.rng.u32(0..20) {
            0 => (
                format!("Year({y})"),
                Some("synthetic: only the year is known"),
            ),
            1 | 2 => (
                format!("Month({y}, {m})"),
                Some("synthetic: only the month is known"),
            ),
            _ => (format!("Day({y}, {m}, {d})"), None),
        }
    }
}

fn capitalized(word: &str) -> String {
    let mut c = word.chars();
    c.next()
        .map_or(String::new(), |f| f.to_uppercase().chain(c).collect())
}

pub fn string(s: &str) -> String {
    ron::to_string(s).expect("a string always serializes")
}

fn main() {
    let args = Args::parse();
    generate(args.events, &args.out);
}

/// Write a synthetic timeline of `n` events into `out`.
pub fn generate(n: usize, out: &Path) {
    let mut g = Gen::new(n as u64);
    let seeds = out.join("seeds");
    fs::create_dir_all(&seeds).expect("create the output folder");

    let articles = (n / 10).max(5);
    let mut ron = String::with_capacity(n * 1300);
    let _ = writeln!(
        ron,
        "// Synthetic timeline: {n} events, {articles} articles. Generated by examples/synth.rs."
    );
    let _ = writeln!(
        ron,
        "Timeline(\n    title: \"Synthetic timeline, {n} events\",\n    sources: ["
    );
    let mut quotable = Vec::with_capacity(articles);
    for a in 0..articles {
        let (text, sentences) = g.article();
        let file = format!("seeds/article_{a:06}.txt");
        fs::write(out.join(&file), &text).expect("write an article");
        let headline = g.title();
        let _ = writeln!(
            ron,
            "        Source(id: \"article-{a:06}\", file: {}, headline: {}),",
            string(&file),
            string(&headline)
        );
        quotable.push(sentences);
    }
    ron.push_str("    ],\n    events: [\n");
    for i in 0..n {
        let (date, inferred) = g.date();
        let title = g.title();
        let mut summary = String::new();
        while summary.len() < 280 {
            if !summary.is_empty() {
                summary.push(' ');
            }
            summary.push_str(&g.sentence());
        }
        let actors: Vec<String> = (0..g.rng.usize(1..=3))
            .map(|k| {
                if k == 0 {
                    g.pick(ORGS).to_string()
                } else {
                    g.name()
                }
            })
            .map(|a| string(&a))
            .collect();
        let tags: Vec<String> = (0..g.rng.usize(1..=4))
            .map(|_| string(g.pick(WORDS)))
            .collect();
        let mut cites = Vec::new();
        for _ in 0..g.rng.usize(1..=3) {
            let a = g.rng.usize(..articles);
            let s = &quotable[a][g.rng.usize(..quotable[a].len())];
            cites.push(format!(
                "(source: \"article-{a:06}\", quote: {})",
                string(s)
            ));
        }
        let _ = writeln!(ron, "        Event(");
        let _ = writeln!(ron, "            id: \"event-{i:06}\",");
        let _ = writeln!(ron, "            date: {date},");
        if let Some(why) = inferred {
            let _ = writeln!(ron, "            inferred: {},", string(why));
        }
        let _ = writeln!(ron, "            title: {},", string(&title));
        let _ = writeln!(ron, "            summary: {},", string(&summary));
        let _ = writeln!(ron, "            kind: {},", g.pick(KINDS));
        let _ = writeln!(ron, "            actors: [{}],", actors.join(", "));
        let _ = writeln!(ron, "            tags: [{}],", tags.join(", "));
        // A curator's timeline says nothing its quotes do not, or declares the
        // rewording; random titles and summaries would otherwise bury `check`
        // in claims-lint warnings that no real timeline has.
        let mut declared: Vec<&str> = Vec::new();
        for word in title
            .split(|c: char| !c.is_alphanumeric())
            .chain(summary.split(|c: char| !c.is_alphanumeric()))
        {
            let claim = word.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit());
            if claim && !declared.contains(&word) {
                declared.push(word);
            }
        }
        let declared: Vec<String> = declared.iter().map(|w| string(w)).collect();
        let _ = writeln!(ron, "            paraphrase: [{}],", declared.join(", "));
        let _ = writeln!(ron, "            citations: [{}],", cites.join(", "));
        let _ = writeln!(ron, "        ),");
    }
    ron.push_str("    ],\n)\n");
    fs::write(out.join("timeline.ron"), ron).expect("write timeline.ron");
    eprintln!(
        "wrote {n} events and {articles} articles to {}",
        out.display()
    );
}
