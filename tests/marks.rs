//! Bookmarks on disk as several windows at once meet them: nothing marked in
//! one is lost to a save in another, and no unreadable file is ever lost.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Command;

use timeline_explorer::marks::Store;

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| s.to_string()).collect()
}

/// Every file in the folder but the marks file and its lock.
fn others(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "marks.ron" && n != "marks.ron.lock")
        .collect();
    names.sort();
    names
}

#[test]
fn two_windows_each_keep_what_they_marked() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.ron");
    // Two windows on one timeline, each loaded before the other marked anything.
    let (a, b) = (Store::at(&path), Store::at(&path));
    assert_eq!(a.load("tl").unwrap(), set(&[]));
    assert_eq!(b.load("tl").unwrap(), set(&[]));
    a.set("tl", "x", true).unwrap();
    let now = b.set("tl", "y", true).unwrap();
    assert_eq!(now, set(&["x", "y"]), "b's save keeps a's mark and says so");
    let now = a.set("tl", "x", false).unwrap();
    assert_eq!(now, set(&["y"]), "unmarking takes away only that mark");
    assert_eq!(Store::at(&path).load("tl").unwrap(), set(&["y"]));
    assert_eq!(
        others(dir.path()),
        Vec::<String>::new(),
        "no temporary files left"
    );
}

#[test]
fn every_corrupt_file_is_kept_under_a_name_of_its_own() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.ron");
    let store = Store::at(&path);
    std::fs::write(&path, "first broken").unwrap();
    let err = store.load("tl").unwrap_err();
    assert!(err.contains("kept as"), "{err}");
    store.set("tl", "x", true).unwrap();
    std::fs::write(&path, "second broken").unwrap();
    let err = store.set("tl", "y", true).unwrap_err();
    assert!(err.contains("kept as"), "{err}");
    let kept: Vec<String> = others(dir.path())
        .iter()
        .map(|n| std::fs::read_to_string(dir.path().join(n)).unwrap())
        .collect();
    assert_eq!(kept, ["first broken", "second broken"]);
    // And the save that found the second one still saved its own mark.
    assert_eq!(store.load("tl").unwrap(), set(&["y"]));
}

#[test]
fn a_file_that_is_not_a_regular_file_is_refused_not_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.ron");
    nix::unistd::mkfifo(&path, nix::sys::stat::Mode::S_IRWXU).unwrap();
    // A FIFO with no writer would block a read forever.
    let err = Store::at(&path).load("tl").unwrap_err();
    assert!(err.contains("not a regular file"), "{err}");
}

const WORKER: &str = "TIMELINE_EXPLORER_MARKS_WORKER";
const WORKERS: usize = 4;
const EACH: usize = 40;

/// Not a test of its own: the body of each process in the test below.
#[test]
#[ignore = "run by many_processes_marking_at_once_lose_nothing"]
fn marking_worker() {
    let Ok(spec) = std::env::var(WORKER) else {
        return;
    };
    let (path, n) = spec.split_once('|').unwrap();
    let store = Store::at(path);
    for i in 0..EACH {
        store.set("tl", &format!("w{n}-{i}"), true).unwrap();
        // Every third one is taken back again, so removals race too.
        if i % 3 == 0 {
            store.set("tl", &format!("w{n}-{i}"), false).unwrap();
        }
    }
}

#[test]
fn many_processes_marking_at_once_lose_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("marks.ron");
    let exe = std::env::current_exe().unwrap();
    let children: Vec<_> = (0..WORKERS)
        .map(|n| {
            Command::new(&exe)
                .args(["--exact", "marking_worker", "--ignored", "--quiet"])
                .env(WORKER, format!("{}|{n}", path.display()))
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut child in children {
        assert!(child.wait().unwrap().success());
    }
    let expected: BTreeSet<String> = (0..WORKERS)
        .flat_map(|n| {
            (0..EACH)
                .filter(|i| i % 3 != 0)
                .map(move |i| format!("w{n}-{i}"))
        })
        .collect();
    let saved = Store::at(&path).load("tl").unwrap();
    assert_eq!(saved.len(), expected.len(), "marks lost to a race");
    assert_eq!(saved, expected);
    assert_eq!(
        others(dir.path()),
        Vec::<String>::new(),
        "no torn file set aside, no temporary file left"
    );
}
