//! What a WebSocket client may send (`docs/live.md`), parsed once into [`ClientMessage`]:
//! the `type` picks the variant (serde's internally tagged enum). Fields of the wrong type
//! read as absent, so each handler's own refusal (`sessionId is required`, `page is
//! required`, an `auth` without a token) answers them, as it did when the fields were read
//! by hand.

use serde::{Deserialize, Deserializer};
use serde_json::Value;

/// One client message.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ClientMessage {
    /// `{ "type": "auth", "token" }`: a non-empty string token, or none.
    Auth {
        #[serde(default, deserialize_with = "non_empty_string")]
        token: Option<String>,
    },
    /// `{ "type": "page_focus", "page" }` (admin presence).
    PageFocus {
        #[serde(default, deserialize_with = "string")]
        page: Option<String>,
    },
    /// `{ "type": "subscribe", "sessionId" }`.
    Subscribe {
        #[serde(default, rename = "sessionId", deserialize_with = "positive_id")]
        session_id: Option<i64>,
    },
    /// `{ "type": "unsubscribe", "sessionId" }`.
    Unsubscribe {
        #[serde(default, rename = "sessionId", deserialize_with = "positive_id")]
        session_id: Option<i64>,
    },
    Ping,
}

/// The refusal of a body that is not JSON.
pub const INVALID_JSON: &str = "Invalid JSON";

/// The message, or the `error` reply's text: `Invalid JSON`, or `Unknown message type: T`
/// (`T` the `type` as sent, `undefined` when it is missing or `null`).
pub fn parse(body: &str) -> Result<ClientMessage, String> {
    let msg = serde_json::from_str::<Value>(body).map_err(|_| INVALID_JSON.to_string())?;
    let kind = match msg.get("type") {
        // Only an object with a string `type` is tried: serde would also read an array
        // (`["ping"]`) as a tagged message.
        Some(Value::String(s)) => match ClientMessage::deserialize(&msg) {
            Ok(m) => return Ok(m),
            Err(_) => s.clone(),
        },
        Some(Value::Null) | None => "undefined".to_string(),
        Some(other) => other.to_string(),
    };
    Err(format!("Unknown message type: {kind}"))
}

fn string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(match Value::deserialize(d)? {
        Value::String(s) => Some(s),
        _ => None,
    })
}

fn non_empty_string<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(string(d)?.filter(|s| !s.is_empty()))
}

/// A positive integer id, given as a number (an integral float too) or a numeric string.
fn positive_id<'de, D: Deserializer<'de>>(d: D) -> Result<Option<i64>, D::Error> {
    let n = match Value::deserialize(d)? {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.fract() == 0.0 && *f >= 1.0 && *f <= i64::MAX as f64)
                .map(|f| f as i64)
        }),
        Value::String(s) => s.trim().parse::<i64>().ok(),
        _ => None,
    };
    Ok(n.filter(|n| *n > 0))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_type_and_its_fields() {
        let p = |s: &str| parse(s);
        assert_eq!(
            p(r#"{"type":"auth","token":"abc"}"#),
            Ok(ClientMessage::Auth {
                token: Some("abc".into())
            })
        );
        for token in [r#""""#, "5", "null", "{}"] {
            let body = format!(r#"{{"type":"auth","token":{token}}}"#);
            assert_eq!(p(&body), Ok(ClientMessage::Auth { token: None }));
        }
        assert_eq!(
            p(r#"{"type":"auth"}"#),
            Ok(ClientMessage::Auth { token: None })
        );
        assert_eq!(
            p(r#"{"type":"page_focus","page":7}"#),
            Ok(ClientMessage::PageFocus { page: None })
        );
        for (id, want) in [
            ("5", Some(5)),
            (r#"" 7 ""#, Some(7)),
            ("3.0", Some(3)),
            ("3.5", None),
            ("0", None),
            ("-2", None),
            ("true", None),
        ] {
            let body = format!(r#"{{"type":"subscribe","sessionId":{id}}}"#);
            assert_eq!(
                p(&body),
                Ok(ClientMessage::Subscribe { session_id: want }),
                "{id}"
            );
        }
        assert_eq!(
            p(r#"{"type":"unsubscribe"}"#),
            Ok(ClientMessage::Unsubscribe { session_id: None })
        );
        assert_eq!(p(r#"{"type":"ping","extra":1}"#), Ok(ClientMessage::Ping));
    }

    #[test]
    fn refusals_name_the_type_as_sent() {
        assert_eq!(parse("{nope"), Err("Invalid JSON".into()));
        let unknown = |t: &str| Err(format!("Unknown message type: {t}"));
        assert_eq!(parse(r#"{"type":"foo"}"#), unknown("foo"));
        assert_eq!(parse(r#"{"type":"Ping"}"#), unknown("Ping"));
        assert_eq!(parse(r#"{"type":5}"#), unknown("5"));
        assert_eq!(parse(r#"{"type":null}"#), unknown("undefined"));
        assert_eq!(parse("{}"), unknown("undefined"));
        assert_eq!(parse(r#"["ping"]"#), unknown("undefined"));
        assert_eq!(parse("\"ping\""), unknown("undefined"));
    }
}
