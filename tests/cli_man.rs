//! The manual page `timeline-explorer man` prints: everything a user can run
//! or press is in it, and `man` renders it without a warning.

use std::io::Write;
use std::process::{Command, Stdio};

use timeline_explorer::tui::keys::{BINDINGS, label};

mod common;

use common::cli::command;

fn output(args: &[&str]) -> String {
    let o = command(args).output().unwrap();
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The page's roff source, with roff's escaped hyphen and apostrophe read as
/// themselves.
fn page() -> String {
    output(&["man"]).replace("\\-", "-").replace("\\*(Aq", "'")
}

/// The subcommands `--help` lists, as a user finds them.
fn subcommands() -> Vec<String> {
    let help = output(&["--help"]);
    let list = help
        .split("Commands:\n")
        .nth(1)
        .expect("a Commands section");
    list.lines()
        .take_while(|l| l.starts_with("  "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|name| *name != "help")
        .map(str::to_string)
        .collect()
}

#[test]
fn man_names_every_subcommand_with_its_options() {
    let page = page();
    assert!(
        page.starts_with(".ie") && page.contains(".TH TIMELINE-EXPLORER 1"),
        "{page}"
    );
    let names = subcommands();
    assert!(names.len() >= 9, "{names:?}");
    for name in &names {
        assert!(page.contains(&format!(".SS {name}\n")), "{name} missing");
    }
    for option in [
        "--filter",
        "--rank",
        "--marked",
        "--within",
        "--strict",
        "--print-default",
    ] {
        assert!(
            page.contains(&format!("\\fB{option}\\fR")),
            "{option} missing"
        );
    }
    // Options every command shares are under OPTIONS once, not per command.
    assert_eq!(page.matches("\\fB--data\\fR \\fI<PATH>").count(), 1);
}

#[test]
fn man_lists_every_binding_of_the_key_table_with_its_keys() {
    let page = page();
    let keys = page.split(".SH KEYS").nth(1).expect("a KEYS section");
    for b in BINDINGS {
        assert!(
            keys.contains(&format!(".SS {}\n", b.context.title()))
                || keys.contains(&format!(".SS \"{}\"\n", b.context.title())),
            "{:?} has no heading",
            b.context
        );
        let spelled: Vec<String> = b
            .keys
            .iter()
            .map(|k| {
                label(*k)
                    .replace('↑', "Up")
                    .replace('↓', "Down")
                    .replace('←', "Left")
                    .replace('→', "Right")
            })
            .collect();
        let entry = format!(
            ".TP\n\\fB{}\\fR  \\fI{}\\fR\n{}\n",
            spelled.join(", "),
            b.name,
            b.help
        );
        assert!(keys.contains(&entry), "missing:\n{entry}");
    }
}

#[test]
fn man_has_files_environment_and_exit_status() {
    let page = page();
    let section = |name: &str| -> String {
        let head = match name.contains(' ') {
            true => format!(".SH \"{name}\"\n"),
            false => format!(".SH {name}\n"),
        };
        let rest = page.split(&head).nth(1).unwrap_or("");
        rest.split("\n.SH ").next().unwrap().to_string()
    };
    let files = section("FILES");
    for f in ["config.ron", "marks.ron", "timeline.ron"] {
        assert!(files.contains(f), "{f}: {files}");
    }
    let env = section("ENVIRONMENT");
    for var in [
        "NO_COLOR",
        "TIMELINE_EXPLORER_CONFIG",
        "TIMELINE_EXPLORER_DATA_DIR",
        "RUST_BACKTRACE",
        "LC_ALL, LC_CTYPE, LANG",
        "TERM",
        "TMUX",
        "SSH_CONNECTION",
    ] {
        assert!(env.contains(&format!(".TP\n\\fB{var}\\fR")), "{var}: {env}");
    }
    let codes = section("EXIT STATUS");
    for code in ["0", "1", "2", "101", "128 + n"] {
        assert!(
            codes.contains(&format!(".TP\n\\fB{code}\\fR")),
            "{code}: {codes}"
        );
    }
}

#[test]
fn man_renders_without_warnings() {
    let man_works = Command::new("man")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !man_works {
        println!("skipped: no `man` on this system (apt-get install man-db groff-base)");
        return;
    }
    let roff = command(&["man"]).output().unwrap().stdout;
    let mut man = Command::new("man")
        .args(["--warnings", "-l", "-"])
        .env("MANWIDTH", "80")
        .env("MANPAGER", "cat")
        .env("LANG", "C.UTF-8")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    man.stdin.take().unwrap().write_all(&roff).unwrap();
    let o = man.wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(o.status.success() && err.is_empty(), "man warns:\n{err}");
    let shown = String::from_utf8_lossy(&o.stdout);
    for heading in [
        "NAME",
        "SYNOPSIS",
        "COMMANDS",
        "KEYS",
        "FILES",
        "ENVIRONMENT",
        "EXIT STATUS",
    ] {
        assert!(shown.contains(heading), "{heading} not rendered:\n{shown}");
    }
}
