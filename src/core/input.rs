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
