//! `list --format timelinejs` in a real browser: the README's web page, with
//! the exported JSON beside it and TimelineJS3 from npm, opened in headless
//! Chromium. The page is wholly local (no CDN). The title slide and the
//! 12 November 2020 event must render, with no error on the console.
//!
//! Needs `npm` (to fetch TimelineJS3 once) and Chromium; without them, or
//! when npm cannot reach its registry, the test says why and passes.
//! `.ci/run` installs Chromium when it can.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The TimelineJS3 release the README's page is tested with.
const TIMELINEJS: &str = "3.9.11";

/// Collects what the page reports as an error (uncaught errors, failed
/// loads, `console.error`) and writes it into the DOM once the timeline has
/// had time to render, for `--dump-dom` to show.
const CAPTURE: &str = r#"<script>
window.__errors = [];
window.addEventListener('error', function (e) {
  __errors.push(e.message || ('failed to load ' + ((e.target && (e.target.src || e.target.href)) || '?')));
}, true);
window.addEventListener('unhandledrejection', function (e) { __errors.push('unhandled rejection: ' + e.reason); });
var consoleError = console.error;
console.error = function () { __errors.push(Array.prototype.join.call(arguments, ' ')); consoleError.apply(console, arguments); };
setTimeout(function () {
  var out = document.createElement('pre');
  out.id = 'test-errors';
  out.textContent = JSON.stringify(__errors);
  document.body.appendChild(out);
}, 5000);
</script>
"#;

/// Says why on stderr, past the test harness's capture (it takes only
/// `eprintln!`), so a CI log shows the test did not run.
fn skip(why: &str) {
    use std::io::Write;
    let _ = writeln!(
        std::io::stderr(),
        "skipped: the TimelineJS browser test: {why}"
    );
}

fn on_path(names: &[&str]) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    names.iter().find_map(|name| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    })
}

/// Runs `cmd` to its end or until `limit`, when it is killed (`None`).
fn run_within(cmd: &mut Command, limit: Duration) -> Option<Output> {
    let mut child = cmd
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .ok()?;
    // Read both pipes on threads, so a chatty child never blocks on a full one.
    let mut out = child.stdout.take()?;
    let mut err = child.stderr.take()?;
    let out = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut out, &mut v).map(|_| v)
    });
    let err = std::thread::spawn(move || {
        let mut v = Vec::new();
        std::io::Read::read_to_end(&mut err, &mut v).map(|_| v)
    });
    let deadline = Instant::now() + limit;
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                return None;
            }
        }
    };
    Some(Output {
        status,
        stdout: out.join().ok()?.ok()?,
        stderr: err.join().ok()?.ok()?,
    })
}

/// TimelineJS3's npm package, unpacked once into the target directory.
fn timelinejs(npm: &Path) -> Result<PathBuf, String> {
    let cache = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("timelinejs-{TIMELINEJS}"));
    let package = cache.join("package");
    if package.join("dist/js/timeline.js").is_file() {
        return Ok(package);
    }
    std::fs::create_dir_all(&cache).map_err(|e| e.to_string())?;
    let spec = format!("@knight-lab/timelinejs@{TIMELINEJS}");
    let packed = run_within(
        Command::new(npm)
            .args(["pack", &spec, "--pack-destination"])
            .arg(&cache)
            .current_dir(&cache),
        Duration::from_secs(180),
    )
    .ok_or("npm pack did not finish within 3 minutes")?;
    if !packed.status.success() {
        return Err(format!(
            "npm pack {spec} failed: {}",
            String::from_utf8_lossy(&packed.stderr).trim()
        ));
    }
    let tgz = cache.join(format!("knight-lab-timelinejs-{TIMELINEJS}.tgz"));
    let unpacked = run_within(
        Command::new("tar").arg("xzf").arg(&tgz).current_dir(&cache),
        Duration::from_secs(60),
    )
    .ok_or("tar did not finish")?;
    let _ = std::fs::remove_file(&tgz);
    if !unpacked.status.success() || !package.join("dist/js/timeline.js").is_file() {
        return Err(format!("could not unpack {}", tgz.display()));
    }
    Ok(package)
}

/// The web page the README gives: its first ```html block.
fn readme_page() -> String {
    let readme = include_str!("../README.md");
    let start = readme
        .find("```html\n")
        .expect("the README gives a web page")
        + 8;
    let len = readme[start..].find("```").expect("the block ends");
    readme[start..start + len].to_string()
}

#[test]
fn the_timelinejs_export_renders_in_headless_chromium() {
    let Some(chromium) = on_path(&["chromium", "chromium-browser", "google-chrome"]) else {
        return skip("no Chromium on PATH (Debian: apt-get install chromium)");
    };
    let Some(npm) = on_path(&["npm"]) else {
        return skip("no npm on PATH, to fetch TimelineJS3");
    };
    let package = match timelinejs(&npm) {
        Ok(p) => p,
        Err(why) => return skip(&why),
    };

    // The README's steps: the export, the package and the page side by side.
    let site = tempfile::tempdir().unwrap();
    let export = Command::new(env!("CARGO_BIN_EXE_timeline-explorer"))
        .args(["list", "--format", "timelinejs"])
        .env("TIMELINE_EXPLORER_CONFIG", "/nonexistent/config.ron")
        .output()
        .unwrap();
    assert!(export.status.success());
    std::fs::write(site.path().join("timeline.json"), &export.stdout).unwrap();
    std::os::unix::fs::symlink(&package, site.path().join("package")).unwrap();
    let page = readme_page();
    assert!(page.contains("<head>\n"), "{page}");
    let page = page.replacen("<head>\n", &format!("<head>\n{CAPTURE}"), 1);
    std::fs::write(site.path().join("index.html"), page).unwrap();

    let profile = tempfile::tempdir().unwrap();
    let url = format!("file://{}/index.html", site.path().display());
    // No sandbox (CI runs as root); no background networking, which this
    // machine's closed network would refuse; file:// pages may read their
    // own folder's timeline.json as a web server would serve it.
    let dump = run_within(
        Command::new(&chromium)
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--allow-file-access-from-files",
                "--virtual-time-budget=10000",
                "--window-size=1200,800",
                "--dump-dom",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg(&url),
        Duration::from_secs(120),
    )
    .expect("chromium finishes within 2 minutes");
    let dom = String::from_utf8_lossy(&dump.stdout);
    assert!(
        dump.status.success() && !dom.is_empty(),
        "chromium failed: {}",
        String::from_utf8_lossy(&dump.stderr)
    );

    let errors = dom
        .split_once(r#"<pre id="test-errors">"#)
        .and_then(|(_, rest)| rest.split_once("</pre>"))
        .map(|(errors, _)| errors.to_string());
    assert_eq!(
        errors.as_deref(),
        Some("[]"),
        "errors on the page's console (or the page never finished)"
    );
    assert!(
        dom.contains(
            r#"<h2 class="tl-headline tl-headline-title">TikTok, ByteDance and US user data, 2020-2022</h2>"#
        ),
        "the title slide"
    );
    assert!(
        dom.contains(
            r#"<h2 class="tl-headline">12 November: deadline to sell; the 14 August order expected to come into force</h2>"#
        ),
        "the 12 November 2020 event's headline"
    );
    // Dates are as honest as in the terminal; quotes and sources are there.
    assert!(
        dom.contains(
            r#"<h3 class="tl-headline-date">between 1 and 14 August 2020 (inferred)</h3>"#
        )
    );
    assert!(dom.contains(
        "“The order is expected to come into force on 12 November which will essentially \
         suspend the service of the app.”<cite>TikTok Chief Security Officer"
    ));
}
