//! fzf's extended search syntax, which its users already know:
//! `a b` both, `a | b` either, `'exact`, `^prefix`, `suffix$`, `^whole$`, `!not`.

/// How a term compares with a field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// Characters in order, close together (the default).
    Fuzzy,
    /// A substring (`'term`; also every negated term, as in fzf).
    Exact,
    /// The field starts with it (`^term`).
    Prefix,
    /// The field ends with it (`term$`).
    Suffix,
    /// The field is exactly it (`^term$`).
    Whole,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub text: String,
    pub mode: Mode,
    /// `!term`: the event must not match.
    pub negated: bool,
    /// Smart case: a term with a capital letter matches case exactly.
    pub case_sensitive: bool,
}

/// All groups must match; within a group, any term.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Query {
    pub groups: Vec<Vec<Term>>,
}

impl Query {
    pub fn parse(input: &str) -> Query {
        let mut groups: Vec<Vec<Term>> = Vec::new();
        let mut join_next = false;
        for word in split_words(input) {
            if word == "|" {
                join_next = !groups.is_empty();
                continue;
            }
            let Some(term) = Term::parse(&word) else {
                continue;
            };
            match groups.last_mut() {
                Some(group) if join_next => group.push(term),
                _ => groups.push(vec![term]),
            }
            join_next = false;
        }
        Query { groups }
    }

    pub fn is_empty(&self) -> bool {
        self.groups.is_empty()
    }
}

impl Term {
    fn parse(word: &str) -> Option<Term> {
        let (negated, rest) = match word.strip_prefix('!') {
            Some(r) => (true, r),
            None => (false, word),
        };
        let (mut mode, rest) = if let Some(r) = rest.strip_prefix('\'') {
            (Mode::Exact, r)
        } else if let Some(r) = rest.strip_prefix('^') {
            (Mode::Prefix, r)
        } else {
            (if negated { Mode::Exact } else { Mode::Fuzzy }, rest)
        };
        let rest = match rest.strip_suffix('$') {
            // A lone `$` is a character to look for, not an anchor.
            Some(r) if !r.is_empty() && mode != Mode::Exact => {
                mode = if mode == Mode::Prefix {
                    Mode::Whole
                } else {
                    Mode::Suffix
                };
                r
            }
            _ => rest,
        };
        if rest.is_empty() {
            return None;
        }
        Some(Term {
            case_sensitive: rest.chars().any(char::is_uppercase),
            text: rest.to_string(),
            mode,
            negated,
        })
    }
}

/// Words split on spaces; `\ ` is a literal space, as in fzf.
fn split_words(input: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut chars = input.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\\' && chars.peek() == Some(&' ') {
            word.push(' ');
            chars.next();
        } else if c.is_whitespace() {
            if !word.is_empty() {
                words.push(std::mem::take(&mut word));
            }
        } else {
            word.push(c);
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn term(text: &str, mode: Mode, negated: bool) -> Term {
        Term {
            text: text.into(),
            mode,
            negated,
            case_sensitive: text.chars().any(char::is_uppercase),
        }
    }

    #[test]
    fn parses_every_operator() {
        let q = Query::parse("oracle 'deal ^2020 court$ ^Order$ !wechat !^x y$ a | b\\ c");
        assert_eq!(
            q.groups,
            vec![
                vec![term("oracle", Mode::Fuzzy, false)],
                vec![term("deal", Mode::Exact, false)],
                vec![term("2020", Mode::Prefix, false)],
                vec![term("court", Mode::Suffix, false)],
                vec![term("Order", Mode::Whole, false)],
                vec![term("wechat", Mode::Exact, true)],
                vec![term("x", Mode::Prefix, true)],
                vec![term("y", Mode::Suffix, false)],
                vec![
                    term("a", Mode::Fuzzy, false),
                    term("b c", Mode::Fuzzy, false)
                ],
            ]
        );
        assert!(q.groups[4][0].case_sensitive);
    }

    #[test]
    fn stray_operators_do_not_crash_or_match_everything() {
        assert!(Query::parse("").is_empty());
        assert!(Query::parse("   ").is_empty());
        assert!(Query::parse("| ! ' ^").is_empty());
        assert_eq!(
            Query::parse("$").groups,
            vec![vec![term("$", Mode::Fuzzy, false)]]
        );
        assert_eq!(Query::parse("a |").groups.len(), 1);
    }
}
