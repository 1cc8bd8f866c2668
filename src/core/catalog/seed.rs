//! The built-in catalog seed (a migration step).

use super::csv::parse_csv;
use super::writes::insert;
use crate::Result;
use rusqlite::Transaction;

/// The built-in catalog, kept as data in the catalog CSV format.
const BUILTIN_CSV: &str = include_str!("../catalog.csv");

/// Migration step: the built-in catalog.
pub fn seed_builtin(tx: &Transaction) -> Result<()> {
    let now = crate::time::now();
    for fields in parse_csv(BUILTIN_CSV)? {
        insert(tx, &fields, &now)?;
    }
    Ok(())
}
