//! The one error type of the core, carrying the user-facing message.
//!
//! Each face maps it once: `Error::http_status` for the daemon, `Error::exit_code` for the
//! CLI. The message is the exact string of the spec, shared by both faces.

use serde_json::{Map, Value};
use std::fmt;

pub type Result<T, E = Error> = std::result::Result<T, E>;

/// What went wrong, as far as a caller needs to react to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorKind {
    /// A session, game, session game or webhook does not exist (404, exit 3).
    NotFound,
    /// Input data is malformed (400, exit 4): bad room code, bad chat file, bad CSV.
    Invalid,
    /// The request is well-formed but the current state forbids it (400, exit 1).
    State,
    /// A uniqueness rule was violated (409, exit 1).
    Duplicate,
    /// A database uniqueness constraint refused a write: another writer got there first
    /// (409, exit 1). Code that knows which rule it was turns it into a better message.
    Conflict,
    /// A known path asked with a method it does not serve (405).
    MethodNotAllowed,
    /// A plain request where only a WebSocket upgrade is served (426).
    UpgradeRequired,
    /// The database file is damaged (corrupt pages, not a database): 503, exit 1. The
    /// daemon refuses further writes once it has seen this.
    Damaged,
    /// Authentication missing (401).
    Unauthorized,
    /// Authentication presented but not accepted (403).
    Forbidden,
    /// Too many attempts (429).
    TooMany,
    /// A required configuration is missing (503).
    Unavailable,
    /// Storage or I/O failure (500, exit 1).
    Storage,
    /// A request body over the size limit (413).
    TooLarge,
    /// A request body that stopped arriving before it was complete (408, S5).
    Timeout,
    /// A request head over the size or header-count limit (431, S5).
    HeadTooLarge,
    /// A request body that is not of the media type the route reads (415).
    UnsupportedMediaType,
}

/// The exit codes of the `jackbox` command, the one reference for them: the README's and
/// `docs/cli.md`'s tables, `jackbox --help` and the man pages' EXIT STATUS section repeat
/// [`ExitCode::meaning`], and a test checks the documents against this list.
///
/// | code | meaning |
/// |---|---|
/// | 0 | success |
/// | 1 | operation failed (conflict, invalid state, I/O) |
/// | 2 | usage error (bad arguments) |
/// | 3 | not found (database file, session, game, session game, webhook) |
/// | 4 | invalid input data (bad room code, bad chat file, bad CSV) |
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExitCode {
    Success = 0,
    Failed = 1,
    /// clap's own code for a bad command line.
    Usage = 2,
    NotFound = 3,
    InvalidData = 4,
}

impl ExitCode {
    pub const ALL: [ExitCode; 5] = [
        ExitCode::Success,
        ExitCode::Failed,
        ExitCode::Usage,
        ExitCode::NotFound,
        ExitCode::InvalidData,
    ];

    /// The meaning column of the documented table.
    pub fn meaning(self) -> &'static str {
        match self {
            ExitCode::Success => "success",
            ExitCode::Failed => "operation failed (conflict, invalid state, I/O)",
            ExitCode::Usage => "usage error (bad arguments)",
            ExitCode::NotFound => "not found (database file, session, game, session game, webhook)",
            ExitCode::InvalidData => "invalid input data (bad room code, bad chat file, bad CSV)",
        }
    }
}

#[derive(Debug, Clone)]
pub struct Error {
    pub kind: ErrorKind,
    pub message: String,
    /// Extra JSON fields of the HTTP error body (e.g. `activeSessionId`). Boxed: errors
    /// travel in every `Result`, so the common case stays one pointer wide.
    pub extra: Option<Box<Map<String, Value>>>,
    /// A CLI hint printed after the error line.
    pub hint: Option<String>,
}

impl Error {
    pub fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
            extra: None,
            hint: None,
        }
    }
    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::NotFound, message)
    }
    pub fn invalid(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Invalid, message)
    }
    pub fn state(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::State, message)
    }
    pub fn duplicate(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Duplicate, message)
    }
    pub fn storage(message: impl Into<String>) -> Self {
        Self::new(ErrorKind::Storage, message)
    }

    /// Adds a field to the HTTP error body.
    pub fn with_extra(mut self, key: &str, value: impl Into<Value>) -> Self {
        self.extra
            .get_or_insert_with(Default::default)
            .insert(key.to_string(), value.into());
        self
    }

    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    pub fn http_status(&self) -> u16 {
        match self.kind {
            ErrorKind::NotFound => 404,
            ErrorKind::Invalid | ErrorKind::State => 400,
            ErrorKind::Duplicate | ErrorKind::Conflict => 409,
            ErrorKind::MethodNotAllowed => 405,
            ErrorKind::UpgradeRequired => 426,
            ErrorKind::Unauthorized => 401,
            ErrorKind::Forbidden => 403,
            ErrorKind::TooMany => 429,
            ErrorKind::Unavailable | ErrorKind::Damaged => 503,
            ErrorKind::Storage => 500,
            ErrorKind::TooLarge => 413,
            ErrorKind::Timeout => 408,
            ErrorKind::HeadTooLarge => 431,
            ErrorKind::UnsupportedMediaType => 415,
        }
    }

    pub fn exit_code(&self) -> i32 {
        let code = match self.kind {
            ErrorKind::NotFound => ExitCode::NotFound,
            ErrorKind::Invalid => ExitCode::InvalidData,
            _ => ExitCode::Failed,
        };
        code as i32
    }

    /// The `{ "error": …, …extra }` body of the HTTP face.
    pub fn to_json(&self) -> Value {
        let mut body = Map::new();
        body.insert("error".into(), Value::String(self.message.clone()));
        if let Some(extra) = &self.extra {
            for (k, v) in extra.iter() {
                body.insert(k.clone(), v.clone());
            }
        }
        Value::Object(body)
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}

/// The hint for a damaged database file (one place: CLI and daemon start-up alike).
pub const DAMAGED_HINT: &str = "restore a backup (made by: jackbox db backup PATH), or salvage \
what is left: sqlite3 FILE '.recover' | sqlite3 repaired.db; `jackbox db check` lists the damage";

impl From<rusqlite::Error> for Error {
    fn from(e: rusqlite::Error) -> Self {
        use rusqlite::ErrorCode as C;
        // The causes a user can act on get their own message and a hint naming the cause
        // (never "upgrade jackbox" for a full disk).
        if let Some(code) = e.sqlite_error_code() {
            match code {
                C::DatabaseCorrupt | C::NotADatabase => {
                    return Error::new(
                        ErrorKind::Damaged,
                        format!("The database file is damaged ({e})"),
                    )
                    .with_hint(DAMAGED_HINT)
                }
                C::DiskFull => {
                    return Error::storage(format!("The disk is full: cannot write the database ({e})"))
                        .with_hint("free some space on the disk that holds the database, then retry")
                }
                C::ReadOnly | C::CannotOpen | C::PermissionDenied => {
                    return Error::storage(format!(
                        "The database cannot be written: the file or its folder is read-only or not accessible ({e})"
                    ))
                    .with_hint(
                        "check the permissions of the database file and of its folder: jackbox also \
                         creates FILE-wal and FILE-shm next to it",
                    )
                }
                // Only after waiting the whole busy timeout: said as what it is, not as
                // SQLite's "database is locked" 500.
                C::DatabaseBusy | C::DatabaseLocked => {
                    return Error::new(
                        ErrorKind::Unavailable,
                        "The database is busy with another long write; try again in a moment",
                    )
                    .with_hint("another jackbox command or the daemon holds the database for a large change (a chat import); retry when it is done")
                }
                C::SystemIoFailure => {
                    return Error::storage(format!("I/O error on the database file ({e})"))
                        .with_hint("check the disk (dmesg, df); `jackbox db check` tells whether the file is intact")
                }
                _ => {}
            }
        }
        let kind = match e.sqlite_error() {
            Some(f)
                if f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_UNIQUE
                    || f.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_PRIMARYKEY =>
            {
                ErrorKind::Conflict
            }
            _ => ErrorKind::Storage,
        };
        Error::new(kind, format!("database error: {e}"))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::storage(format!("I/O error: {e}"))
    }
}

impl From<serde_json::Error> for Error {
    fn from(e: serde_json::Error) -> Self {
        Error::storage(format!("JSON error: {e}"))
    }
}
