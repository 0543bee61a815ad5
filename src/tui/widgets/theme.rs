//! Styles from the 16 named ANSI colours only (true colour breaks on many SSH
//! terminals), or none at all under NO_COLOR or the `mono` theme: then bold,
//! reverse and underline carry the meaning. Yellow text is avoided everywhere
//! (unreadable on light backgrounds) and appears only as a background; the dark
//! theme uses cyan where the light one uses blue, which is dim on black.

use ratatui::style::{Color, Modifier, Style};

use crate::config::ThemeName;
use crate::timeline::Kind;

#[derive(Debug, Clone)]
pub struct Theme {
    pub color: bool,
    /// The colour of the kinds that are words (statements, letters, reports).
    words: Color,
    pub header: Style,
    pub footer: Style,
    pub key: Style,
    pub dim: Style,
    pub date: Style,
    pub title: Style,
    pub selected: Style,
    /// Matched characters of a filter.
    pub matched: Style,
    /// The passage the reader is focused on.
    pub passage: Style,
    /// Other passages of the article that some event cites.
    pub other_passage: Style,
    pub heading: Style,
    pub quote: Style,
    pub warning: Style,
}

impl Theme {
    pub fn named(name: ThemeName) -> Theme {
        match name {
            ThemeName::Dark => Theme::color(),
            ThemeName::Light => Theme::light(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    /// For dark backgrounds, the default.
    pub fn color() -> Theme {
        Theme {
            color: true,
            words: Color::Cyan,
            header: Style::new().fg(Color::Black).bg(Color::Cyan),
            footer: Style::new(),
            key: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            dim: Style::new().fg(Color::DarkGray),
            date: Style::new(),
            title: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            matched: Style::new()
                .fg(Color::Magenta)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            passage: Style::new().fg(Color::Black).bg(Color::Yellow),
            other_passage: Style::new()
                .fg(Color::Cyan)
                .add_modifier(Modifier::UNDERLINED),
            heading: Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD),
            quote: Style::new().fg(Color::Green),
            warning: Style::new().fg(Color::Red).add_modifier(Modifier::BOLD),
        }
    }

    /// For light backgrounds: blue for cyan, which washes out on white.
    pub fn light() -> Theme {
        let dark = Theme::color();
        let accent = Color::Blue;
        Theme {
            key: dark.key.fg(accent),
            heading: dark.heading.fg(accent),
            other_passage: dark.other_passage.fg(accent),
            words: accent,
            ..dark
        }
    }

    pub fn mono() -> Theme {
        let plain = Style::new();
        Theme {
            color: false,
            words: Color::Reset,
            header: plain.add_modifier(Modifier::REVERSED),
            footer: plain,
            key: plain.add_modifier(Modifier::BOLD),
            dim: plain,
            date: plain,
            title: plain.add_modifier(Modifier::BOLD),
            selected: plain.add_modifier(Modifier::REVERSED),
            matched: plain.add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            passage: plain.add_modifier(Modifier::REVERSED),
            other_passage: plain.add_modifier(Modifier::UNDERLINED),
            heading: plain.add_modifier(Modifier::BOLD),
            quote: plain,
            warning: plain.add_modifier(Modifier::BOLD),
        }
    }

    /// Kinds in families, so the eye groups a list: government acts, courts, dealings, words.
    pub fn kind(&self, kind: Kind) -> Style {
        if !self.color {
            return Style::new();
        }
        let color = match kind {
            Kind::Order | Kind::Regulator | Kind::Deadline => Color::Red,
            Kind::Lawsuit | Kind::Court | Kind::Hearing | Kind::Filing => Color::Magenta,
            Kind::Deal | Kind::Plan => Color::Green,
            Kind::Statement | Kind::Interview | Kind::Letter | Kind::Report => self.words,
            Kind::Personnel => Color::DarkGray,
        };
        Style::new().fg(color)
    }
}
