//! Room codes: the four-character shape every room code has (`A-Z0-9`), the one message
//! for a code that does not, and the hint for a code typed in small letters. Used by the
//! session games, the room monitor and both faces; depends on nothing else in the core.

use crate::{Error, Result};

pub const ROOM_CODE_ERROR: &str = "Invalid room code. Must be exactly 4 characters (A-Z, 0-9)";

fn well_formed(code: &str) -> bool {
    code.len() == 4
        && code
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Room codes are exactly four characters of `A-Z0-9`.
pub fn validate_room_code(code: &str) -> Result<()> {
    if well_formed(code) {
        Ok(())
    } else {
        let e = Error::invalid(ROOM_CODE_ERROR);
        Err(match room_code_case(code) {
            Some(hint) => e.with_hint(hint),
            None => e,
        })
    }
}

/// For a refused room code that would be valid in capitals.
pub fn room_code_case(code: &str) -> Option<String> {
    let upper = code.to_ascii_uppercase();
    (upper != code && well_formed(&upper)).then(|| format!("room codes are in capitals: {upper}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn room_code_case_only_for_fixable_codes() {
        assert_eq!(
            room_code_case("abcd").as_deref(),
            Some("room codes are in capitals: ABCD")
        );
        assert_eq!(room_code_case("ABCD"), None);
        assert_eq!(room_code_case("abcde"), None);
    }
}
