//! The harness: a temporary database per test and helpers that run the real binary.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

pub const BIN: &str = env!("CARGO_BIN_EXE_jackbox");

/// A fresh temporary folder with its own database file.
pub struct Env {
    pub dir: tempfile::TempDir,
    pub db: PathBuf,
}

/// What a finished command printed.
#[derive(Debug)]
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    fn from(out: Output) -> Self {
        Run {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
    /// Parses stdout as JSON.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|e| panic!("stdout is not JSON ({e}): {}", self.stdout))
    }
}

impl Env {
    pub fn new() -> Self {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("jackbox.db");
        Env { dir, db }
    }

    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// A `jackbox` command on this database, with a clean environment.
    pub fn command(&self) -> Command {
        let mut c = Command::new(BIN);
        c.env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("HOME", self.dir.path())
            .env("JACKBOX_DB", &self.db)
            .env("NO_COLOR", "1")
            .current_dir(self.dir.path())
            .stdin(Stdio::null());
        c
    }

    /// Runs `jackbox ARGS…`.
    pub fn run(&self, args: &[&str]) -> Run {
        Run::from(self.command().args(args).output().expect("run jackbox"))
    }

    /// Runs `jackbox ARGS…` with `input` on stdin.
    pub fn run_stdin(&self, args: &[&str], input: &[u8]) -> Run {
        use std::io::Write;
        let mut child = self
            .command()
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("spawn jackbox");
        child.stdin.take().unwrap().write_all(input).unwrap();
        Run::from(child.wait_with_output().unwrap())
    }

    /// Runs and asserts exit code 0; returns stdout.
    pub fn ok(&self, args: &[&str]) -> String {
        let r = self.run(args);
        assert_eq!(r.code, 0, "jackbox {args:?} failed: {}", r.stderr);
        r.stdout
    }

    /// Runs with `--json`, asserts success, parses stdout.
    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        let mut all = vec!["--json"];
        all.extend_from_slice(args);
        let r = self.run(&all);
        assert_eq!(r.code, 0, "jackbox {all:?} failed: {}", r.stderr);
        r.json()
    }

    /// Runs, asserts the exit code and that stderr starts with `error: MESSAGE`.
    pub fn fails(&self, args: &[&str], code: i32, message: &str) -> Run {
        let r = self.run(args);
        assert_eq!(r.code, code, "jackbox {args:?}: stderr {}", r.stderr);
        let first = r.stderr.lines().next().unwrap_or_default();
        assert_eq!(first, format!("error: {message}"), "jackbox {args:?}");
        r
    }

    /// Creates the database (schema and built-in catalog), as the first writing command
    /// would: commands that only read refuse a missing file.
    pub fn init(&self) -> &Self {
        drop(self.conn());
        self
    }

    /// A direct connection to the database, to check rows.
    pub fn conn(&self) -> rusqlite::Connection {
        jackbox::store::open(&self.db).expect("open db")
    }

    /// `SELECT …` returning one integer.
    pub fn count(&self, sql: &str) -> i64 {
        self.conn().query_row(sql, [], |r| r.get(0)).unwrap()
    }
}

/// The repository root (for checked-in files).
pub fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The outbox rows of one type, oldest first, parsed (`{ type, timestamp, data }`).
pub fn events(env: &Env, kind: &str) -> Vec<serde_json::Value> {
    let conn = env.conn();
    let mut stmt = conn
        .prepare("SELECT payload FROM events WHERE type = ?1 ORDER BY id")
        .unwrap();
    let rows = stmt
        .query_map([kind], |r| r.get::<_, String>(0))
        .unwrap()
        .map(|p| serde_json::from_str(&p.unwrap()).unwrap())
        .collect();
    rows
}

/// The `data` of the outbox events of `kind`, in order.
pub fn event_data(env: &Env, kind: &str) -> Vec<serde_json::Value> {
    events(env, kind)
        .into_iter()
        .map(|mut e| e["data"].take())
        .collect()
}
