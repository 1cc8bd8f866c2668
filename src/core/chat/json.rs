//! The JSON formats: the base array (`[ { username, message, timestamp } ]`, also wrapped as
//! `{ "chatData": [...] }`, the HTTP body), TwitchDownloader chat JSON and chat-downloader's
//! JSON array. Each array is walked by a `SeqAccess` visitor that hands every element to the
//! sink as soon as it is parsed; the sink's error is kept aside and parsing is aborted.

use super::lenient::{Leaf, Node};
use super::{bad_entry, ChatMessage, Tally};
use crate::core::votes::{epoch_ms, parse_timestamp_str};
use crate::{Error, Result};
use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;
use std::fmt;
use std::io::BufRead;
use std::marker::PhantomData;

type Sink<'a> = &'a mut dyn FnMut(ChatMessage) -> Result<()>;

pub const NOT_AN_ARRAY: &str = "chatData must be an array";

/// Turns a parse failure into the error to report: the one a sink or visitor put aside, or
/// the JSON error itself.
fn failure(slot: Option<Error>, e: serde_json::Error) -> Error {
    if let Some(err) = slot {
        return err;
    }
    if e.is_io() {
        return Error::invalid(format!("Cannot read chat log: {e}"));
    }
    Error::invalid(format!("Invalid chat data: {e}"))
}

/// serde_json reads byte by byte; std only makes that cheap for a concrete `BufReader`
/// (not through `Box<dyn BufRead>`), so the boxed reader gets one more thin buffer.
fn buffered(inner: Box<dyn BufRead>) -> std::io::BufReader<Box<dyn BufRead>> {
    std::io::BufReader::with_capacity(64 * 1024, inner)
}

// ---------------------------------------------------------------------------------------
// Walking an array element by element
// ---------------------------------------------------------------------------------------

/// Deserializes an array, calling `f(index, element)` for each element. `not_array` is the
/// error to report when the value is something else.
struct Each<'a, E> {
    f: &'a mut dyn FnMut(u64, E) -> Result<()>,
    err: &'a mut Option<Error>,
    not_array: &'a dyn Fn() -> Error,
    _e: PhantomData<E>,
}

impl<'a, E> Each<'a, E> {
    fn reject<Er: de::Error>(self) -> std::result::Result<(), Er> {
        *self.err = Some((self.not_array)());
        Err(Er::custom("not an array"))
    }
}

impl<'de, E: Deserialize<'de>> DeserializeSeed<'de> for Each<'_, E> {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> std::result::Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, E: Deserialize<'de>> Visitor<'de> for Each<'_, E> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an array")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> std::result::Result<(), A::Error> {
        let mut i = 0u64;
        while let Some(e) = seq.next_element::<E>()? {
            if let Err(err) = (self.f)(i, e) {
                *self.err = Some(err);
                return Err(de::Error::custom("aborted"));
            }
            i += 1;
        }
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, _: A) -> std::result::Result<(), A::Error> {
        self.reject()
    }
    fn visit_bool<Er: de::Error>(self, _: bool) -> std::result::Result<(), Er> {
        self.reject()
    }
    fn visit_i64<Er: de::Error>(self, _: i64) -> std::result::Result<(), Er> {
        self.reject()
    }
    fn visit_u64<Er: de::Error>(self, _: u64) -> std::result::Result<(), Er> {
        self.reject()
    }
    fn visit_f64<Er: de::Error>(self, _: f64) -> std::result::Result<(), Er> {
        self.reject()
    }
    fn visit_str<Er: de::Error>(self, _: &str) -> std::result::Result<(), Er> {
        self.reject()
    }
    fn visit_unit<Er: de::Error>(self) -> std::result::Result<(), Er> {
        self.reject()
    }
}

// ---------------------------------------------------------------------------------------
// The base entry: { "username": string, "message": string, "timestamp": ISO | epoch }
// ---------------------------------------------------------------------------------------

enum Key {
    Username,
    Message,
    Timestamp,
    Other,
}

impl<'de> Deserialize<'de> for Key {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl Visitor<'_> for V {
            type Value = Key;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a field name")
            }
            fn visit_str<E: de::Error>(self, v: &str) -> std::result::Result<Key, E> {
                Ok(match v {
                    "username" => Key::Username,
                    "message" => Key::Message,
                    "timestamp" => Key::Timestamp,
                    _ => Key::Other,
                })
            }
        }
        d.deserialize_identifier(V)
    }
}

/// One element of the base array: a message, or why it is not one.
struct BaseEntry(std::result::Result<ChatMessage, &'static str>);

impl<'de> Deserialize<'de> for BaseEntry {
    fn deserialize<D: Deserializer<'de>>(d: D) -> std::result::Result<Self, D::Error> {
        struct V;
        impl<'de> Visitor<'de> for V {
            type Value = BaseEntry;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a chat entry")
            }
            fn visit_map<A: MapAccess<'de>>(
                self,
                mut m: A,
            ) -> std::result::Result<BaseEntry, A::Error> {
                let (mut user, mut msg, mut ts) = (Leaf::Absent, Leaf::Absent, Leaf::Absent);
                while let Some(k) = m.next_key::<Key>()? {
                    match k {
                        Key::Username => user = m.next_value()?,
                        Key::Message => msg = m.next_value()?,
                        Key::Timestamp => ts = m.next_value()?,
                        Key::Other => {
                            m.next_value::<IgnoredAny>()?;
                        }
                    }
                }
                Ok(BaseEntry(entry(user, msg, ts)))
            }
            fn visit_seq<A: SeqAccess<'de>>(
                self,
                mut s: A,
            ) -> std::result::Result<BaseEntry, A::Error> {
                while s.next_element::<IgnoredAny>()?.is_some() {}
                Ok(BaseEntry(Err("not an object")))
            }
            fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<BaseEntry, E> {
                Ok(BaseEntry(Err("not an object")))
            }
            fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<BaseEntry, E> {
                Ok(BaseEntry(Err("not an object")))
            }
            fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<BaseEntry, E> {
                Ok(BaseEntry(Err("not an object")))
            }
            fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<BaseEntry, E> {
                Ok(BaseEntry(Err("not an object")))
            }
            fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<BaseEntry, E> {
                Ok(BaseEntry(Err("not an object")))
            }
            fn visit_unit<E: de::Error>(self) -> std::result::Result<BaseEntry, E> {
                Ok(BaseEntry(Err("not an object")))
            }
        }
        d.deserialize_any(V)
    }
}

fn entry(user: Leaf, msg: Leaf, ts: Leaf) -> std::result::Result<ChatMessage, &'static str> {
    let username = match user {
        Leaf::Str(s) => s,
        Leaf::Absent => return Err("missing username"),
        _ => return Err("username must be a string"),
    };
    let message = match msg {
        Leaf::Str(s) => s,
        Leaf::Absent => return Err("missing message"),
        _ => return Err("message must be a string"),
    };
    let at = match ts {
        Leaf::Str(s) => parse_timestamp_str(&s),
        Leaf::Num(n) => epoch_ms(n),
        Leaf::Absent => return Err("missing timestamp"),
        Leaf::Other(_) => None,
    }
    .ok_or("invalid timestamp")?;
    Ok(ChatMessage {
        username,
        message,
        at,
    })
}

fn base_each<'a>(sink: Sink<'a>) -> impl FnMut(u64, BaseEntry) -> Result<()> + 'a {
    move |i, e: BaseEntry| match e.0 {
        Ok(m) => sink(m),
        Err(reason) => Err(bad_entry(i, reason)),
    }
}

/// `{ ..., "chatData": [...], ... }`: other keys are ignored.
struct ChatDataBody<'a> {
    f: &'a mut dyn FnMut(u64, BaseEntry) -> Result<()>,
    err: &'a mut Option<Error>,
}

impl<'de> Visitor<'de> for ChatDataBody<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object with chatData")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<(), A::Error> {
        let mut found = false;
        while let Some(k) = m.next_key::<std::borrow::Cow<str>>()? {
            if k == "chatData" && !found {
                found = true;
                m.next_value_seed(Each {
                    f: &mut *self.f,
                    err: &mut *self.err,
                    not_array: &|| Error::invalid(NOT_AN_ARRAY),
                    _e: PhantomData,
                })?;
            } else {
                m.next_value::<IgnoredAny>()?;
            }
        }
        if !found {
            *self.err = Some(Error::invalid(NOT_AN_ARRAY));
            return Err(de::Error::custom(NOT_AN_ARRAY));
        }
        Ok(())
    }
}

/// The base format from a reader: a top-level array, or an object with `chatData`.
pub fn read_base(reader: Box<dyn BufRead>, sink: Sink) -> Result<()> {
    let mut err = None;
    let mut f = base_each(sink);
    let mut de = serde_json::Deserializer::from_reader(buffered(reader));
    let result = {
        struct Top<'a> {
            f: &'a mut dyn FnMut(u64, BaseEntry) -> Result<()>,
            err: &'a mut Option<Error>,
        }
        impl<'de> Visitor<'de> for Top<'_> {
            type Value = ();
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a JSON array of chat entries")
            }
            fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> std::result::Result<(), A::Error> {
                Each {
                    f: self.f,
                    err: self.err,
                    not_array: &|| Error::invalid(NOT_AN_ARRAY),
                    _e: PhantomData::<BaseEntry>,
                }
                .visit_seq(seq)
            }
            fn visit_map<A: MapAccess<'de>>(self, m: A) -> std::result::Result<(), A::Error> {
                ChatDataBody {
                    f: self.f,
                    err: self.err,
                }
                .visit_map(m)
            }
        }
        de.deserialize_any(Top {
            f: &mut f,
            err: &mut err,
        })
        .and_then(|()| de.end())
    };
    result.map_err(|e| failure(err, e))
}

/// The HTTP body of the chat import: `{ "chatData": [...] }`, each entry handed to `sink`
/// as it is parsed. A blank body counts as `{}` (no chatData).
pub fn read_body(body: &[u8], sink: Sink) -> Result<()> {
    let body: &[u8] = if body.iter().all(u8::is_ascii_whitespace) {
        b"{}"
    } else {
        body
    };
    let mut err = None;
    let mut read = 0u64;
    let mut counting = |m: ChatMessage| {
        read += 1;
        sink(m)
    };
    let mut f = base_each(&mut counting);
    let mut de = serde_json::Deserializer::from_slice(body);
    let result = de
        .deserialize_any(BodyTop {
            f: &mut f,
            err: &mut err,
        })
        .and_then(|()| de.end());
    result.map_err(|e| match err {
        Some(err) => err,
        None => Error::invalid(format!("Invalid JSON body: {e}")),
    })?;
    drop(f);
    if read == 0 {
        return Err(Error::invalid(EMPTY_CHAT_DATA));
    }
    Ok(())
}

/// An HTTP import with nothing in it: never "imported successfully" with nothing read.
pub const EMPTY_CHAT_DATA: &str = "No chat message to import: chatData is an empty array";

/// The request body: an object (with `chatData`); anything else has no `chatData` array.
struct BodyTop<'a> {
    f: &'a mut dyn FnMut(u64, BaseEntry) -> Result<()>,
    err: &'a mut Option<Error>,
}

impl<'de> Visitor<'de> for BodyTop<'_> {
    type Value = ();
    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON object")
    }
    fn visit_map<A: MapAccess<'de>>(self, m: A) -> std::result::Result<(), A::Error> {
        ChatDataBody {
            f: self.f,
            err: self.err,
        }
        .visit_map(m)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, _: A) -> std::result::Result<(), A::Error> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(de::Error::custom(NOT_AN_ARRAY))
    }
    fn visit_str<E: de::Error>(self, _: &str) -> std::result::Result<(), E> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(E::custom(NOT_AN_ARRAY))
    }
    fn visit_i64<E: de::Error>(self, _: i64) -> std::result::Result<(), E> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(E::custom(NOT_AN_ARRAY))
    }
    fn visit_u64<E: de::Error>(self, _: u64) -> std::result::Result<(), E> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(E::custom(NOT_AN_ARRAY))
    }
    fn visit_f64<E: de::Error>(self, _: f64) -> std::result::Result<(), E> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(E::custom(NOT_AN_ARRAY))
    }
    fn visit_bool<E: de::Error>(self, _: bool) -> std::result::Result<(), E> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(E::custom(NOT_AN_ARRAY))
    }
    fn visit_unit<E: de::Error>(self) -> std::result::Result<(), E> {
        *self.err = Some(Error::invalid(NOT_AN_ARRAY));
        Err(E::custom(NOT_AN_ARRAY))
    }
}

// ---------------------------------------------------------------------------------------
// TwitchDownloader
// ---------------------------------------------------------------------------------------

// Every field is lenient (`super::lenient`): a wrong type is reported with the file's
// field names, never serde's message about these Rust types.

#[derive(Deserialize, Default)]
#[serde(default)]
struct TwVideo {
    created_at: Leaf,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TwCommenter {
    display_name: Leaf,
    name: Leaf,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TwMessage {
    body: Leaf,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct TwComment {
    created_at: Leaf,
    content_offset_seconds: Leaf,
    commenter: Node<TwCommenter>,
    message: Node<TwMessage>,
}

fn twitch_message(
    c: Node<TwComment>,
    video_ms: Option<i64>,
) -> std::result::Result<ChatMessage, String> {
    let c = c.entry()?;
    let commenter = c.commenter.object("commenter")?;
    let display = commenter
        .display_name
        .opt_string("commenter.display_name")?;
    let username = match display.filter(|n| !n.is_empty()) {
        Some(name) => name,
        None => commenter
            .name
            .opt_string("commenter.name")?
            .ok_or("missing commenter.display_name")?,
    };
    let message = c.message.object("message")?.body.string("message.body")?;
    // The video's start plus the offset is more trustworthy than each comment's created_at.
    let at = match (video_ms, c.content_offset_seconds.number()) {
        (Some(start), Some(off)) if off.is_finite() => {
            start.checked_add((off * 1000.0).round() as i64)
        }
        _ => match &c.created_at {
            Leaf::Str(s) => parse_timestamp_str(s),
            _ => None,
        },
    }
    .filter(|ms| crate::core::votes::format_ms(*ms).is_some())
    .ok_or("missing or invalid created_at")?;
    Ok(ChatMessage {
        username,
        message,
        at,
    })
}

/// TwitchDownloader chat JSON: `comments[]`, with `video.created_at` when it precedes them
/// (newer files put `FileInfo`, `streamer`, `video` before `comments`).
pub fn read_twitch(reader: Box<dyn BufRead>, sink: Sink) -> Result<()> {
    struct Top<'a> {
        sink: Sink<'a>,
        err: &'a mut Option<Error>,
    }
    impl<'de> Visitor<'de> for Top<'_> {
        type Value = ();
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a TwitchDownloader chat object")
        }
        fn visit_map<A: MapAccess<'de>>(self, mut m: A) -> std::result::Result<(), A::Error> {
            let mut video_ms: Option<i64> = None;
            while let Some(k) = m.next_key::<std::borrow::Cow<str>>()? {
                match k.as_ref() {
                    "video" => {
                        let v: Node<TwVideo> = m.next_value()?;
                        video_ms = match v.into_option().map(|v| v.created_at) {
                            Some(Leaf::Str(s)) => parse_timestamp_str(&s),
                            _ => None,
                        };
                    }
                    "comments" => {
                        let sink = &mut *self.sink;
                        let mut f = |i, c: Node<TwComment>| {
                            sink(twitch_message(c, video_ms).map_err(|r| bad_entry(i, &r))?)
                        };
                        m.next_value_seed(Each {
                            f: &mut f,
                            err: &mut *self.err,
                            not_array: &|| {
                                Error::invalid("Invalid chat data: comments must be an array")
                            },
                            _e: PhantomData,
                        })?;
                    }
                    _ => {
                        m.next_value::<IgnoredAny>()?;
                    }
                }
            }
            Ok(())
        }
    }
    let mut err = None;
    let mut de = serde_json::Deserializer::from_reader(buffered(reader));
    de.deserialize_map(Top {
        sink,
        err: &mut err,
    })
    .and_then(|()| de.end())
    .map_err(|e| failure(err, e))
}

// ---------------------------------------------------------------------------------------
// chat-downloader
// ---------------------------------------------------------------------------------------

#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CdAuthor {
    name: Leaf,
    display_name: Leaf,
}

/// One chat-downloader item; only `text_message` items are chat. `author` is an object
/// (`{ "name", … }`) in chat-downloader, a plain name in its predecessor
/// chat-replay-downloader.
#[derive(Deserialize, Default)]
#[serde(default)]
pub(super) struct CdItem {
    message: Leaf,
    message_type: Leaf,
    author: Node<CdAuthor>,
    timestamp: Leaf,
}

impl CdItem {
    /// `Ok(None)` for items that are not ordinary chat; `Err(reason)` for broken ones.
    pub(super) fn into_message(self) -> std::result::Result<Option<ChatMessage>, String> {
        if let Some(kind) = self.message_type.opt_string("message_type")? {
            if kind != "text_message" {
                return Ok(None);
            }
        }
        // An item without text (a Super Chat with no message: `"message": null`) is not
        // a chat message.
        let Some(message) = self.message.opt_string("message")? else {
            return Ok(None);
        };
        let username = match self.author {
            Node::Str(name) => name,
            Node::Obj(author) => match author.name.opt_string("author.name")? {
                Some(name) => name,
                None => author
                    .display_name
                    .opt_string("author.display_name")?
                    .ok_or("missing author.name")?,
            },
            Node::Absent => return Err("missing author".into()),
            Node::Other(_) => return Err("author must be an object or a string".into()),
        };
        // Microseconds since the epoch.
        let at = match &self.timestamp {
            Leaf::Absent => return Err("missing timestamp".into()),
            t => t
                .number()
                .filter(|t| t.is_finite() && *t >= 0.0)
                .map(|t| (t / 1000.0).floor() as i64)
                .filter(|ms| crate::core::votes::format_ms(*ms).is_some())
                .ok_or("invalid timestamp")?,
        };
        Ok(Some(ChatMessage {
            username,
            message,
            at,
        }))
    }
}

/// chat-downloader's JSON array output.
pub fn read_chat_downloader(reader: Box<dyn BufRead>, tally: &mut Tally, sink: Sink) -> Result<()> {
    let mut err = None;
    let mut f = |i, item: Node<CdItem>| {
        tally.entries += 1;
        match item.entry().and_then(CdItem::into_message) {
            Ok(Some(m)) => sink(m),
            Ok(None) => {
                tally.skipped += 1;
                Ok(())
            }
            Err(reason) => Err(bad_entry(i, &reason)),
        }
    };
    let mut de = serde_json::Deserializer::from_reader(buffered(reader));
    de.deserialize_any(Each {
        f: &mut f,
        err: &mut err,
        not_array: &|| Error::invalid("Invalid chat data: expected a JSON array"),
        _e: PhantomData,
    })
    .and_then(|()| de.end())
    .map_err(|e| failure(err, e))
}
