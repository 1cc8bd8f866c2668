//! `jackbox session export --all --dir DIR`: one file per session, for cron jobs.
//!
//! Each file is `DIR/session-ID.EXT` ([`export::file_name`]). A file is rewritten only when
//! the `updated_at` it records differs from the session's (or `--force`), through a
//! temporary file in the same folder renamed over the old one. One session's failure does
//! not stop the others; it makes the command exit non-zero at the end.

use super::output;
use super::Ctx;
use crate::core::export::{self, Format};
use crate::core::sessions::{self, SessionFilter};
use crate::{Error, Result};
use rusqlite::Connection;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// What `--json` prints: the files written, the sessions left as they were, the failures.
#[derive(Debug, Default, Serialize)]
pub struct Report {
    pub dir: PathBuf,
    pub format: &'static str,
    pub written: Vec<Written>,
    /// Session IDs whose file was already current.
    pub unchanged: Vec<i64>,
    pub failed: Vec<Failed>,
}

#[derive(Debug, Serialize)]
pub struct Written {
    #[serde(rename = "sessionId")]
    pub session_id: i64,
    pub file: PathBuf,
    pub updated_at: String,
}

#[derive(Debug, Serialize)]
pub struct Failed {
    #[serde(rename = "sessionId")]
    pub session_id: i64,
    pub error: String,
}

pub fn run(
    ctx: &Ctx,
    conn: &Connection,
    filter: &SessionFilter,
    dir: &Path,
    format: Format,
    force: bool,
) -> Result<()> {
    let mut list = sessions::list_filtered(conn, filter)?;
    // Oldest first: the order people read a folder of game nights in.
    list.sort_by_key(|s| s.id);
    std::fs::create_dir_all(dir).map_err(|e| super::file_error("create directory", dir, e))?;
    let mut report = Report {
        dir: dir.to_path_buf(),
        format: format.as_str(),
        ..Report::default()
    };
    for s in &list {
        let path = dir.join(export::file_name(s.id, format));
        if !force && saved_stamp(&path, format).as_deref() == Some(s.updated_at.as_str()) {
            report.unchanged.push(s.id);
            continue;
        }
        match export_one(conn, s.id, format, &path) {
            Ok(updated_at) => {
                if ctx.quiet {
                    output::line(&s.id.to_string());
                } else if !ctx.json {
                    output::line(&format!("wrote {}", path.display()));
                }
                report.written.push(Written {
                    session_id: s.id,
                    file: path,
                    updated_at,
                });
            }
            Err(e) => {
                eprintln!("error: session {}: {}", s.id, e.message);
                report.failed.push(Failed {
                    session_id: s.id,
                    error: e.message,
                });
            }
        }
    }
    if ctx.json && !ctx.quiet {
        output::json(&report)?;
    } else if !ctx.quiet {
        output::line(&format!(
            "{} written, {} unchanged, {} failed ({} sessions in {})",
            report.written.len(),
            report.unchanged.len(),
            report.failed.len(),
            list.len(),
            dir.display()
        ));
    }
    if report.failed.is_empty() {
        Ok(())
    } else {
        Err(Error::storage(format!(
            "{} of {} exports failed",
            report.failed.len(),
            list.len()
        )))
    }
}

/// The `updated_at` of the export already at `path`, if there is a readable one.
fn saved_stamp(path: &Path, format: Format) -> Option<String> {
    export::stamp(format, &std::fs::read(path).ok()?)
}

/// Renders one session and puts it at `path`; returns the `updated_at` it records.
fn export_one(conn: &Connection, id: i64, format: Format, path: &Path) -> Result<String> {
    let doc = export::gather(conn, id)?;
    let (_, mut body) = export::render(&doc, format)?;
    if !body.ends_with('\n') {
        body.push('\n');
    }
    write_atomically(path, body.as_bytes()).map_err(|e| super::file_error("write", path, e))?;
    Ok(doc.updated_at)
}

/// Writes `data` to a temporary file beside `path`, flushes it to disk, and renames it over
/// `path`: readers (and a crash) see the old file or the new one, never a part.
fn write_atomically(path: &Path, data: &[u8]) -> std::io::Result<()> {
    let name = path.file_name().unwrap_or_default().to_string_lossy();
    let tmp = path.with_file_name(format!(".{name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(data)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}
