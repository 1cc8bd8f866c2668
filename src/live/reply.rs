//! The WebSocket control replies of `docs/live.md` (`auth_success`, `auth_error`,
//! `subscribed`, `unsubscribed`, `pong`, `error`, `presence_update`) as one typed value, so
//! each reply's shape and wording exists once. Events are not here: they are
//! `core::events::Event`, serialised by the outbox dispatcher.

use super::hub::Frame;
use serde::Serialize;
use std::sync::Arc;

/// What `auth_success` says.
const AUTHENTICATED: &str = "Authenticated successfully";
/// What `auth` without a token hears.
const TOKEN_REQUIRED: &str = "Token required";

/// One admin in a `presence_update`.
#[derive(Serialize)]
pub struct PresenceEntry<'a> {
    pub name: &'a str,
    pub page: &'a str,
    pub since: &'a str,
}

#[derive(Serialize)]
pub struct PresenceData<'a> {
    pub admins: Vec<PresenceEntry<'a>>,
}

/// A control reply; its `type` tag comes first on the wire, as the protocol documents.
#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Reply<'a> {
    AuthSuccess {
        message: &'a str,
    },
    AuthError {
        message: &'a str,
    },
    Subscribed {
        #[serde(rename = "sessionId")]
        session_id: i64,
        message: String,
    },
    Unsubscribed {
        #[serde(rename = "sessionId")]
        session_id: i64,
        message: String,
    },
    Pong,
    Error {
        message: &'a str,
    },
    PresenceUpdate {
        data: PresenceData<'a>,
    },
}

impl<'a> Reply<'a> {
    pub fn authenticated() -> Self {
        Reply::AuthSuccess {
            message: AUTHENTICATED,
        }
    }

    pub fn token_required() -> Self {
        Reply::AuthError {
            message: TOKEN_REQUIRED,
        }
    }

    pub fn subscribed(session_id: i64) -> Self {
        Reply::Subscribed {
            session_id,
            message: format!("Subscribed to session {session_id}"),
        }
    }

    pub fn unsubscribed(session_id: i64) -> Self {
        Reply::Unsubscribed {
            session_id,
            message: format!("Unsubscribed from session {session_id}"),
        }
    }

    /// The frame queued to the client.
    pub fn frame(&self) -> Frame {
        // Serialising plain structs of strings and integers cannot fail.
        Arc::from(serde_json::to_string(self).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_keep_their_documented_bytes() {
        assert_eq!(
            &*Reply::authenticated().frame(),
            r#"{"type":"auth_success","message":"Authenticated successfully"}"#
        );
        assert_eq!(
            &*Reply::token_required().frame(),
            r#"{"type":"auth_error","message":"Token required"}"#
        );
        assert_eq!(
            &*Reply::subscribed(5).frame(),
            r#"{"type":"subscribed","sessionId":5,"message":"Subscribed to session 5"}"#
        );
        assert_eq!(
            &*Reply::unsubscribed(5).frame(),
            r#"{"type":"unsubscribed","sessionId":5,"message":"Unsubscribed from session 5"}"#
        );
        assert_eq!(&*Reply::Pong.frame(), r#"{"type":"pong"}"#);
        assert_eq!(
            &*Reply::Error {
                message: "Invalid JSON"
            }
            .frame(),
            r#"{"type":"error","message":"Invalid JSON"}"#
        );
        let presence = Reply::PresenceUpdate {
            data: PresenceData {
                admins: vec![PresenceEntry {
                    name: "alice",
                    page: "tonight",
                    since: "2026-12-02T07:00:00.000Z",
                }],
            },
        };
        assert_eq!(
            &*presence.frame(),
            r#"{"type":"presence_update","data":{"admins":[{"name":"alice","page":"tonight","since":"2026-12-02T07:00:00.000Z"}]}}"#
        );
    }
}
