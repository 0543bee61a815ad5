//! A timeline still loading in the background: how far it has come, and what
//! its check has found so far. The app lists what has loaded meanwhile.

use crate::tui::state::app::App;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loading {
    /// Events loaded (and checked) so far.
    pub loaded: usize,
    /// Events in the file, as its scan counted them, once it is read.
    pub total: Option<usize>,
    /// Every problem found so far.
    pub problems: Vec<crate::timeline::Problem>,
    /// Of those, how many are errors.
    pub errors: usize,
    /// `--select`'s event id, until that event has loaded.
    pub select: Option<String>,
}

impl App {
    /// The app for a timeline still to be read (`Action::Loading` brings it):
    /// `select` is selected once it has loaded.
    pub fn loading(mut self, select: Option<String>) -> App {
        self.loaded_in_parts = true;
        self.loading = Some(Loading {
            select,
            ..Loading::default()
        });
        self
    }
}

/// "loading 42,000 of ~100,000 events", for the header while loading.
pub fn progress(loading: &Loading) -> String {
    match loading.total {
        None => "reading the file".to_string(),
        Some(total) => format!(
            "loading {} of ~{} events",
            thousands(loading.loaded),
            thousands(total)
        ),
    }
}

/// 100000 as "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped_by_commas() {
        assert_eq!(thousands(0), "0");
        assert_eq!(thousands(999), "999");
        assert_eq!(thousands(1000), "1,000");
        assert_eq!(thousands(42_000), "42,000");
        assert_eq!(thousands(1_000_000), "1,000,000");
    }
}
