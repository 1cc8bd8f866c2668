//! Chat timestamps (ISO 8601 or epoch seconds/milliseconds) and the parsed chat message.

use chrono::{DateTime, Utc};
use serde_json::Value;

/// Milliseconds since the epoch → the stored timestamp shape.
pub fn format_ms(ms: i64) -> Option<String> {
    DateTime::<Utc>::from_timestamp_millis(ms).map(crate::time::format)
}

/// A timestamp as chat data carries it: an ISO 8601 string, or epoch seconds/milliseconds
/// (as a JSON number, or a string of digits). Returns epoch milliseconds.
pub fn parse_timestamp(v: &Value) -> Option<i64> {
    match v {
        Value::String(s) => parse_timestamp_str(s),
        Value::Number(n) => n.as_f64().and_then(epoch_ms),
        _ => None,
    }
}

/// The string forms of [`parse_timestamp`].
pub fn parse_timestamp_str(s: &str) -> Option<i64> {
    let t = s.trim();
    if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
        return t.parse::<f64>().ok().and_then(epoch_ms);
    }
    crate::time::parse_iso(t)
        .map(|d| d.timestamp_millis())
        .filter(|ms| format_ms(*ms).is_some())
}

/// Epoch seconds or milliseconds (see `time::from_epoch_number`) → milliseconds.
pub fn epoch_ms(n: f64) -> Option<i64> {
    crate::time::from_epoch_number(n)
        .map(|d| d.timestamp_millis())
        .filter(|ms| *ms <= MAX_MS)
}

/// 9999-12-31T23:59:59.999Z: beyond it the stored shape would change width.
const MAX_MS: i64 = 253_402_300_799_999;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn timestamps() {
        let iso = parse_timestamp(&json!("2026-03-15T19:00:00Z")).unwrap();
        assert_eq!(format_ms(iso).unwrap(), "2026-03-15T19:00:00.000Z");
        assert_eq!(parse_timestamp(&json!(1_773_601_200)), Some(iso));
        assert_eq!(parse_timestamp(&json!(1_773_601_200_000i64)), Some(iso));
        assert_eq!(parse_timestamp(&json!("1773601200")), Some(iso));
        assert_eq!(parse_timestamp(&json!("nope")), None);
        assert_eq!(parse_timestamp(&json!(true)), None);
    }
}
