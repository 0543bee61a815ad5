//! The timeline: its model, loading from RON, and validation.

pub mod check;
pub mod claims;
pub mod load;
pub mod model;
pub mod problem;
pub mod quote;
pub mod read;
pub mod report;
pub mod split;
pub mod stream;

pub use check::Tally;
pub use load::{
    Checked, LoadError, Origin, check_builtin, check_path, files, load_builtin, load_path,
    source_path, unchecked_builtin,
};
pub use model::{Citation, Date, Dispute, Event, Kind, Label, Point, Precision, Source, Timeline};
pub use problem::{Problem, Severity};
