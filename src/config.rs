//! The user's settings: `config.ron` in the platform's config directory, or
//! the file `--config` or `TIMELINE_EXPLORER_CONFIG` names. A file with a
//! mistake is reported with its place and what was expected, and the app then
//! runs on defaults: a typo never keeps anyone from their timeline.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;
use serde::de::{self, Deserializer, MapAccess, Visitor};

use crate::timeline::Problem;
use crate::timeline::check::suggestions;
use crate::timeline::read::{CONFIG_MAX, read_file};
use crate::tui::keys::{self, Key, label, parse_key, spell};

/// Names the config file to use instead of the platform's.
pub const CONFIG_VAR: &str = "TIMELINE_EXPLORER_CONFIG";

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// For dark backgrounds.
    #[default]
    Dark,
    /// For light backgrounds.
    Light,
    /// No colour at all: bold, underline and reverse only.
    Mono,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// The timeline opened when `--data` is not given.
    pub data: Option<PathBuf>,
    pub theme: ThemeName,
    pub mouse: bool,
    pub osc52: bool,
    pub keys: Overrides,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            data: None,
            theme: ThemeName::Dark,
            mouse: true,
            osc52: true,
            keys: Overrides::default(),
        }
    }
}

/// Key overrides: a binding's name and the keys it has instead of its defaults.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Overrides(pub Vec<(String, Vec<Key>)>);

/// The config in use, where it came from, and what went wrong reading it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    /// The file looked for (none when there is no config directory).
    pub path: Option<PathBuf>,
    /// The file exists and was read without problems.
    pub found: bool,
    /// `path:line:column: error: ...` with a hint; defaults are in use.
    pub problem: Option<String>,
}

/// `--config`, else `$TIMELINE_EXPLORER_CONFIG`, else the platform's
/// config directory (`~/.config/timeline-explorer/config.ron` on Linux).
pub fn path(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    if let Some(p) = std::env::var_os(CONFIG_VAR).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    let dirs = directories::ProjectDirs::from("", "", "timeline-explorer")?;
    Some(dirs.config_dir().join("config.ron"))
}

/// Read the config at `path`; a missing file means defaults and no problem.
pub fn load(path: Option<PathBuf>) -> Loaded {
    let Some(file) = path.clone() else {
        return Loaded::default();
    };
    let label = file.display().to_string();
    // Bounded and regular files only, as for a timeline: a config named by
    // $TIMELINE_EXPLORER_CONFIG may be anything, /dev/zero included.
    let cannot = |why: String| {
        let p = Problem::error(&label, None, format!("cannot read the config: {why}"))
            .hint("check the file's permissions, or move it aside to use defaults");
        failed(path.clone(), p)
    };
    let text = match read_file(&file, CONFIG_MAX, "a config file").map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Err(e) if e.is_not_found() => {
            return Loaded {
                path,
                ..Loaded::default()
            };
        }
        Err(e) => return cannot(e.to_string()),
        Ok(Err(e)) => {
            let at = e.utf8_error().valid_up_to();
            return cannot(format!("not UTF-8 text (bad byte at offset {at})"));
        }
    };
    match parse(&text, &label) {
        Ok(mut config) => {
            config.data = config.data.map(|d| resolve(&file, &d));
            Loaded {
                config,
                path,
                found: true,
                problem: None,
            }
        }
        Err(p) => failed(path, p),
    }
}

fn failed(path: Option<PathBuf>, problem: Problem) -> Loaded {
    Loaded {
        path,
        problem: Some(problem.to_string()),
        ..Loaded::default()
    }
}

/// Parse config text; a problem names `label:line:column` and what was expected.
pub fn parse(text: &str, label: &str) -> Result<Config, Problem> {
    let options =
        ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
    options.from_str::<Config>(text).map_err(|e| {
        let at = (e.span.start.line, e.span.start.col);
        Problem::error(label, Some(at), e.code.to_string())
            .hint("`timeline-explorer config --print-default` shows every setting with its default")
    })
}

/// `data` as written in the config: `~/` is the home directory, and a relative
/// path is relative to the config file.
fn resolve(config: &Path, data: &Path) -> PathBuf {
    if let Ok(rest) = data.strip_prefix("~")
        && let Some(home) = directories::BaseDirs::new()
    {
        return home.home_dir().join(rest);
    }
    config.parent().unwrap_or(Path::new("")).join(data)
}

impl<'de> Deserialize<'de> for Overrides {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Overrides, D::Error> {
        d.deserialize_map(OverridesVisitor)
    }
}

struct OverridesVisitor;

impl<'de> Visitor<'de> for OverridesVisitor {
    type Value = Overrides;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str(r#"a map of binding names to lists of keys, like { "mark": ["x"] }"#)
    }

    /// Each entry is checked as it is read, so an error points at it.
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Overrides, A::Error> {
        let mut out: Vec<(String, Vec<Key>)> = Vec::new();
        while let Some(name) = map.next_key::<String>()? {
            let Some(typing) = keys::binding_named(&name) else {
                let names: Vec<String> = keys::names().iter().map(|n| n.to_string()).collect();
                let near = suggestions(&name, &names, 3);
                let hint = if near.is_empty() {
                    String::new()
                } else {
                    format!(" (did you mean {}?)", near.join(", "))
                };
                return Err(de::Error::custom(format!(
                    "no key binding is called \"{name}\"{hint}"
                )));
            };
            if out.iter().any(|(n, _)| *n == name) {
                return Err(de::Error::custom(format!("\"{name}\" is given keys twice")));
            }
            let texts: Vec<String> = map.next_value()?;
            if texts.is_empty() {
                return Err(de::Error::custom(format!(
                    "\"{name}\" needs at least one key"
                )));
            }
            let mut keys = Vec::new();
            for text in &texts {
                let key = parse_key(text).map_err(de::Error::custom)?;
                let plain =
                    matches!(key, (ratatui::crossterm::event::KeyCode::Char(_), m) if m.is_empty());
                if typing && plain {
                    return Err(de::Error::custom(format!(
                        "\"{text}\" would type itself while \"{name}\" is in reach; \
                         use a ctrl- or alt- key or a named one"
                    )));
                }
                keys.push(key);
            }
            for (other, theirs) in &out {
                if let Some(k) = keys.iter().find(|k| theirs.contains(k))
                    && keys::share_a_context(&name, other)
                {
                    return Err(de::Error::custom(format!(
                        "{} is given to both \"{other}\" and \"{name}\"",
                        label(*k)
                    )));
                }
            }
            out.push((name, keys));
        }
        Ok(Overrides(out))
    }
}

/// A commented config with every default, to start from.
pub fn default_text(path: Option<&Path>) -> String {
    let place = path.map_or("config.ron in your config directory".to_string(), |p| {
        p.display().to_string()
    });
    let mut bindings = String::new();
    let names = keys::names();
    let width = names.iter().map(|n| n.len()).max().unwrap_or(0) + 4;
    for name in names {
        // The row that applies everywhere says it best ("this help", not "close help").
        let rows = || keys::BINDINGS.iter().filter(|b| b.name == name);
        let row = rows()
            .find(|b| b.context == keys::Context::Everywhere)
            .or_else(|| rows().next())
            .expect("a name comes from the table");
        let keys: Vec<String> = row
            .keys
            .iter()
            .map(|k| format!("\"{}\"", spell(*k)))
            .collect();
        let entry = format!("\"{name}\":");
        bindings.push_str(&format!(
            "        // {entry:<width$}[{}],  // {}\n",
            keys.join(", "),
            row.help
        ));
    }
    format!(
        r#"// timeline-explorer settings. Save as {place}
// (`timeline-explorer config` says where it is looked for, and checks it).
// Leave a setting out and it keeps the default shown here.
(
    // The timeline to open when --data is not given: a .ron file, or a folder
    // holding timeline.ron. Relative to this file; ~/ is your home folder.
    // data: "~/timelines/timeline.ron",
    data: None,

    // Colours: dark (for dark backgrounds), light (for light backgrounds), or
    // mono (no colour: bold, underline and reverse; NO_COLOR does this too).
    theme: dark,

    // The mouse wheel scrolls and a click selects. false leaves the mouse to
    // the terminal, so that its own text selection works (as --no-mouse does).
    mouse: true,

    // y copies a citation through OSC 52, which reaches your own clipboard,
    // over SSH too (and, run on your own machine, through wl-copy, xclip,
    // xsel or pbcopy). false turns copying off: neither is done.
    osc52: true,

    // Keys: a binding's name and the keys it should have instead of its
    // defaults, e.g. "mark": ["x"]. A key is one character ("x", "G", "?"), or
    // a name: enter, esc, tab, backtab, backspace, space, up, down, left,
    // right, pgup, pgdn, home, end, delete, f1-f24; either after ctrl- or
    // alt- if need be. A key you give is taken from any default binding that
    // would otherwise come first. Ctrl-c always quits.
    // Every binding, with its default keys:
    keys: {{
{bindings}    }},
)
"#
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::crossterm::event::{KeyCode, KeyModifiers};

    fn problem(text: &str) -> String {
        parse(text, "config.ron").unwrap_err().to_string()
    }

    #[test]
    fn the_default_file_reads_back_as_the_defaults() {
        let text = default_text(None);
        assert_eq!(parse(&text, "default").unwrap(), Config::default());
        // Every binding is in it, commented out.
        for name in keys::names() {
            assert!(text.contains(&format!("// \"{name}\":")), "{name}");
        }
    }

    #[test]
    fn settings_and_overrides_are_read() {
        let c = parse(
            r#"(theme: light, mouse: false, osc52: false, data: "t.ron",
                keys: { "mark": ["x", "ctrl-m"], "filter-open": ["ctrl-o"] })"#,
            "c",
        )
        .unwrap();
        assert_eq!(c.theme, ThemeName::Light);
        assert!(!c.mouse && !c.osc52);
        assert_eq!(c.data, Some(PathBuf::from("t.ron")));
        assert_eq!(
            c.keys.0,
            vec![
                (
                    "mark".to_string(),
                    vec![
                        (KeyCode::Char('x'), KeyModifiers::NONE),
                        (KeyCode::Char('m'), KeyModifiers::CONTROL)
                    ]
                ),
                (
                    "filter-open".to_string(),
                    vec![(KeyCode::Char('o'), KeyModifiers::CONTROL)]
                ),
            ]
        );
        assert_eq!(parse("()", "c").unwrap(), Config::default(), "all optional");
    }

    #[test]
    fn mistakes_say_where_and_what_was_expected() {
        let p = problem("(\n  mouse: yes,\n)");
        assert!(p.starts_with("config.ron:2:"), "{p}");
        assert!(p.contains("Expected boolean"), "{p}");
        assert!(
            p.contains("hint: `timeline-explorer config --print-default`"),
            "{p}"
        );

        let p = problem("(theme: blue)");
        assert!(p.starts_with("config.ron:1:"), "{p}");
        assert!(p.contains("`dark`, `light`") && p.contains("`mono`"), "{p}");

        let p = problem("(colour: dark)");
        assert!(p.contains("colour") && p.contains("expected one of"), "{p}");

        let p = problem("(mouse: true");
        assert!(p.starts_with("config.ron:1:"), "{p}");
    }

    #[test]
    fn key_overrides_are_checked_as_they_are_read() {
        let p = problem("(keys: {\n  \"mark\": [\"x\"],\n  \"makr\": [\"y\"],\n})");
        assert!(p.starts_with("config.ron:3:"), "{p}");
        assert!(
            p.contains("no key binding is called \"makr\"") && p.contains("did you mean mark"),
            "{p}"
        );

        let p = problem(r#"(keys: { "mark": ["ctrl-"] })"#);
        assert!(p.contains("\"ctrl-\" is not a key"), "{p}");

        let p = problem(r#"(keys: { "filter-open": ["o"] })"#);
        assert!(p.contains("would type itself"), "{p}");

        let p = problem(r#"(keys: { "mark": ["x"], "copy": ["x"] })"#);
        assert!(
            p.contains("x is given to both \"mark\" and \"copy\""),
            "{p}"
        );

        // Different screens may share a key.
        assert!(
            parse(
                r#"(keys: { "next-slide": ["x"], "next-passage": ["x"] })"#,
                "c"
            )
            .is_ok()
        );
        let p = problem(r#"(keys: { "mark": [] })"#);
        assert!(p.contains("at least one key"), "{p}");
    }

    #[test]
    fn keys_are_spelled_as_they_are_read() {
        for k in keys::BINDINGS.iter().flat_map(|b| b.keys) {
            assert_eq!(parse_key(&spell(*k)), Ok(*k), "{}", spell(*k));
        }
        assert_eq!(
            parse_key("Ctrl-F"),
            Ok((KeyCode::Char('f'), KeyModifiers::CONTROL))
        );
        assert_eq!(parse_key("F5"), Ok((KeyCode::F(5), KeyModifiers::NONE)));
        assert!(
            parse_key("").is_err() && parse_key("f99").is_err() && parse_key("hyper-x").is_err()
        );
    }

    #[test]
    fn a_missing_file_is_defaults_without_a_problem() {
        let dir = tempfile::tempdir().unwrap();
        let loaded = load(Some(dir.path().join("config.ron")));
        assert!(!loaded.found && loaded.problem.is_none());
        assert_eq!(loaded.config, Config::default());
    }

    #[test]
    fn a_bad_file_is_reported_and_defaults_are_used() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, "(theme: light,\n mouse: 3)").unwrap();
        let loaded = load(Some(path.clone()));
        let p = loaded.problem.unwrap();
        assert!(p.starts_with(&format!("{}:2:", path.display())), "{p}");
        assert_eq!(loaded.config, Config::default(), "nothing half-applied");
    }

    #[test]
    fn data_is_relative_to_the_config_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.ron");
        std::fs::write(&path, r#"(data: "timelines/t.ron")"#).unwrap();
        let loaded = load(Some(path));
        assert_eq!(loaded.config.data, Some(dir.path().join("timelines/t.ron")));
    }
}
