//! Shell completions as a shell gets them: the scripts `completions` prints,
//! and the candidates the binary answers when a script calls it back.

use std::fs;
use std::process::Command;

mod common;

use common::cli::BIN;

/// The binary, as the completion scripts call it (our variable unset).
fn command() -> Command {
    common::cli::command(&[])
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// What fish is offered for the last word of `line`: (value, help) pairs.
/// For an empty word the options come too; only values are kept then.
fn offered_with(cmd: &mut Command, line: &[&str]) -> Vec<(String, String)> {
    let options = line.last().is_some_and(|w| w.starts_with('-'));
    let o = cmd
        .env("TIMELINE_EXPLORER_COMPLETE", "fish")
        .arg("--")
        .arg("timeline-explorer")
        .args(line)
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    assert_eq!(text(&o.stderr), "", "nothing on stderr while completing");
    text(&o.stdout)
        .lines()
        .map(|l| {
            let (value, help) = l.split_once('\t').unwrap_or((l, ""));
            (value.to_string(), help.to_string())
        })
        .filter(|(value, _)| options || !value.starts_with('-'))
        .collect()
}

fn offered(line: &[&str]) -> Vec<String> {
    offered_with(&mut command(), line)
        .into_iter()
        .map(|(v, _)| v)
        .collect()
}

/// A timeline folder with one article and events with these ids and titles.
fn timeline(events: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("a.txt"), "The company was given 90 days.").unwrap();
    let events: String = events
        .iter()
        .map(|(id, title)| {
            format!(
                r#"Event(id: "{id}", date: Year(2020), title: "{title}", summary: "Given 90 days.", kind: Order,
                   citations: [(source: "a", quote: "The company was given 90 days.")]),"#
            )
        })
        .collect();
    let ron = format!(
        r#"Timeline(title: "Mine", sources: [Source(id: "a", file: "a.txt")], events: [{events}])"#
    );
    fs::write(dir.path().join("timeline.ron"), ron).unwrap();
    dir
}

#[test]
fn completions_prints_a_script_for_each_shell_and_refuses_others() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let o = command().args(["completions", shell]).output().unwrap();
        assert_eq!(o.status.code(), Some(0), "{shell}: {}", text(&o.stderr));
        let script = text(&o.stdout);
        // The script calls this very binary back with our variable set.
        assert!(
            script.contains("TIMELINE_EXPLORER_COMPLETE"),
            "{shell}: {script}"
        );
        assert!(script.contains(BIN), "{shell} calls {BIN}: {script}");
    }
    let o = command().args(["completions", "tcsh"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o.stderr).contains("possible values: bash, zsh, fish, elvish, powershell"));
}

#[test]
fn subcommands_flags_and_formats_complete() {
    assert_eq!(offered(&["ag"]), ["agenda"]);
    assert_eq!(offered(&["co"]), ["config", "completions"]);
    assert_eq!(
        offered(&["list", "--format", ""]),
        ["text", "json", "markdown", "lines", "ics", "timelinejs"]
    );
    assert_eq!(offered(&["pick", "--format", "i"]), ["id"]);
    assert_eq!(
        offered(&["completions", ""]),
        ["bash", "zsh", "fish", "elvish", "powershell"]
    );
    let flags = offered(&["show", "oracle-deal", "--"]);
    for flag in ["--format", "--data", "--config", "--as-of"] {
        assert!(flags.contains(&flag.to_string()), "{flags:?}");
    }
}

#[test]
fn event_ids_complete_after_show_and_select_with_their_titles() {
    assert_eq!(offered(&["show", "nov"]), ["november-deadline"]);
    assert_eq!(offered(&["--select", "nich"]), ["nichols-injunction"]);
    let all = offered_with(&mut command(), &["show", ""]);
    let shipped = timeline_explorer::timeline::load_builtin().unwrap();
    assert_eq!(all.len(), shipped.events.len());
    assert!(
        all.contains(&(
            "oracle-deal".into(),
            "Preliminary deal for TikTok Global, with Oracle as trusted security partner".into()
        )),
        "{all:?}"
    );
}

#[test]
fn ids_come_from_the_timeline_data_or_the_config_names() {
    let dir = timeline(&[
        ("first-sale", "A sale"),
        ("first-ban", "A ban"),
        ("later", "L"),
    ]);
    let path = dir.path().to_str().unwrap();
    // --data before or after the command, as a folder or its file, = or not.
    assert_eq!(
        offered(&["--data", path, "show", "first-"]),
        ["first-sale", "first-ban"]
    );
    let file = format!("--data={path}/timeline.ron");
    assert_eq!(
        offered(&["show", &file, "fir"]),
        ["first-sale", "first-ban"]
    );
    assert_eq!(offered(&["--data", path, "--select", ""]).len(), 3);
    // The config's `data` setting, through --config and through the variable.
    let config = dir.path().join("config.ron");
    fs::write(&config, r#"(data: "timeline.ron")"#).unwrap();
    let config = config.to_str().unwrap();
    assert_eq!(offered(&["--config", config, "show", "la"]), ["later"]);
    let mut cmd = command();
    cmd.env("TIMELINE_EXPLORER_CONFIG", config);
    let ids: Vec<_> = offered_with(&mut cmd, &["show", "la"]);
    assert_eq!(ids, [("later".to_string(), "L".to_string())]);
}

#[test]
fn a_timeline_that_does_not_load_offers_nothing_and_prints_nothing_else() {
    let dir = tempfile::tempdir().unwrap();
    let broken = dir.path().join("broken.ron");
    fs::write(&broken, "Timeline(title: \"x\", events: [Event(id: \"a\",").unwrap();
    let broken = broken.to_str().unwrap();
    assert_eq!(
        offered(&["--data", broken, "show", ""]),
        Vec::<String>::new()
    );
    assert_eq!(
        offered(&["--data", "/nonexistent", "show", ""]),
        Vec::<String>::new()
    );
    assert_eq!(
        offered(&["--data", "/dev/zero", "show", ""]),
        Vec::<String>::new()
    );
    // A source outside the timeline's folder is never read: the timeline
    // fails to load, so its ids are not offered.
    let outside = timeline(&[("outside", "O")]);
    let ron = fs::read_to_string(outside.path().join("timeline.ron")).unwrap();
    let secret = dir.path().join("a.txt");
    fs::write(&secret, "The company was given 90 days.").unwrap();
    let ron = ron.replace(
        r#"file: "a.txt""#,
        &format!("file: {:?}", secret.display().to_string()),
    );
    fs::write(outside.path().join("timeline.ron"), ron).unwrap();
    let path = outside.path().to_str().unwrap();
    assert_eq!(offered(&["--data", path, "show", ""]), Vec::<String>::new());
}

#[test]
fn titles_offered_as_help_carry_no_control_characters() {
    let dir = timeline(&[("bell", r"Ring\u{7}\u{1b}[31mred\ttab")]);
    let path = dir.path().to_str().unwrap();
    let got = offered_with(&mut command(), &["--data", path, "show", ""]);
    assert_eq!(got.len(), 1, "{got:?}");
    let (id, help) = &got[0];
    assert_eq!(id, "bell");
    assert!(!help.chars().any(char::is_control), "{help:?}");
    assert!(help.starts_with("Ring"), "{help:?}");
}

/// The bash script itself, run by bash as a Tab would: its function called
/// with the words typed, COMPREPLY read back.
fn bash_completes(words: &[&str]) -> Option<Vec<String>> {
    if Command::new("bash").arg("--version").output().is_err() {
        println!("skipped: no bash on this system");
        return None;
    }
    let script = command().args(["completions", "bash"]).output().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("complete.bash");
    fs::write(&file, &script.stdout).unwrap();
    let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
    let last = words.len() - 1;
    let program = format!(
        "source '{}'; COMP_WORDS=({}); COMP_CWORD={last}; COMP_TYPE=9; \
         _clap_complete_timeline_explorer timeline-explorer '{}' '{}'; \
         printf '%s\\n' \"${{COMPREPLY[@]}}\"",
        file.display(),
        quoted.join(" "),
        words[last],
        words[last.saturating_sub(1)],
    );
    let o = Command::new("bash")
        .args(["--norc", "-c", &program])
        .env_remove("TIMELINE_EXPLORER_COMPLETE")
        .env(
            "TIMELINE_EXPLORER_CONFIG",
            "/nonexistent/timeline-explorer/config.ron",
        )
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    Some(text(&o.stdout).lines().map(str::to_string).collect())
}

#[test]
fn bash_completes_ids_through_the_printed_script() {
    let Some(got) = bash_completes(&["timeline-explorer", "show", "nov"]) else {
        return;
    };
    assert_eq!(got, ["november-deadline"]);
    let dir = timeline(&[("first-sale", "A sale")]);
    let path = dir.path().to_str().unwrap();
    let got = bash_completes(&["timeline-explorer", "--data", path, "show", "f"]).unwrap();
    assert_eq!(got, ["first-sale"]);
}

#[test]
fn completions_and_man_refuse_options_they_would_ignore() {
    for args in [
        ["--data", "x", "completions", "bash"].as_slice(),
        &["completions", "bash", "--as-of", "2020-10-04"],
        &["--config", "c.ron", "man"],
        &["--select", "oracle-deal", "man"],
    ] {
        let o = command().args(args).output().unwrap();
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(
            text(&o.stderr).starts_with("error: "),
            "{args:?}: {}",
            text(&o.stderr)
        );
        assert_eq!(text(&o.stdout), "", "{args:?}");
    }
}
