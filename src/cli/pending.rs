//! Temporary: the error of commands whose implementation has not landed yet.
//! Deleted once every command group is implemented.

pub fn pending(what: &str) -> crate::Error {
    crate::Error::state(format!("{what} is not available in this build yet"))
}
