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

    /// A count or paging value (`limit`, `offset`, `page`, `before`, a filter's id): the
    /// one reader of them all, so they accept the same numbers (digits only, as
    /// [`parse_digits`]) on every route; a value under `least` gets the route's message
    /// ([`count_error`]).
    pub fn count(self, name: &str, least: Least, wording: Wording) -> Result<i64> {
        match self {
            Raw::Text(t) => parse_digits(t),
            Raw::Json(v) => v.as_i64(),
            Raw::Int(n) => Some(n),
        }
        .filter(|n| *n >= least.value())
        .ok_or_else(|| count_error(name, least, wording))
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

/// The smallest value a count may take: `offset` may be 0; `limit`, `page`, `before` and ids
/// may not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Least {
    Zero,
    One,
}

impl Least {
    fn value(self) -> i64 {
        match self {
            Least::Zero => 0,
            Least::One => 1,
        }
    }
}

/// How a route's documented message names a bad count (each route keeps its own text).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Wording {
    /// `limit must be a positive integer` (`GET /api/sessions`, `/api/audit`, webhook logs).
    Plain,
    /// `Invalid limit: must be a positive integer` (`GET /api/votes`, `docs/votes.md`).
    Prefixed,
}

/// The refusal of a bad count `name`: `{name} must be a positive integer` (or
/// `a non-negative integer` when 0 is allowed), `Invalid {name}: must be …` when prefixed.
pub fn count_error(name: &str, least: Least, wording: Wording) -> Error {
    let what = match least {
        Least::Zero => "a non-negative integer",
        Least::One => "a positive integer",
    };
    Error::invalid(match wording {
        Wording::Plain => format!("{name} must be {what}"),
        Wording::Prefixed => format!("Invalid {name}: must be {what}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_read_alike_with_each_routes_message() {
        let count = |t: &str, least, wording| Raw::Text(t).count("limit", least, wording);
        assert_eq!(count("5", Least::One, Wording::Plain).unwrap(), 5);
        assert_eq!(count("0", Least::Zero, Wording::Plain).unwrap(), 0);
        assert_eq!(
            count("99999999999999999999", Least::One, Wording::Plain).unwrap(),
            i64::MAX
        );
        for bad in ["", "0", "-1", "+5", " 5", "1.5", "abc"] {
            let e = count(bad, Least::One, Wording::Plain).unwrap_err();
            assert_eq!(e.message, "limit must be a positive integer", "{bad:?}");
            let e = count(bad, Least::One, Wording::Prefixed).unwrap_err();
            assert_eq!(e.message, "Invalid limit: must be a positive integer");
        }
        let e = count("-1", Least::Zero, Wording::Plain).unwrap_err();
        assert_eq!(e.message, "limit must be a non-negative integer");
        let e = Raw::Int(0)
            .count("page", Least::One, Wording::Prefixed)
            .unwrap_err();
        assert_eq!(e.message, "Invalid page: must be a positive integer");
    }
}
