//! Colours as the terminal understands them. crossterm writes even the 16
//! named colours in the 256-colour form (`ESC[38;5;9m`), which the Linux
//! console, vt100s and plain `xterm`/`screen` entries do not know; the theme
//! uses only the named ones, so they are rewritten to the codes every colour
//! terminal has: SGR 30-37 and 90-97 (40-47 and 100-107 behind). Other
//! colours (256-colour, RGB, underline colours) pass only where the terminal
//! says it has them; elsewhere they are left out, never sent.
//!
//! A rule on TERM and COLORTERM, not a terminfo reader: the only question is
//! whether more than 16 colours may pass, and the names that promise them
//! (`*-256color`, `*-direct`, COLORTERM=truecolor) are the convention terminfo
//! itself follows; the 16 colours this app draws with are sent the same way
//! everywhere.

use std::io::{self, Write};

/// How many colours the terminal has, as far as the app cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Colours {
    /// The 16 named colours only.
    Sixteen,
    /// 256 or more: anything may pass.
    Many,
}

impl Colours {
    /// From TERM and COLORTERM: more than 16 only where they say so.
    pub fn detect(term: Option<&str>, colorterm: Option<&str>) -> Colours {
        let term = term.unwrap_or("");
        let many = term.contains("256color")
            || term.ends_with("-direct")
            || matches!(colorterm, Some("truecolor" | "24bit"));
        if many {
            Colours::Many
        } else {
            Colours::Sixteen
        }
    }

    /// As the environment says.
    pub fn from_env() -> Colours {
        let var = |name| std::env::var(name).ok();
        Colours::detect(var("TERM").as_deref(), var("COLORTERM").as_deref())
    }
}

/// A CSI sequence longer than this is no SGR we write: passed on as it is.
const LONGEST: usize = 64;

/// Writes through to `inner`, rewriting each SGR sequence (`ESC [ ... m`) for
/// `colours`. A sequence may arrive split over several writes (crossterm
/// writes it piece by piece): it is held until its last byte.
pub struct ColourWriter<W: Write> {
    inner: W,
    colours: Colours,
    /// An escape sequence begun but not yet ended.
    held: Vec<u8>,
}

impl<W: Write> ColourWriter<W> {
    pub fn new(inner: W, colours: Colours) -> Self {
        ColourWriter {
            inner,
            colours,
            held: Vec::new(),
        }
    }

    /// The bytes to send for the held sequence, which has just ended.
    fn finish(&mut self) -> io::Result<()> {
        let held = std::mem::take(&mut self.held);
        let sgr = held.len() >= 3
            && held.starts_with(b"\x1b[")
            && held.ends_with(b"m")
            && held[2..held.len() - 1]
                .iter()
                .all(|b| b.is_ascii_digit() || *b == b';');
        if !sgr {
            return self.inner.write_all(&held);
        }
        let params = std::str::from_utf8(&held[2..held.len() - 1]).unwrap_or("");
        match rewrite(params, self.colours) {
            Some(params) => write!(self.inner, "\x1b[{params}m"),
            None => Ok(()),
        }
    }
}

impl<W: Write> Write for ColourWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // Where the bytes not yet passed on begin.
        let mut from = 0;
        for (i, &b) in buf.iter().enumerate() {
            if self.held.is_empty() {
                if b == 0x1b {
                    self.inner.write_all(&buf[from..i])?;
                    self.held.push(b);
                    from = i + 1;
                }
                continue;
            }
            self.held.push(b);
            from = i + 1;
            let ended = match self.held.len() {
                // ESC and one byte: a CSI goes on, anything else (OSC, a
                // two-byte escape) is not ours to change.
                2 => b != b'[',
                _ => (0x40..=0x7e).contains(&b) || self.held.len() > LONGEST,
            };
            if ended {
                self.finish()?;
            }
        }
        self.inner.write_all(&buf[from..])?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// An SGR's parameters for `colours`; `None` when nothing is left to send
/// (an empty `ESC[m` would reset every attribute).
fn rewrite(params: &str, colours: Colours) -> Option<String> {
    if params.is_empty() {
        return Some(String::new());
    }
    let parts: Vec<&str> = params.split(';').collect();
    let mut out: Vec<String> = Vec::new();
    let mut i = 0;
    while i < parts.len() {
        let (code, rest) = (parts[i], &parts[i + 1..]);
        // How many parameters a colour takes: 38;5;N is 3, 38;2;R;G;B is 5.
        let colour = match (code, rest.first().copied()) {
            ("38" | "48" | "58", Some("5")) => Some(3),
            ("38" | "48" | "58", Some("2")) => Some(5),
            _ => None,
        };
        match colour {
            Some(n) => {
                let taken = &parts[i..(i + n).min(parts.len())];
                match named(taken) {
                    Some(sgr) => out.push(sgr.to_string()),
                    None if colours == Colours::Many => {
                        out.extend(taken.iter().map(|s| s.to_string()))
                    }
                    None => {}
                }
                i += n;
            }
            None => {
                // Underline colour off: a 16-colour terminal never had it on.
                if !(code == "59" && colours == Colours::Sixteen) {
                    out.push(code.to_string());
                }
                i += 1;
            }
        }
    }
    (!out.is_empty()).then(|| out.join(";"))
}

/// `38;5;N` or `48;5;N` for a named colour (N below 16) as its own SGR code.
fn named(colour: &[&str]) -> Option<u8> {
    let [kind, "5", n] = colour else { return None };
    let n: u8 = n.parse().ok().filter(|n| *n < 16)?;
    let base = match *kind {
        "38" => 30,
        "48" => 40,
        _ => return None,
    };
    Some(if n < 8 { base + n } else { base + 60 + n - 8 })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn through(colours: Colours, writes: &[&[u8]]) -> Vec<u8> {
        let mut w = ColourWriter::new(Vec::new(), colours);
        for bytes in writes {
            w.write_all(bytes).unwrap();
        }
        w.inner
    }

    #[test]
    fn named_colours_take_their_sixteen_colour_codes() {
        let out = through(
            Colours::Many,
            &[b"\x1b[38;5;9;48;5;0mhi\x1b[38;5;1m\x1b[48;5;15m"],
        );
        assert_eq!(out, b"\x1b[91;40mhi\x1b[31m\x1b[107m");
    }

    #[test]
    fn a_sequence_split_over_writes_is_rewritten_whole() {
        let out = through(Colours::Sixteen, &[b"a\x1b", b"[", b"38;", b"5;6", b"mb"]);
        assert_eq!(out, b"a\x1b[36mb");
    }

    #[test]
    fn more_colours_pass_only_where_the_terminal_has_them() {
        let sgr: &[u8] = b"\x1b[1;38;5;200;48;2;1;2;3m\x1b[58;5;3m\x1b[59mx";
        assert_eq!(through(Colours::Many, &[sgr]), sgr);
        assert_eq!(through(Colours::Sixteen, &[sgr]), b"\x1b[1mx");
    }

    #[test]
    fn other_sequences_and_text_pass_untouched() {
        let bytes: &[u8] = "\x1b[?1049h\x1b[2;3H\x1b]52;c;aGk=\x07\x1b[0m\x1b[m“é”\x1b7".as_bytes();
        assert_eq!(through(Colours::Sixteen, &[bytes]), bytes);
    }

    #[test]
    fn the_terminal_says_how_many_colours() {
        use Colours::*;
        assert_eq!(Colours::detect(Some("xterm-256color"), None), Many);
        assert_eq!(Colours::detect(Some("screen-256color"), None), Many);
        assert_eq!(Colours::detect(Some("xterm-direct"), None), Many);
        assert_eq!(Colours::detect(Some("xterm"), Some("truecolor")), Many);
        for term in ["linux", "vt100", "screen", "xterm", "tmux", ""] {
            assert_eq!(Colours::detect(Some(term), None), Sixteen, "{term}");
        }
        assert_eq!(Colours::detect(None, None), Sixteen);
    }
}
