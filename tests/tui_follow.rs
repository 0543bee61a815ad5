//! Follow mode through `update()`: an SSH viewer's app shown the presenter's
//! state (`Action::Follow`), `f`, the keys that take a viewer off on their
//! own, and a presenter arriving and leaving. The presenter is a second app
//! driven by keys, as the serve driver publishes it.

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed, TestRunner};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;
use timeline_explorer::timeline::load_builtin;
use timeline_explorer::tui::follow::{Follow, FollowState, ReaderAt};
use timeline_explorer::tui::keys::BINDINGS;
use timeline_explorer::tui::overlays::help;
use timeline_explorer::tui::state::dispatch::action_for;
use timeline_explorer::tui::{Action, App, Effect, Options, Screen, update};

mod common;

use common::screen::keys;

fn as_of() -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(2020, 10, 4)
}

fn presenter_at(w: u16, h: u16) -> App {
    let options = Options {
        as_of: as_of(),
        ..Options::default()
    };
    App::new(load_builtin().unwrap(), &options, Size::new(w, h))
}

fn presenter() -> App {
    presenter_at(80, 24)
}

/// A viewer at `w`x`h` with a presenter connected: following.
fn viewer_at(w: u16, h: u16) -> App {
    let options = Options {
        as_of: as_of(),
        viewer: true,
        ..Options::default()
    };
    let mut v = App::new(load_builtin().unwrap(), &options, Size::new(w, h));
    update(&mut v, Action::PresenterHere(true));
    v
}

fn viewer() -> App {
    viewer_at(80, 24)
}

/// What the serve driver does after each of the presenter's actions.
fn publish(presenter: &App, viewer: &mut App) {
    update(viewer, Action::Follow(Box::new(FollowState::of(presenter))));
}

fn selected_id(app: &App) -> Option<&str> {
    app.selected_event()
        .map(|e| app.timeline.events[e].id.as_str())
}

fn footer(app: &App) -> String {
    let t = common::screen::draw(app);
    let buf = t.backend().buffer();
    let y = buf.area.height - 1;
    (0..buf.area.width)
        .map(|x| buf[(x, y)].symbol().to_string())
        .collect()
}

#[test]
fn a_viewer_follows_the_slides() {
    let (mut p, mut v) = (presenter(), viewer());
    assert_eq!(v.follow, Follow::Following);
    keys(&mut p, "jjp ");
    publish(&p, &mut v);
    assert_eq!(v.screen, Screen::Present);
    assert_eq!(selected_id(&v), selected_id(&p));
    assert_eq!(v.list.selected, 3, "the fourth slide");
    keys(&mut p, " ");
    publish(&p, &mut v);
    assert_eq!(v.list.selected, 4);
    assert_eq!(FollowState::of(&v), FollowState::of(&p));
}

#[test]
fn a_viewer_follows_the_detail_and_its_citation() {
    let (mut p, mut v) = (presenter(), viewer());
    // The Commerce memo, its third citation.
    keys(&mut p, "jjjjjjjjjl\t\t");
    publish(&p, &mut v);
    assert_eq!(v.screen, Screen::Detail);
    assert_eq!(v.timeline.events[v.detail.event].id, "commerce-memo");
    assert_eq!(v.detail.citation, 2);
    // Back on the list, the list's selection is the presenter's too.
    keys(&mut p, "\u{1b}");
    publish(&p, &mut v);
    assert_eq!(v.screen, Screen::List);
    assert_eq!(selected_id(&v), Some("commerce-memo"));
}

#[test]
fn a_viewer_follows_the_filter_as_it_is_typed_and_never_types_it() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "/nich");
    publish(&p, &mut v);
    assert_eq!(v.filter.text, "nich");
    assert!(!v.filter.typing, "the viewer's keys still work");
    assert_eq!(v.filter.hits, p.filter.hits);
    keys(&mut p, "ols\t");
    publish(&p, &mut v);
    assert_eq!(v.filter.hits.len(), 1);
    assert_eq!(selected_id(&v), selected_id(&p));
}

#[test]
fn a_viewer_follows_the_reader_to_the_same_passage_at_its_own_size() {
    // The viewer narrower and shorter: more lines, each the presenter's top
    // line in reach.
    let mut p = presenter_at(120, 40);
    let mut v = viewer();
    keys(&mut p, "/nichols\n\nn");
    publish(&p, &mut v);
    assert_eq!(v.screen, Screen::Reader);
    let (pr, vr) = (p.reader.as_ref().unwrap(), v.reader.as_ref().unwrap());
    assert_eq!(vr.source, pr.source);
    assert_eq!(vr.current, pr.current, "the passage in focus");
    assert_eq!(vr.back_to, Screen::Detail);
    // Wrapped to its own width, the top line holds the presenter's top line's start.
    let top = pr.lines[pr.scroll].start;
    let line = &vr.lines[vr.scroll];
    assert!(line.start <= top && top <= line.end, "{line:?} holds {top}");
    // Scrolling is followed too.
    keys(&mut p, "jjj");
    publish(&p, &mut v);
    let (pr, vr) = (p.reader.as_ref().unwrap(), v.reader.as_ref().unwrap());
    let top = pr.lines[pr.scroll].start;
    let line = &vr.lines[vr.scroll];
    assert!(line.start <= top && top <= line.end, "{line:?} holds {top}");
    // Esc on the viewer's own goes back where the presenter's would.
    update(&mut v, Action::ToggleFollow);
    keys(&mut v, "\u{1b}");
    assert_eq!(v.screen, Screen::Detail);
}

#[test]
fn a_viewer_follows_the_sources_screen_and_its_search() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "S/oracle\tjj");
    publish(&p, &mut v);
    assert_eq!(v.screen, Screen::Sources);
    assert_eq!(v.grep.query, "oracle");
    assert!(!v.grep.typing);
    assert_eq!(v.grep.selected, 2);
    assert_eq!(v.grep.hits, p.grep.hits);
}

#[test]
fn a_viewer_lists_the_presenters_marked_events_not_its_own() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "mjjm'");
    assert_eq!(p.filter.hits.len(), 2);
    publish(&p, &mut v);
    assert!(v.marked_only);
    assert_eq!(v.filter.hits, p.filter.hits);
    assert!(v.marks.is_empty(), "the viewer's own marks are untouched");
    // The presenter marks a third: the viewer's list grows with theirs.
    keys(&mut p, "'Gm'");
    publish(&p, &mut v);
    assert_eq!(v.filter.hits.len(), 3);
    assert_eq!(FollowState::of(&v), FollowState::of(&p));
}

#[test]
fn the_agenda_is_followed() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "a");
    publish(&p, &mut v);
    assert!(v.agenda);
    assert_eq!(v.filter.hits, p.filter.hits);
}

#[test]
fn a_browsing_key_takes_the_viewer_off_and_the_presenter_no_longer_moves_it() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "p");
    publish(&p, &mut v);
    keys(&mut v, "j");
    assert_eq!(v.follow, Follow::Browsing);
    assert_eq!(v.list.selected, 1, "the key did what it does");
    keys(&mut p, "   ");
    publish(&p, &mut v);
    assert_eq!(
        v.list.selected, 1,
        "browsing: the presenter's slide is kept, not shown"
    );
    assert_eq!(v.screen, Screen::Present);
    for key in ["/", ":", "\n", "S", "a", "'", "\u{1b}", "g"] {
        let mut v = viewer();
        keys(&mut v, key);
        assert_eq!(v.follow, Follow::Browsing, "{key:?} browses");
    }
}

#[test]
fn f_follows_again_straight_to_the_presenters_newest_state() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut v, "jjj");
    keys(&mut p, "jjjjjjjjjl");
    publish(&p, &mut v);
    keys(&mut p, "\t");
    publish(&p, &mut v);
    assert_eq!(v.screen, Screen::List, "still browsing");
    keys(&mut v, "f");
    assert_eq!(v.follow, Follow::Following);
    assert_eq!(v.screen, Screen::Detail);
    assert_eq!(v.detail.citation, 1, "the newest state, not the first");
    assert_eq!(FollowState::of(&v), FollowState::of(&p));
    keys(&mut v, "f");
    assert_eq!(v.follow, Follow::Browsing, "f again: browsing");
}

#[test]
fn help_quit_copy_and_marks_keep_a_viewer_following() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "jj");
    publish(&p, &mut v);
    keys(&mut v, "?jG");
    assert_eq!(v.follow, Follow::Following, "keys over help move the help");
    keys(&mut v, "?");
    assert!(v.overlay.is_none());
    keys(&mut v, "y");
    assert!(matches!(v.outbox.last(), Some(Effect::Copy(_))));
    keys(&mut v, "m");
    // Marks live in the session: the driver answers the save, not the disk.
    assert!(matches!(
        v.outbox.last(),
        Some(Effect::SaveMark { marked: true, .. })
    ));
    assert_eq!(v.follow, Follow::Following);
    keys(&mut v, "q");
    assert!(v.quit);
}

#[test]
fn the_footer_says_whether_the_viewer_follows() {
    let mut v = viewer();
    assert!(
        footer(&v).contains("following the presenter · f to browse"),
        "{}",
        footer(&v)
    );
    keys(&mut v, "j");
    assert!(
        footer(&v).contains("browsing · f to follow"),
        "{}",
        footer(&v)
    );
    assert!(
        footer(&v).contains("? help"),
        "help still fits at 80 columns"
    );
    assert!(footer(&v).contains("q quit"));
}

#[test]
fn when_the_presenter_leaves_viewers_browse_and_are_told() {
    let (mut p, mut v) = (presenter(), viewer());
    keys(&mut p, "p");
    publish(&p, &mut v);
    update(&mut v, Action::PresenterHere(false));
    assert_eq!(v.follow, Follow::Browsing);
    assert_eq!(v.status.as_deref(), Some("the presenter left"));
    assert_eq!(
        v.screen,
        Screen::Present,
        "the viewer stays where they were"
    );
    assert!(
        !footer(&v).contains("f to"),
        "nothing to follow: {}",
        footer(&v)
    );
    keys(&mut v, "f");
    assert_eq!(v.follow, Follow::Browsing);
    assert_eq!(v.status.as_deref(), Some("no presenter to follow yet"));
    // Back, with no state sent yet: following, nothing moved.
    update(&mut v, Action::PresenterHere(true));
    assert_eq!(v.follow, Follow::Following);
    assert_eq!(v.screen, Screen::Present);
}

#[test]
fn a_viewer_who_chose_to_browse_is_not_taken_back_when_a_presenter_arrives() {
    let mut v = viewer();
    keys(&mut v, "j");
    update(&mut v, Action::PresenterHere(false));
    update(&mut v, Action::PresenterHere(true));
    assert_eq!(v.follow, Follow::Browsing);
}

#[test]
fn a_viewer_browses_until_a_presenter_is_here() {
    let options = Options {
        viewer: true,
        ..Options::default()
    };
    let mut v = App::new(load_builtin().unwrap(), &options, Size::new(80, 24));
    assert_eq!(v.follow, Follow::Browsing);
    let mut p = presenter();
    keys(&mut p, "jj");
    publish(&p, &mut v);
    assert_eq!(
        v.list.selected, 0,
        "no presenter is connected: nothing followed"
    );
    update(&mut v, Action::PresenterHere(true));
    assert_eq!(v.follow, Follow::Following);
    assert_eq!(v.list.selected, 2, "the state kept is shown at once");
}

#[test]
fn the_local_app_ignores_following_and_f() {
    let mut a = presenter();
    let mut p = presenter();
    keys(&mut p, "jjp");
    publish(&p, &mut a);
    update(&mut a, Action::PresenterHere(true));
    assert_eq!(a.follow, Follow::Off);
    assert_eq!(a.screen, Screen::List);
    assert!(a.presenter.latest.is_none());
    keys(&mut a, "f");
    assert_eq!(a.follow, Follow::Off);
    assert_eq!(
        (a.screen, a.list.selected, a.status.as_ref()),
        (Screen::List, 0, None)
    );
    let text = |a: &App| -> String {
        help::lines(a)
            .iter()
            .map(|l| l.to_string() + "\n")
            .collect()
    };
    assert!(!text(&a).contains("follow the presenter"), "not in help");
    assert!(!footer(&a).contains("follow"));
    assert!(
        text(&viewer()).contains("follow the presenter"),
        "in a viewer's help"
    );
}

#[test]
fn a_state_naming_what_this_timeline_lacks_leaves_the_viewer_whole() {
    for screen in [
        Screen::List,
        Screen::Detail,
        Screen::Reader,
        Screen::Present,
        Screen::Sources,
    ] {
        let mut v = viewer();
        let state = FollowState {
            screen,
            // As long as a query line holds.
            query: "\u{1b}[2J".repeat(50),
            ranked: true,
            agenda: true,
            marked: Some(["nope".to_string()].into()),
            selected: Some("no-such-event".into()),
            event: Some("no-such-event".into()),
            citation: usize::MAX,
            reader: Some(ReaderAt {
                source: "no-such-article".into(),
                passage: Some(usize::MAX - 1..usize::MAX),
                top: usize::MAX,
                back_to: Screen::Reader,
            }),
            search: "x".repeat(200),
            article: usize::MAX,
        };
        update(&mut v, Action::Follow(Box::new(state)));
        common::screen::draw(&v);
        assert!(
            v.screen != Screen::Reader || v.reader.is_some(),
            "{screen:?}"
        );
        assert!(v.screen != Screen::Detail, "no such event: {screen:?}");
        // A known event, a citation past its last, an article's bytes past its end.
        let state = FollowState {
            screen,
            selected: Some("commerce-memo".into()),
            event: Some("commerce-memo".into()),
            citation: 99,
            reader: Some(ReaderAt {
                source: v.timeline.sources[0].id.clone(),
                passage: Some(std::ops::Range { start: 7, end: 3 }),
                top: usize::MAX,
                back_to: Screen::Present,
            }),
            article: 99,
            ..FollowState::default()
        };
        update(&mut v, Action::Follow(Box::new(state)));
        common::screen::draw(&v);
        if screen == Screen::Detail {
            let quotes = v.timeline.events[v.detail.event].quotes().count();
            assert_eq!(v.detail.citation, quotes - 1, "the memo's last citation");
        }
    }
}

/// What happens in a room: the presenter presses keys and publishes, the
/// viewer presses keys (`f` among them), a presenter comes and goes, sizes change.
#[derive(Debug, Clone)]
enum Step {
    Presenter(KeyCode),
    Publish,
    Viewer(KeyCode),
    F,
    Here(bool),
    Resize(u16, u16),
}

fn code() -> impl Strategy<Value = KeyCode> {
    let table: Vec<KeyCode> = BINDINGS
        .iter()
        .flat_map(|b| b.keys.iter())
        .filter(|(_, m)| m.is_empty())
        .map(|(c, _)| *c)
        .collect();
    prop_oneof![
        8 => proptest::sample::select(table),
        1 => proptest::sample::select(vec!['o', 'r', 'a', 'c', 'l', 'e', 'x', ' '])
            .prop_map(KeyCode::Char),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        10 => code().prop_map(Step::Presenter),
        8 => Just(Step::Publish),
        6 => code().prop_map(Step::Viewer),
        3 => Just(Step::F),
        1 => any::<bool>().prop_map(Step::Here),
        1 => (prop_oneof![Just(0u16), 10u16..=200], prop_oneof![Just(0u16), 5u16..=60])
            .prop_map(|(w, h)| Step::Resize(w, h)),
    ]
}

fn press(app: &mut App, code: KeyCode) {
    if let Some(a) = action_for(app, KeyEvent::new(code, KeyModifiers::NONE))
        && !matches!(a, Action::Quit | Action::Suspend)
    {
        update(app, a);
    }
    app.outbox.clear();
}

/// Sizes change for both at once (the property compares positions laid
/// out at one size) or for the viewer alone (it must only not panic).
fn room(steps: &[Step], viewer_alone: bool) -> Result<(), TestCaseError> {
    let (mut p, mut v) = (presenter(), viewer());
    for step in steps {
        match step {
            Step::Presenter(code) => press(&mut p, *code),
            Step::Publish => publish(&p, &mut v),
            Step::Viewer(code) => press(&mut v, *code),
            Step::Here(here) => update(&mut v, Action::PresenterHere(*here)),
            Step::Resize(w, h) => {
                update(&mut v, Action::Resize(*w, *h));
                if !viewer_alone {
                    update(&mut p, Action::Resize(*w, *h));
                }
            }
            Step::F => {
                let before = v.follow;
                update(&mut v, Action::ToggleFollow);
                let latest = v.presenter.latest.clone();
                if before == Follow::Browsing
                    && v.follow == Follow::Following
                    && let Some(latest) = latest
                    && !viewer_alone
                {
                    prop_assert_eq!(FollowState::of(&v), *latest);
                }
            }
        }
        if viewer_alone {
            common::screen::draw(&v);
        }
        let hits = v.filter.hits.len();
        prop_assert!(v.list.selected < hits.max(1));
        prop_assert!(v.screen != Screen::Reader || v.reader.is_some());
    }
    Ok(())
}

fn campaign(viewer_alone: bool, seed: u64) {
    let cases = std::env::var("TUI_PROP_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(64);
    let config = Config {
        cases,
        rng_seed: RngSeed::Fixed(seed),
        failure_persistence: None,
        ..Config::default()
    };
    TestRunner::new(config)
        .run(&proptest::collection::vec(step(), 0..60), |steps| {
            room(&steps, viewer_alone)
        })
        .unwrap();
}

#[test]
fn after_f_the_viewer_shows_the_presenters_newest_state() {
    campaign(false, 0xf0_11_0e);
}

#[test]
fn any_presenter_states_and_viewer_keys_at_any_size_keep_the_viewer_whole() {
    campaign(true, 0xb0_e5_e5);
}
