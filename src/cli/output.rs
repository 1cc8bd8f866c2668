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

/// Whether colour may be used: a terminal, and `NO_COLOR` unset or empty (no-color.org).
pub fn color() -> bool {
    std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()) && std::io::stdout().is_terminal()
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
        t.add_row(row.iter().map(|c| clean(c)));
    }
    line(&t.to_string());
}

/// A `key: value` block for one record.
pub fn kv(pairs: &[(&str, String)]) {
    let width = pairs.iter().map(|(k, _)| k.len() + 1).max().unwrap_or(0);
    let mut out = String::new();
    for (k, v) in pairs {
        out.push_str(&format!("{:width$}  {}\n", format!("{k}:"), clean(v)));
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

/// Makes user text safe for a terminal: control characters (escape sequences, NUL, CR…)
/// are shown as `\u{1b}`-style escapes so a hostile note cannot rewrite the screen.
/// Only human output goes through this; `--json` and exports stay byte-exact.
pub fn clean(text: &str) -> String {
    let is_unsafe = |c: char| c.is_control() && c != '\n' && c != '\t';
    if !text.chars().any(is_unsafe) {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_unsafe(c) {
            out.push_str(&c.escape_unicode().to_string());
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn clean_escapes_control_characters_only() {
        assert_eq!(super::clean("Friday 🎉 \"night\""), "Friday 🎉 \"night\"");
        assert_eq!(super::clean("a\x1b[2Jb\0c"), "a\\u{1b}[2Jb\\u{0}c");
        assert_eq!(super::clean("two\nlines"), "two\nlines");
    }
}
