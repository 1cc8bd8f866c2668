//! Reading fields of JSON request bodies, shared by the core parsers and the HTTP face so a
//! field is accepted (and refused, with the same message) identically everywhere.

use crate::{Error, Result};
use serde_json::Value;

/// An optional boolean field: JSON `true`/`false`, or `0`/`1` (the flags the API returns);
/// absent or `null` → `None`; anything else → `{name} must be a boolean`.
pub fn opt_bool(value: Option<&Value>, name: &str) -> Result<Option<bool>> {
    match value.filter(|v| !v.is_null()) {
        None => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(v) if v.as_i64() == Some(0) => Ok(Some(false)),
        Some(v) if v.as_i64() == Some(1) => Ok(Some(true)),
        Some(_) => Err(Error::invalid(format!("{name} must be a boolean"))),
    }
}

/// `{field} is required`: the message of every missing required field.
pub fn required(field: &str) -> Error {
    Error::invalid(format!("{field} is required"))
}

/// A raw input value as a face received it: text (a query-string value), a JSON value (a
/// request body field) or an integer clap already parsed (a CLI flag). The core's field
/// parsers take one of these so the same field is checked, with the same message, whatever
/// face it came through.
#[derive(Debug, Clone, Copy)]
pub enum Raw<'a> {
    Text(&'a str),
    Json(&'a Value),
    Int(i64),
}

impl Raw<'_> {
    /// A positive integer (text: digits only; JSON: an integer); else `message`.
    pub fn positive(self, message: &str) -> Result<i64> {
        match self {
            Raw::Text(t) => parse_digits(t),
            Raw::Json(v) => v.as_i64(),
            Raw::Int(n) => Some(n),
        }
        .filter(|n| *n >= 1)
        .ok_or_else(|| Error::invalid(message))
    }

    /// One of a word type's values (text, or a JSON string); else the type's message.
    pub fn word<T: crate::core::vocab::Word>(self) -> Result<T> {
        match self {
            Raw::Text(t) => T::parse_word(t),
            Raw::Json(Value::String(s)) => T::parse_word(s),
            _ => None,
        }
        .ok_or_else(|| Error::invalid(T::INVALID))
    }
}

/// A number of ASCII digits only, saturating at `i64::MAX` (a count or ID that large is
/// still a well-formed number: it matches nothing, or everything, instead of being refused).
pub fn parse_digits(text: &str) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // Only an overflow can make an all-digit parse fail.
    Some(text.parse::<i64>().unwrap_or(i64::MAX))
}
