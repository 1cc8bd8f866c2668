//! Vote tokens: `thisgame++`/`thisgame--` in a chat line, and the dedupe hash of a message.

use sha2::{Digest, Sha256};

pub use crate::core::vocab::VoteKind;

impl VoteKind {
    /// The chat token of this vote (`thisgame++` / `thisgame--`).
    pub fn token(self) -> &'static str {
        match self {
            VoteKind::Up => "thisgame++",
            VoteKind::Down => "thisgame--",
        }
    }
}

/// The vote a chat message carries: a whitespace-separated token equal (ignoring ASCII case)
/// to `thisgame++` or `thisgame--`. Repeating the same token is still one vote; a message
/// carrying both tokens, or neither, is no vote.
pub fn parse_vote(message: &str) -> Option<VoteKind> {
    // Cheap reject for the vast majority of chat lines.
    if message.len() < 10 {
        return None;
    }
    let (mut up, mut down) = (false, false);
    for token in message.split_whitespace() {
        if token.len() != 10 {
            continue;
        }
        if token.eq_ignore_ascii_case("thisgame++") {
            up = true;
        } else if token.eq_ignore_ascii_case("thisgame--") {
            down = true;
        }
    }
    match (up, down) {
        (true, false) => Some(VoteKind::Up),
        (false, true) => Some(VoteKind::Down),
        _ => None,
    }
}

/// SHA-256 hex of `username:message:timestamp` (timestamp in its stored form).
pub fn message_hash(username: &str, message: &str, timestamp: &str) -> String {
    let mut buf = [0u8; 64];
    hash_into(&mut buf, username, message, timestamp).to_string()
}

/// [`message_hash`] into a stack buffer (the digest and hex encoding allocate nothing).
fn hash_into<'b>(buf: &'b mut [u8; 64], username: &str, message: &str, timestamp: &str) -> &'b str {
    let digest = Sha256::new()
        .chain_update(username.as_bytes())
        .chain_update(b":")
        .chain_update(message.as_bytes())
        .chain_update(b":")
        .chain_update(timestamp.as_bytes())
        .finalize();
    // Cannot fail: 32 bytes always fit 64 hex digits, and hex digits are ASCII.
    let _ = hex::encode_to_slice(digest, buf);
    std::str::from_utf8(buf).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vote_tokens() {
        assert_eq!(parse_vote("thisgame++"), Some(VoteKind::Up));
        assert_eq!(parse_vote("THISGAME--"), Some(VoteKind::Down));
        assert_eq!(parse_vote("lol ThisGame++ yes"), Some(VoteKind::Up));
        assert_eq!(parse_vote("thisgame++ thisgame++"), Some(VoteKind::Up));
        assert_eq!(parse_vote("thisgame++ thisgame--"), None);
        assert_eq!(parse_vote("thisgame+++"), None);
        assert_eq!(parse_vote("xthisgame++"), None);
        assert_eq!(parse_vote("thisgame++!"), None);
        assert_eq!(parse_vote("\tthisgame--\n"), Some(VoteKind::Down));
        assert_eq!(parse_vote("hello"), None);
    }

    #[test]
    fn hash_is_sha256_hex() {
        let h = message_hash("alice", "thisgame++", "2026-03-15T19:12:03.000Z");
        assert_eq!(h.len(), 64);
        let mut d = Sha256::new();
        d.update(b"alice:thisgame++:2026-03-15T19:12:03.000Z");
        assert_eq!(h, hex::encode(d.finalize()));
    }
}
