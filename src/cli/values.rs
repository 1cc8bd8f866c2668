//! clap adapters for the fixed value sets of the core (statuses, formats, filters): any case
//! is accepted on the command line (`PLAYED`, `Json`), and the values show in `--help`, in
//! usage lines and in the shell completions.
//!
//! Two kinds: [`choice`] lets clap reject an unknown value (usage error, exit 2), for
//! options that exist only on the command line; [`core_checked`] only lowercases and
//! leaves the check to the core parser, so a bad value gets the API's own message and the
//! invalid-data exit code (4), exactly as the same value sent over HTTP gets a 400.

use clap::builder::{PossibleValue, PossibleValuesParser, StringValueParser, TypedValueParser};
use std::ffi::OsStr;

/// A value from a fixed set, in any case, delivered lowercased.
#[derive(Clone, Debug)]
pub struct Choice {
    values: Vec<&'static str>,
    /// Whether clap rejects values outside the set (else the core does).
    checked: bool,
}

/// One of `values`, any case; anything else is a usage error.
pub fn choice(values: &'static [&'static str]) -> Choice {
    Choice {
        values: values.to_vec(),
        checked: true,
    }
}

/// `auto` (let the command find out) or one of `values`, any case; anything else is a
/// usage error.
pub fn auto_or(values: impl IntoIterator<Item = &'static str>) -> Choice {
    Choice {
        values: std::iter::once(AUTO).chain(values).collect(),
        checked: true,
    }
}

/// The value of [`auto_or`] that names none of the others.
pub const AUTO: &str = "auto";

/// One of `values`, any case; anything else is passed on for the core to refuse.
pub fn core_checked(values: &'static [&'static str]) -> Choice {
    Choice {
        values: values.to_vec(),
        checked: false,
    }
}

impl TypedValueParser for Choice {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<String, clap::Error> {
        let lower = StringValueParser::new()
            .parse_ref(cmd, arg, value)?
            .to_ascii_lowercase();
        if self.checked {
            // clap's own message (with the list of values) for anything else.
            PossibleValuesParser::new(self.values.iter().copied()).parse_ref(
                cmd,
                arg,
                OsStr::new(&lower),
            )
        } else {
            Ok(lower)
        }
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.values.iter().map(|v| PossibleValue::new(*v))))
    }
}
