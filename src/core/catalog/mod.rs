//! The games catalog: reading and filtering games and packs, the CSV row format of
//! `catalog import` and `catalog export`, and the writes. (The built-in catalog is data of
//! the migrations, `store/steps/`.) One file per job:
//!
//! - [`fields`] — [`GameFields`] and the rules every game obeys;
//! - [`csv`] — the CSV format, export and import;
//! - [`read`] — games by id, name, app tag, and the filtered list;
//! - [`filter`] — [`GameFilter`];
//! - [`packs`] — packs and their flags;
//! - [`patch`] — [`GamePatch`];
//! - [`writes`] — add, update, delete, enable, favor.

pub mod csv;
pub mod fields;
pub mod filter;
pub mod packs;
pub mod patch;
pub mod read;
pub mod writes;

pub use self::csv::*;
pub use fields::*;
pub use filter::*;
pub use packs::*;
pub use patch::*;
pub use read::*;
pub use writes::*;

#[cfg(test)]
mod tests;
