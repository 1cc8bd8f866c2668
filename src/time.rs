//! The one timestamp format of the product: UTC, ISO 8601, milliseconds, `Z`.
//!
//! Stored timestamps are text in exactly this shape, so they sort lexicographically.

use chrono::{DateTime, NaiveDateTime, SecondsFormat, TimeZone, Utc};

/// Now, as `2026-03-15T19:00:00.000Z`.
pub fn now() -> String {
    format(Utc::now())
}

pub fn format(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Millis, true)
}

/// Parses a stored or user-supplied ISO 8601 timestamp: with or without fractional seconds,
/// with `Z` or an offset (a bare date-time without zone is taken as UTC).
pub fn parse_iso(s: &str) -> Option<DateTime<Utc>> {
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.with_timezone(&Utc));
    }
    // RFC 3339 requires the `T`; accept a space too, and offsets without a colon.
    for fmt in [
        "%Y-%m-%d %H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return Some(t.with_timezone(&Utc));
        }
    }
    let bare = s.strip_suffix('Z').unwrap_or(s);
    for fmt in ["%Y-%m-%dT%H:%M:%S%.f", "%Y-%m-%d %H:%M:%S%.f"] {
        if let Ok(t) = NaiveDateTime::parse_from_str(bare, fmt) {
            return Some(Utc.from_utc_datetime(&t));
        }
    }
    None
}

/// Unix epoch seconds or milliseconds (a number above 10^11 is taken as milliseconds).
pub fn from_epoch_number(n: f64) -> Option<DateTime<Utc>> {
    if !n.is_finite() || n < 0.0 {
        return None;
    }
    let ms = if n >= 1e11 { n } else { n * 1000.0 };
    Utc.timestamp_millis_opt(ms.round() as i64).single()
}

/// Normalizes an ISO string to the stored shape.
pub fn normalize_iso(s: &str) -> Option<String> {
    parse_iso(s).map(format)
}

/// "2h ago", "just now", "in 5m": for human output only.
pub fn relative(stored: &str) -> String {
    let Some(t) = parse_iso(stored) else {
        return stored.to_string();
    };
    let secs = (Utc::now() - t).num_seconds();
    let (future, secs) = if secs < 0 {
        (true, -secs)
    } else {
        (false, secs)
    };
    let amount = if secs < 45 {
        return "just now".to_string();
    } else if secs < 3600 {
        format!("{}m", (secs + 30) / 60)
    } else if secs < 86_400 {
        format!("{}h", secs / 3600)
    } else {
        format!("{}d", secs / 86_400)
    };
    if future {
        format!("in {amount}")
    } else {
        format!("{amount} ago")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalizes_the_accepted_shapes() {
        assert_eq!(
            normalize_iso("2026-03-15T19:00:00Z").unwrap(),
            "2026-03-15T19:00:00.000Z"
        );
        assert_eq!(
            normalize_iso("2026-03-15T20:00:00.5+01:00").unwrap(),
            "2026-03-15T19:00:00.500Z"
        );
        assert_eq!(
            normalize_iso("2026-03-15 19:00:00").unwrap(),
            "2026-03-15T19:00:00.000Z"
        );
        assert!(normalize_iso("yesterday").is_none());
        assert_eq!(
            format(from_epoch_number(1_773_601_200.0).unwrap()),
            "2026-03-15T19:00:00.000Z"
        );
        assert_eq!(
            format(from_epoch_number(1_773_601_200_123.0).unwrap()),
            "2026-03-15T19:00:00.123Z"
        );
    }
}
