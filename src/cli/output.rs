//! Rendering for humans and scripts: JSON documents, tables, key/value blocks.

use comfy_table::{presets, ContentArrangement, Table};
use serde::Serialize;
use std::io::{IsTerminal, Write};

/// Prints one JSON document on stdout (the API's shape).
pub fn json<T: Serialize + ?Sized>(value: &T) -> crate::Result<()> {
    let text = serde_json::to_string_pretty(value)?;
    line(&text);
    Ok(())
}

/// Prints a line on stdout, ignoring a closed pipe (`jackbox … | head`).
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "{text}");
}

/// Whether colour may be used: a terminal, and `NO_COLOR` unset.
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
}

/// A table sized to the terminal.
pub fn table(headers: &[&str], rows: Vec<Vec<String>>) {
    let mut t = Table::new();
    t.load_preset(if std::io::stdout().is_terminal() {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_MARKDOWN
    })
    .set_content_arrangement(ContentArrangement::Dynamic)
    .set_header(headers.iter().copied());
    if !color() {
        t.force_no_tty();
    }
    for row in rows {
        t.add_row(row);
    }
    line(&t.to_string());
}

/// A `key: value` block for one record.
pub fn kv(pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0);
    let mut out = String::new();
    for (k, v) in pairs {
        out.push_str(&format!("{:width$}  {v}\n", format!("{k}:")));
    }
    line(out.trim_end());
}

/// `Some(x)` → `x`, `None` → `-`.
pub fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(T::to_string).unwrap_or_else(|| "-".into())
}

/// A stored time with its relative form: `2026-03-15T19:00:00.000Z (2h ago)`.
pub fn when(t: &str) -> String {
    format!("{t} ({})", crate::time::relative(t))
}
