//! The benchmark of `quality.md` (P1–P8), of issue 18's raised targets and of issue 21's chat
//! burst (P10, `chat.rs`): generates the big
//! database, runs the real `jackbox` binary (daemon and CLI) against it, measures every speed
//! and memory target next to its reference where the target is a ratio, repeats the
//! measurements (`--runs N`, 3 by default) and prints one table of medians.
//!
//! `bash bench/run.sh` builds in release mode and runs it; `--quick` runs every measurement
//! once at a small size (CI runs it so the benchmark never rots; its figures are not
//! asserted). See docs/benchmark.md.

mod bare;
mod chat;
// The browser tests' DevTools client, so P9 drives Chromium exactly as they do.
#[path = "../../tests/it/cdp.rs"]
mod cdp;
mod data;
// The chat tests' fake Twitch server, so P10 speaks the same captured lines.
#[path = "../../tests/it/fake_twitch.rs"]
mod fake_twitch;
mod hold;
mod http;
mod login;
mod ws;

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

const ADMIN_KEY: &str = "bench-admin-key";
const JWT_SECRET: &str = "bench-jwt-secret-0123456789abcdef";

struct Cfg {
    quick: bool,
    sizes: data::Sizes,
    load: Duration,
    warmup: Duration,
    p1_rounds: usize,
    /// How many times P3, P4, P6 and P8 are measured (medians are reported).
    runs: usize,
    p3: Duration,
    chat_messages: usize,
    p5_runs: usize,
    ws_clients: usize,
    p6_posts: usize,
    p7_adds: usize,
    /// P9: page loads of the console, and CLI adds watched on the overlay.
    p9_loads: usize,
    p9_adds: usize,
    /// P10: the live chat burst.
    chat_burst: chat::Size,
    only: Option<Vec<String>>,
}

impl Cfg {
    fn new(quick: bool, only: Option<Vec<String>>) -> Cfg {
        if quick {
            Cfg {
                quick,
                sizes: data::Sizes {
                    closed_sessions: 50,
                    session_games: 1_000,
                    chat_logs: 5_000,
                },
                load: Duration::from_millis(1000),
                warmup: Duration::from_millis(200),
                p1_rounds: 1,
                runs: 1,
                p3: Duration::from_secs(2),
                chat_messages: 10_000,
                p5_runs: 5,
                ws_clients: 50,
                p6_posts: 5,
                p7_adds: 5,
                p9_loads: 2,
                p9_adds: 2,
                chat_burst: chat::Size {
                    rate: 500,
                    secs: 2,
                    users: 500,
                },
                only,
            }
        } else {
            Cfg {
                quick,
                sizes: data::Sizes {
                    closed_sessions: 1_000,
                    session_games: 20_000,
                    chat_logs: 200_000,
                },
                load: Duration::from_secs(5),
                warmup: Duration::from_secs(1),
                p1_rounds: 5,
                runs: 3,
                p3: Duration::from_secs(30),
                chat_messages: 1_000_000,
                p5_runs: 21,
                ws_clients: 10_000,
                p6_posts: 30,
                p7_adds: 50,
                p9_loads: 10,
                p9_adds: 10,
                chat_burst: chat::Size {
                    rate: 2_000,
                    secs: 30,
                    users: 5_000,
                },
                only,
            }
        }
    }
    fn runs(&self, id: &str) -> bool {
        self.only
            .as_ref()
            .is_none_or(|o| o.iter().any(|x| x.eq_ignore_ascii_case(id)))
    }
}

/// One line of the final table.
struct Row {
    id: &'static str,
    what: &'static str,
    measured: String,
    reference: String,
    target: &'static str,
    /// `None`: not measured (n/a).
    pass: Option<bool>,
}

pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let rank = ((p / 100.0) * sorted.len() as f64).ceil() as usize;
    sorted[rank.clamp(1, sorted.len()) - 1]
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

fn median<T: PartialOrd + Copy + Default>(mut v: Vec<T>) -> T {
    v.sort_by(|a, b| a.partial_cmp(b).unwrap_or(std::cmp::Ordering::Equal));
    v.get(v.len() / 2).copied().unwrap_or_default()
}

/// Every run's figure, for the reference column: `[a, b, c]`.
fn each<T>(v: &[T], f: impl Fn(&T) -> String) -> String {
    format!("[{}]", v.iter().map(f).collect::<Vec<_>>().join(", "))
}

/// A field of `/proc/PID/status` in kB (`VmRSS`, `VmHWM`).
fn proc_kb(pid: u32, field: &str) -> Option<u64> {
    let s = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    s.lines()
        .find(|l| l.starts_with(field) && l[field.len()..].starts_with(':'))?
        .split_whitespace()
        .nth(1)?
        .parse()
        .ok()
}

fn mb(kb: u64) -> String {
    format!("{:.1} MB", kb as f64 / 1024.0)
}

/// A server process and the address it printed (`listening on http://ADDR` on stderr).
struct Server {
    child: Child,
    addr: SocketAddr,
}

impl Server {
    fn start(mut cmd: Command) -> Server {
        let mut child = cmd
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start server");
        let stderr = child.stderr.take().expect("stderr");
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || {
            let mut sent = false;
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                if !sent {
                    if let Some(a) = line.strip_prefix("listening on http://") {
                        let _ = tx.send(a.trim().to_string());
                        sent = true;
                        continue;
                    }
                }
                eprintln!("  [server] {line}");
            }
        });
        let addr = match rx.recv_timeout(Duration::from_secs(30)) {
            Ok(a) => a.parse().expect("server address"),
            Err(_) => {
                let _ = child.kill();
                panic!("the server did not start (no `listening on` line within 30 s)");
            }
        };
        Server { child, addr }
    }
    fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

struct Bench {
    cfg: Cfg,
    bin: PathBuf,
    db: PathBuf,
    /// A copy of the big database as generated: P3 and P4 runs each start from a copy.
    pristine: PathBuf,
    dir: tempfile::TempDir,
    active: i64,
    games: Vec<i64>,
    rows: Vec<Row>,
}

impl Bench {
    fn jackbox(&self) -> Command {
        self.jackbox_on(&self.db)
    }

    fn jackbox_on(&self, db: &Path) -> Command {
        let mut c = Command::new(&self.bin);
        c.arg("--db")
            .arg(db)
            .env("JACKBOX_ADMIN_KEY", ADMIN_KEY)
            .env("JACKBOX_JWT_SECRET", JWT_SECRET)
            .env("NO_COLOR", "1")
            .env_remove("JACKBOX_DB");
        c
    }

    fn row(&mut self, row: Row) {
        let verdict = match row.pass {
            Some(true) => "PASS",
            Some(false) => "FAIL",
            None => "n/a",
        };
        println!(
            "  => {} {}: {} (reference {}; target {}) {}",
            row.id, row.what, row.measured, row.reference, row.target, verdict
        );
        self.rows.push(row);
    }

    fn token(&self) -> String {
        self.token_on(&self.db)
    }

    /// A minted admin token stored in `db` (the daemon checks it against its own file).
    fn token_on(&self, db: &Path) -> String {
        let out = self
            .jackbox_on(db)
            .args(["auth", "token"])
            .output()
            .expect("jackbox auth token");
        assert!(out.status.success(), "jackbox auth token failed");
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    fn p5(&mut self) {
        println!(
            "P5: `jackbox session list --json` vs the sqlite3 shell, {} runs each",
            self.cfg.p5_runs
        );
        let Some(sqlite3) = which("sqlite3") else {
            self.row(Row {
                id: "P5",
                what: "session list --json",
                measured: "n/a (no sqlite3 shell; bench/run.sh installs it)".into(),
                reference: "-".into(),
                target: "<= 2x sqlite3",
                pass: None,
            });
            return;
        };
        let sql = "SELECT s.id, s.notes, s.is_active, s.created_at, s.closed_at, \
             s.games_played FROM sessions s ORDER BY s.created_at DESC, s.id DESC";
        let ours = || {
            let mut c = self.jackbox();
            c.args(["session", "list", "--json"]);
            c
        };
        let theirs = || {
            let mut c = Command::new(&sqlite3);
            c.arg("-json").arg(&self.db).arg(sql);
            c
        };
        // Same answer first (as many rows).
        let count = |mut c: Command| -> usize {
            let out = c.output().expect("run");
            serde_json::from_slice::<serde_json::Value>(&out.stdout)
                .ok()
                .and_then(|v| v.as_array().map(Vec::len))
                .unwrap_or(0)
        };
        let (a, b) = (count(ours()), count(theirs()));
        println!("  rows: jackbox {a}, sqlite3 {b}");
        let time = |mut c: Command| -> Duration {
            let t = Instant::now();
            let st = c.stdout(Stdio::null()).status().expect("run");
            let d = t.elapsed();
            assert!(st.success(), "command failed: {c:?}");
            d
        };
        let (mut tj, mut ts) = (Vec::new(), Vec::new());
        for _ in 0..self.cfg.p5_runs {
            tj.push(time(ours()));
            ts.push(time(theirs()));
        }
        let (j, s) = (median(tj), median(ts));
        let ratio = j.as_secs_f64() / s.as_secs_f64();
        self.row(Row {
            id: "P5",
            what: "session list --json (median wall)",
            measured: format!("{} ({ratio:.2}x)", ms(j)),
            reference: format!("sqlite3 -json {}", ms(s)),
            target: "<= 2x sqlite3",
            pass: Some(ratio <= 2.0 && a == b && a > 0),
        });
    }

    /// Games of the active session in `db`.
    fn session_games(&self, db: &Path) -> i64 {
        rusqlite::Connection::open(db)
            .and_then(|c| {
                c.query_row(
                    "SELECT COUNT(*) FROM session_games WHERE session_id = ?1",
                    [self.active],
                    |r| r.get(0),
                )
            })
            .unwrap_or(-1)
    }

    /// A fresh copy of the big database as generated, for one P3 or P4 run.
    fn fresh_copy(&self, name: &str) -> PathBuf {
        let db = self.dir.path().join(name);
        for suffix in ["", "-wal", "-shm"] {
            let mut p = db.as_os_str().to_owned();
            p.push(suffix);
            let _ = std::fs::remove_file(PathBuf::from(p));
        }
        std::fs::copy(&self.pristine, &db).expect("copy the big database");
        db
    }

    fn p4(&mut self) {
        let n = self.cfg.chat_messages;
        let scale = if self.cfg.quick { "10k" } else { "1M" };
        for (order, shuffled) in [("time order", false), ("shuffled", true)] {
            let file = self
                .dir
                .path()
                .join(format!("chat-{}.json", shuffled as u8));
            let t = Instant::now();
            let start = chrono::Utc::now() - chrono::Duration::minutes(50);
            let size = data::chat_log(&file, n, start, shuffled);
            println!(
                "P4: `jackbox chat import` of {n} messages, {order} ({:.1} MB, written in {:.1} s), {} run(s)",
                size as f64 / 1e6,
                t.elapsed().as_secs_f64(),
                self.cfg.runs
            );
            let mut walls = Vec::new();
            let mut peaks = Vec::new();
            let mut cpus = Vec::new();
            for run in 1..=self.cfg.runs {
                let db = self.fresh_copy("p4.db");
                let load = load_average();
                let Some((wall, peak_kb, stored, cpu)) = self.import_once(&db, &file) else {
                    self.row(Row {
                        id: "P4",
                        what: "chat import",
                        measured: "n/a (not built)".into(),
                        reference: "-".into(),
                        target: "<= 2.5 s, peak RSS <= 100 MB",
                        pass: None,
                    });
                    return;
                };
                let cpu_text =
                    cpu.map_or("n/a".to_string(), |c| format!("{:.2} s", c.as_secs_f64()));
                println!(
                    "  run {run}: {:.2} s wall, CPU (user + sys) {cpu_text}, peak RSS {}, chat_logs rows now {stored}, load average {load}",
                    wall.as_secs_f64(),
                    mb(peak_kb)
                );
                walls.push(wall);
                peaks.push(peak_kb);
                cpus.extend(cpu);
            }
            let cpu = if cpus.is_empty() {
                "CPU n/a".to_string()
            } else {
                format!(
                    "CPU {:.2} s (runs {} s)",
                    median(cpus.clone()).as_secs_f64(),
                    each(&cpus, |c| format!("{:.2}", c.as_secs_f64()))
                )
            };
            let (wall, peak) = (median(walls.clone()), median(peaks.clone()));
            self.row(Row {
                id: "P4",
                what: if shuffled {
                    "chat import, shuffled log"
                } else {
                    "chat import, log in time order"
                },
                measured: format!("{:.2} s wall, peak RSS {}", wall.as_secs_f64(), mb(peak)),
                reference: format!(
                    "{scale} messages, {:.1} MB file; runs {} s, {}; {cpu}",
                    size as f64 / 1e6,
                    each(&walls, |w| format!("{:.2}", w.as_secs_f64())),
                    each(&peaks, |p| mb(*p))
                ),
                target: "<= 2.5 s, peak RSS <= 100 MB",
                pass: Some(wall <= Duration::from_millis(2500) && peak > 0 && peak <= 100 * 1024),
            });
        }
    }

    /// P4's limit on this machine: the import's own `INSERT` (the same SQL, one row per
    /// statement, then 64 rows per statement as the import runs it) of the same 1M rows in
    /// time order, their timestamps and hashes computed beforehand, in one transaction with
    /// the import's page cache, in a tight loop on one connection in this process: no
    /// parsing, no hashing, no staging, no vote counting. Commit included. CPU is this
    /// process's user + system time.
    fn p4_limit(&mut self) {
        use jackbox::core::votes::token::message_hash;
        let n = self.cfg.chat_messages;
        let base = (chrono::Utc::now() - chrono::Duration::minutes(50)).timestamp_millis();
        let sgid: i64 = rusqlite::Connection::open(&self.pristine)
            .and_then(|c| {
                c.query_row(
                    "SELECT max(id) FROM session_games WHERE session_id = ?1",
                    [self.active],
                    |r| r.get(0),
                )
            })
            .unwrap_or(1);
        let rows: Vec<LimitRow> = (0..n)
            .map(|i| {
                let at =
                    chrono::DateTime::from_timestamp_millis(base + i as i64 * 10).expect("time");
                let ts = jackbox::time::format(at);
                let (text, vote) = match i % 50 {
                    0 => ("thisgame++", Some("up")),
                    1 => ("thisgame--", Some("down")),
                    _ => ("gg", None),
                };
                let user = format!("u{}", i % 20000);
                let message = format!("{text} {i}");
                let hash = message_hash(&user, &message, &ts);
                LimitRow {
                    user,
                    message,
                    ts,
                    vote,
                    sgid: vote.map(|_| sgid),
                    hash,
                }
            })
            .collect();
        let mut figures = Vec::new();
        for per in [1usize, 64] {
            let db = self.fresh_copy("p4-limit.db");
            let conn = jackbox::store::open(&db).expect("open");
            conn.pragma_update(None, "cache_size", -32768)
                .expect("cache");
            let mut sql = String::from(
                "INSERT OR IGNORE INTO chat_logs (session_id, username, message, timestamp, vote, session_game_id, message_hash) VALUES ",
            );
            sql.push_str(&vec!["(?, ?, ?, ?, ?, ?, ?)"; per].join(", "));
            let cpu0 = cpu_time(std::process::id()).unwrap_or_default();
            let start = Instant::now();
            conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
            {
                let mut st = conn.prepare(&sql).expect("prepare");
                for chunk in rows.chunks(per) {
                    if chunk.len() < per {
                        let tail = sql.replacen(
                            &vec!["(?, ?, ?, ?, ?, ?, ?)"; per].join(", "),
                            &vec!["(?, ?, ?, ?, ?, ?, ?)"; chunk.len()].join(", "),
                            1,
                        );
                        st = conn.prepare(&tail).expect("prepare");
                    }
                    for (k, r) in chunk.iter().enumerate() {
                        let at = k * 7;
                        st.raw_bind_parameter(at + 1, self.active).expect("bind");
                        st.raw_bind_parameter(at + 2, &r.user).expect("bind");
                        st.raw_bind_parameter(at + 3, &r.message).expect("bind");
                        st.raw_bind_parameter(at + 4, &r.ts).expect("bind");
                        st.raw_bind_parameter(at + 5, r.vote).expect("bind");
                        st.raw_bind_parameter(at + 6, r.sgid).expect("bind");
                        st.raw_bind_parameter(at + 7, &r.hash).expect("bind");
                    }
                    st.raw_execute().expect("insert");
                }
            }
            conn.execute_batch("COMMIT").expect("commit");
            drop(conn);
            let wall = start.elapsed();
            let cpu = cpu_time(std::process::id())
                .unwrap_or_default()
                .saturating_sub(cpu0);
            println!(
                "P4 limit: {n} rows, {per} per statement: {:.2} s wall, {:.2} s CPU (connection closed: its checkpoint included), load average {}",
                wall.as_secs_f64(),
                cpu.as_secs_f64(),
                load_average()
            );
            figures.push((wall, cpu));
        }
        self.row(Row {
            id: "P4L",
            what: "P4's inserts in a tight loop (the limit)",
            measured: format!(
                "{:.2} s ({:.2} s CPU) one row per statement; {:.2} s ({:.2} s CPU) 64 per statement",
                figures[0].0.as_secs_f64(),
                figures[0].1.as_secs_f64(),
                figures[1].0.as_secs_f64(),
                figures[1].1.as_secs_f64()
            ),
            reference: "the import's INSERT of the same rows, precomputed, one connection, one transaction".into(),
            target: "(reference for P4)",
            pass: None,
        });
    }

    /// One `jackbox chat import` into the active session of `db`: (wall, peak RSS kB,
    /// chat_logs rows after, CPU time user + system when GNU time measured it), or `None`
    /// when this build has no importer.
    fn import_once(
        &self,
        db: &Path,
        file: &Path,
    ) -> Option<(Duration, u64, i64, Option<Duration>)> {
        let time_bin = Path::new("/usr/bin/time");
        let stats = self.dir.path().join("time.txt");
        let t = Instant::now();
        let (out, peak_kb, cpu) = if time_bin.exists() {
            let mut c = Command::new(time_bin);
            c.arg("-f")
                .arg("%e %M %U %S")
                .arg("-o")
                .arg(&stats)
                .arg(&self.bin);
            c.arg("--db").arg(db).args(["chat", "import"]).arg(file);
            c.env_remove("JACKBOX_DB");
            let out = c.output().expect("chat import");
            let last = std::fs::read_to_string(&stats)
                .ok()
                .and_then(|s| s.lines().last().map(str::to_string))
                .unwrap_or_default();
            let field = |i: usize| {
                last.split_whitespace()
                    .nth(i)
                    .and_then(|f| f.parse::<f64>().ok())
            };
            let peak = field(1).map(|kb| kb as u64);
            let cpu = field(2)
                .zip(field(3))
                .map(|(user, sys)| Duration::from_secs_f64(user + sys));
            (out, peak, cpu)
        } else {
            // No GNU time: poll VmHWM (the kernel's own high-water mark) while it runs.
            let mut child = self
                .jackbox_on(db)
                .args(["chat", "import"])
                .arg(file)
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .expect("chat import");
            let pid = child.id();
            let mut peak = 0;
            while child.try_wait().ok().flatten().is_none() {
                if let Some(kb) = proc_kb(pid, "VmHWM") {
                    peak = peak.max(kb);
                }
                std::thread::sleep(Duration::from_millis(5));
            }
            (
                child.wait_with_output().expect("chat import"),
                Some(peak),
                None,
            )
        };
        let wall = t.elapsed();
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("not available in this build") {
            return None;
        }
        if !out.status.success() {
            panic!("chat import failed: {stderr}");
        }
        let stored: i64 = rusqlite::Connection::open(db)
            .and_then(|c| c.query_row("SELECT COUNT(*) FROM chat_logs", [], |r| r.get(0)))
            .unwrap_or(-1);
        Some((wall, peak_kb.unwrap_or(0), stored, cpu))
    }

    /// P9: the web console and the overlay in headless Chromium, driven over the DevTools
    /// protocol by the browser tests' own client (`tests/it/cdp.rs`).
    fn p9(&mut self) {
        const TARGET: &str = "first render <= 300 ms; overlay update <= 1 s after a CLI write";
        let na = |why: &str| Row {
            id: "P9",
            what: "web console first render / overlay update",
            measured: format!("n/a ({why})"),
            reference: "-".into(),
            target: TARGET,
            pass: None,
        };
        if cdp::chromium().is_none() {
            self.row(na("no Chromium: apt-get install chromium"));
            return;
        }
        let daemon = self.daemon();
        if !serves_html(daemon.addr, "/") || !serves_html(daemon.addr, "/overlay") {
            self.row(na("this build serves no web console"));
            return;
        }
        let base = format!("http://{}", daemon.addr);
        let conn = rusqlite::Connection::open(&self.db).expect("open database");
        let notes: String = conn
            .query_row(
                "SELECT COALESCE(notes, 'Game night #' || id) FROM sessions WHERE id = ?1",
                [self.active],
                |r| r.get(0),
            )
            .expect("active session");
        let title = |id: i64| -> String {
            conn.query_row("SELECT title FROM games WHERE id = ?1", [id], |r| r.get(0))
                .expect("game title")
        };
        let (loads, adds) = (self.cfg.p9_loads, self.cfg.p9_adds);
        println!("P9: web console first render ({loads} page loads), overlay update after `jackbox game add` ({adds} adds), headless Chromium");
        let browser = cdp::Browser::start();
        let wait = Duration::from_secs(20);
        // First render: the moment (after the next frame) the console shows tonight's
        // session and its games, in ms since the navigation started (`performance.now()`),
        // recorded by an observer installed before any of the page's own scripts run.
        let observer = format!(
            "(() => {{ const want = {}; const o = new MutationObserver(() => {{ \
               const n = document.getElementById('night'), l = document.getElementById('list-col'); \
               if (n && n.textContent === want && l && l.children.length > 0) {{ o.disconnect(); \
                 requestAnimationFrame(() => {{ window.__p9 = performance.now(); }}); }} }}); \
               o.observe(document, {{ childList: true, subtree: true, characterData: true }}); }})()",
            serde_json::json!(notes)
        );
        let mut renders = Vec::new();
        for k in 0..loads {
            // A new tab each time; the browser's cache is warm after the first load.
            let page = browser.page(1280, 900);
            page.call(
                "Page.addScriptToEvaluateOnNewDocument",
                serde_json::json!({ "source": observer }),
            );
            page.call(
                "Page.navigate",
                serde_json::json!({ "url": format!("{base}/") }),
            );
            let (v, _) = page.wait_for("window.__p9", wait);
            let at = Duration::from_secs_f64(v.as_f64().unwrap_or(0.0) / 1000.0);
            if k == 0 {
                println!("  first load (cold cache): {}", ms(at));
            }
            renders.push(at);
            page.close();
        }
        // Overlay: a viewer token, the overlay page live, then CLI adds of two games in
        // turn; each timed from the CLI's exit (the write committed) to the overlay's card
        // naming the game.
        let out = self
            .jackbox()
            .args(["auth", "token", "--viewer", "--name", "bench overlay"])
            .output()
            .expect("jackbox auth token --viewer");
        assert!(out.status.success(), "auth token --viewer failed");
        let viewer = String::from_utf8_lossy(&out.stdout).trim().to_string();
        let page = browser.page(1920, 1080);
        page.goto(&format!(
            "{base}/overlay?token={viewer}&show=game,room,players"
        ));
        page.wait_for("document.documentElement.dataset.live === 'live'", wait);
        let mut updates = Vec::new();
        for k in 0..adds {
            let game = self.games[k % 2];
            let name = title(game);
            let out = self
                .jackbox()
                .args(["-q", "game", "add", &game.to_string()])
                .output()
                .expect("jackbox game add");
            assert!(out.status.success(), "game add failed");
            let t0 = Instant::now();
            page.wait_for(
                &format!(
                    "document.querySelector('#card').dataset.game === {}",
                    serde_json::json!(name)
                ),
                wait,
            );
            updates.push(t0.elapsed());
        }
        page.close();
        drop(browser);
        drop(daemon);
        let (first, update) = (median(renders.clone()), median(updates.clone()));
        println!(
            "  first render: {}; overlay updates: {}",
            each(&renders, |d| ms(*d)),
            each(&updates, |d| ms(*d))
        );
        self.row(Row {
            id: "P9",
            what: "web console first render / overlay update",
            measured: format!("{} / {}", ms(first), ms(update)),
            reference: format!(
                "medians of {loads} page loads (cold {}) / {adds} CLI adds (max {})",
                ms(renders[0]),
                ms(updates.iter().copied().max().unwrap_or_default())
            ),
            target: TARGET,
            pass: Some(first <= Duration::from_millis(300) && update <= Duration::from_secs(1)),
        });
    }

    fn daemon(&self) -> Server {
        let mut c = self.jackbox();
        c.args(["serve", "--bind", "127.0.0.1:0"]);
        Server::start(c)
    }

    async fn http_phase(&mut self) {
        let daemon = self.daemon();
        let pid = daemon.pid();
        let addr = daemon.addr;
        println!("daemon pid {pid} on {addr}");
        tokio::time::sleep(Duration::from_secs(1)).await;
        let idle_kb = proc_kb(pid, "VmRSS").unwrap_or(0);
        println!("P8: daemon idle RSS {}", mb(idle_kb));
        let token = self.token();
        let c = &self.cfg;

        if c.runs("P1") {
            println!(
                "P1: GET /api/sessions/active, 64 connections, {} s x {} round(s), vs a bare hyper server",
                c.load.as_secs_f64(),
                c.p1_rounds
            );
            let exe = std::env::current_exe().expect("current exe");
            let mut bc = Command::new(exe);
            bc.arg("--bare-server");
            let bare = Server::start(bc);
            // Paired rounds (bare then jackbox, back to back): the machine's load changes
            // from minute to minute, so each round's ratio compares like with like, and
            // the median round is reported.
            let mut rounds: Vec<(f64, f64)> = Vec::new();
            let mut errors = 0;
            let span = (c.load + c.warmup).as_secs_f64() / c.load.as_secs_f64();
            let mut cpu_rounds: Vec<(f64, f64)> = Vec::new();
            for round in 1..=c.p1_rounds {
                let cpu0 = cpu_time(bare.pid()).unwrap_or_default();
                let r = http::closed_loop(
                    bare.addr,
                    64,
                    c.load,
                    c.warmup,
                    http::request("GET", "/api/sessions/active", None, None),
                )
                .await;
                let bare_cpu = us_per(
                    cpu_time(bare.pid())
                        .unwrap_or_default()
                        .saturating_sub(cpu0),
                    r.requests as f64 * span,
                );
                println!(
                    "  round {round}: bare hyper {:.0} req/s (p99 {}, {bare_cpu:.1} us CPU/request)",
                    r.rps(),
                    ms(r.percentile(99.0))
                );
                let bare_rps = r.rps();
                let cpu0 = cpu_time(pid).unwrap_or_default();
                let r = http::closed_loop(
                    addr,
                    64,
                    c.load,
                    c.warmup,
                    http::request("GET", "/api/sessions/active", None, None),
                )
                .await;
                let our_cpu = us_per(
                    cpu_time(pid).unwrap_or_default().saturating_sub(cpu0),
                    r.requests as f64 * span,
                );
                cpu_rounds.push((our_cpu, bare_cpu));
                println!(
                    "  round {round}: jackbox    {:.0} req/s (p99 {}, {} errors, {our_cpu:.1} us CPU/request)",
                    r.rps(),
                    ms(r.percentile(99.0)),
                    r.errors
                );
                println!("  round {round}: ratio {:.1} %", 100.0 * r.rps() / bare_rps);
                if std::env::var_os("BENCH_P1_HEALTH").is_some() {
                    // Diagnosis: the same server without a database hop.
                    let h = http::closed_loop(
                        addr,
                        64,
                        c.load,
                        c.warmup,
                        http::request("GET", "/health", None, None),
                    )
                    .await;
                    println!("  round {round}: jackbox GET /health {:.0} req/s", h.rps());
                }
                rounds.push((r.rps(), bare_rps));
                errors += r.errors;
            }
            drop(bare);
            rounds.sort_by(|a, b| (a.0 / a.1).total_cmp(&(b.0 / b.1)));
            let (best_ours, best_bare) = rounds[rounds.len() / 2];
            let ratio = best_ours / best_bare;
            let cpu_ratio = median(cpu_rounds.iter().map(|(o, b)| b / o).collect());
            let (our_cpu, bare_cpu) = (
                median(cpu_rounds.iter().map(|c| c.0).collect()),
                median(cpu_rounds.iter().map(|c| c.1).collect()),
            );
            self.row(Row {
                id: "P1",
                what: "GET /api/sessions/active, 64 conns",
                measured: format!("{best_ours:.0} req/s ({:.1} %)", ratio * 100.0),
                reference: format!(
                    "bare hyper {best_bare:.0} req/s (median of {} paired rounds: {}); server CPU/request {our_cpu:.1} us vs bare {bare_cpu:.1} us ({:.0} %)",
                    rounds.len(),
                    each(&rounds, |(o, b)| format!("{:.0} %", 100.0 * o / b)),
                    cpu_ratio * 100.0
                ),
                target: ">= 80 % of bare hyper (quality.md: 50 %)",
                pass: Some(ratio >= 0.8 && errors == 0),
            });
        }

        let c = &self.cfg;
        if c.runs("P2") {
            println!(
                "P2: GET /api/sessions, 16 connections, {} s",
                c.load.as_secs_f64()
            );
            let mut conn = http::Conn::connect(addr).await.expect("connect");
            let n = conn
                .send(&http::request("GET", "/api/sessions", None, None))
                .await
                .expect("GET /api/sessions")
                .json()
                .as_array()
                .map(Vec::len)
                .unwrap_or(0);
            let r = http::closed_loop(
                addr,
                16,
                c.load,
                c.warmup,
                http::request("GET", "/api/sessions", None, None),
            )
            .await;
            let p99 = r.percentile(99.0);
            println!(
                "  {n} sessions per answer, {:.0} req/s, p50 {}, p99 {}, {} errors",
                r.rps(),
                ms(r.percentile(50.0)),
                ms(p99),
                r.errors
            );
            self.row(Row {
                id: "P2",
                what: "GET /api/sessions (1 SQL query), 16 conns",
                measured: format!("p99 {}", ms(p99)),
                reference: format!(
                    "{n} sessions, p50 {}, {:.0} req/s",
                    ms(r.percentile(50.0)),
                    r.rps()
                ),
                target: "p99 <= 25 ms",
                pass: Some(p99 <= Duration::from_millis(25) && r.errors == 0 && n > 0),
            });
        }

        let c = &self.cfg;
        if c.runs("P6") || c.runs("P8") {
            let (n, posts, runs) = (c.ws_clients, c.p6_posts, c.runs);
            println!(
                "P6/P8: {n} subscribed WebSocket clients, {posts} POST …/games, {runs} run(s); descriptor limit {}",
                fd_limit().unwrap_or_else(|| "unknown".into())
            );
            let mut p99s = Vec::new();
            let mut p50s = Vec::new();
            let mut rss = Vec::new();
            let mut complete = true;
            let mut connected = 0;
            for run in 1..=runs {
                let t = Instant::now();
                let mut clients = ws::connect(addr, &token, self.active, n).await;
                connected = clients.connected;
                tokio::time::sleep(Duration::from_millis(500)).await;
                let ws_kb = proc_kb(pid, "VmRSS").unwrap_or(0);
                println!(
                    "  run {run}: {} clients connected and subscribed in {:.1} s; daemon RSS {}",
                    clients.connected,
                    t.elapsed().as_secs_f64(),
                    mb(ws_kb)
                );
                let mut conn = http::Conn::connect(addr).await.expect("connect");
                let path = format!("/api/sessions/{}/games", self.active);
                let mut lat = Vec::new();
                let mut missing = 0;
                for k in 0..posts {
                    let body = format!("{{\"game_id\":{}}}", self.games[k % self.games.len()]);
                    let req = http::request("POST", &path, Some(&token), Some(&body));
                    let t0 = Instant::now();
                    let resp = conn.send(&req).await.expect("POST games");
                    assert_eq!(
                        resp.status,
                        201,
                        "POST …/games: {}",
                        String::from_utf8_lossy(&resp.body)
                    );
                    let id = resp.json()["id"].as_i64().expect("session game id");
                    let got = clients.arrivals(id, Duration::from_secs(10)).await;
                    missing += clients.connected - got.len();
                    lat.extend(got.iter().map(|at| at.duration_since(t0)));
                    tokio::time::sleep(Duration::from_millis(50)).await;
                }
                lat.sort();
                let p99 = percentile(&lat, 99.0);
                println!(
                    "  run {run}: {} deliveries, {missing} missing; p50 {}, p99 {}, max {}",
                    lat.len(),
                    ms(percentile(&lat, 50.0)),
                    ms(p99),
                    ms(percentile(&lat, 100.0))
                );
                complete &= missing == 0 && clients.connected == n;
                p99s.push(p99);
                p50s.push(percentile(&lat, 50.0));
                rss.push(ws_kb);
                drop(clients);
                // Let the daemon see the clients go before the next run connects its own.
                let deadline = Instant::now() + Duration::from_secs(10);
                while run < runs
                    && Instant::now() < deadline
                    && open_fds(pid).is_some_and(|fds| fds > 64)
                {
                    tokio::time::sleep(Duration::from_millis(100)).await;
                }
            }
            let (p99, ws_kb) = (median(p99s.clone()), median(rss.clone()));
            self.row(Row {
                id: "P6",
                what: "POST …/games -> game.added",
                measured: format!("p99 {}", ms(p99)),
                reference: format!(
                    "{connected} clients x {posts} events, p50 {}; runs p99 {}",
                    ms(median(p50s)),
                    each(&p99s, |d| ms(*d))
                ),
                target: "p99 <= 100 ms at 10,000 clients (quality.md: 50 ms at 1,000)",
                pass: Some(p99 <= Duration::from_millis(100) && complete),
            });
            self.row(Row {
                id: "P8",
                what: "daemon RSS: idle / with WS clients",
                measured: format!("{} / {}", mb(idle_kb), mb(ws_kb)),
                reference: format!(
                    "{connected} WebSocket clients; runs {}",
                    each(&rss, |k| mb(*k))
                ),
                target: "idle <= 20 MB; 10,000 WS <= 150 MB",
                pass: Some(idle_kb <= 20 * 1024 && ws_kb <= 150 * 1024 && complete),
            });
        }

        let c = &self.cfg;
        if c.runs("P7") {
            let adds = c.p7_adds;
            println!("P7: `jackbox game add` (other process) -> WebSocket client, {adds} adds");
            let mut clients = ws::connect(addr, &token, self.active, 1).await;
            let mut lat = Vec::new();
            for k in 0..adds {
                let game = self.games[(k * 13 + 5) % self.games.len()].to_string();
                let t0 = Instant::now();
                let out = self
                    .jackbox()
                    .args(["-q", "game", "add", &game])
                    .output()
                    .expect("game add");
                assert!(
                    out.status.success(),
                    "game add: {}",
                    String::from_utf8_lossy(&out.stderr)
                );
                let cli = t0.elapsed();
                let id: i64 = String::from_utf8_lossy(&out.stdout)
                    .trim()
                    .parse()
                    .expect("new id");
                let got = clients.arrivals(id, Duration::from_secs(5)).await;
                match got.first() {
                    Some(at) => lat.push(at.duration_since(t0)),
                    None => println!("  add {id}: no event within 5 s"),
                }
                if k == 0 {
                    println!("  (the CLI process itself took {})", ms(cli));
                }
            }
            lat.sort();
            let p99 = percentile(&lat, 99.0);
            println!("  p50 {}, p99 {}", ms(percentile(&lat, 50.0)), ms(p99));
            self.row(Row {
                id: "P7",
                what: "CLI game add -> WebSocket client",
                measured: format!("p99 {}", ms(p99)),
                reference: format!("{} adds, p50 {}", lat.len(), ms(percentile(&lat, 50.0))),
                target: "p99 <= 250 ms",
                pass: Some(p99 <= Duration::from_millis(250) && lat.len() == adds),
            });
        }

        drop(daemon);
        if self.cfg.runs("P3") {
            self.p3_runs().await;
            self.p3_limit();
        }
    }

    /// P3's limit on this machine: the same core calls as one P3 iteration (add a game, set
    /// its player count, mark it played: the same SQLite statements, triggers and outbox
    /// rows), in a tight loop on one connection in this process — no HTTP, no threads. Each
    /// write in its own transaction, then in groups of 16 savepoints in one transaction (the
    /// daemon's group commit). CPU per write is this process's user + system time.
    fn p3_limit(&mut self) {
        use jackbox::core::session_games::{self as sg, NewGame};
        use jackbox::core::vocab::{CountSource, GameStatus};
        let dur = if self.cfg.quick {
            Duration::from_secs(1)
        } else {
            Duration::from_secs(10)
        };
        let mut figures = Vec::new();
        for group in [1usize, 16] {
            let db = self.fresh_copy("p3-limit.db");
            let mut conn = jackbox::store::open(&db).expect("open");
            let session = self.active;
            let cpu0 = cpu_time(std::process::id()).unwrap_or_default();
            let start = Instant::now();
            let mut writes = 0u64;
            let mut k = 0usize;
            while start.elapsed() < dur {
                if group > 1 {
                    conn.execute_batch("BEGIN IMMEDIATE").expect("begin");
                }
                for _ in 0..group.div_ceil(3) {
                    k += 1;
                    let new = NewGame {
                        game_id: Some(self.games[k % self.games.len()]),
                        ..Default::default()
                    };
                    let added =
                        jackbox::core::lineup::add_game(&mut conn, session, &new).expect("add");
                    sg::set_player_count(
                        &mut conn,
                        session,
                        added.id,
                        3 + (k % 6) as i64,
                        CountSource::Manual,
                    )
                    .expect("player count");
                    sg::set_status(&mut conn, session, added.id, GameStatus::Played)
                        .expect("status");
                    writes += 3;
                }
                if group > 1 {
                    conn.execute_batch("COMMIT").expect("commit");
                }
            }
            let secs = start.elapsed().as_secs_f64();
            let cpu = cpu_time(std::process::id())
                .unwrap_or_default()
                .saturating_sub(cpu0);
            let rate = writes as f64 / secs;
            let per = us_per(cpu, writes as f64);
            println!(
                "P3 limit: {writes} writes in {secs:.1} s = {rate:.0}/s, {per:.0} us CPU per write ({})",
                if group == 1 { "a transaction each".to_string() } else { format!("groups of {group}") }
            );
            figures.push((rate, per));
        }
        self.row(Row {
            id: "P3L",
            what: "P3's statements in a tight loop (the limit)",
            measured: format!(
                "{:.0} writes/s ({:.0} us CPU/write) one transaction each; {:.0} writes/s ({:.0} us) in groups of 16",
                figures[0].0, figures[0].1, figures[1].0, figures[1].1
            ),
            reference: "one connection, no HTTP, same core calls as P3".into(),
            target: "(reference for P3)",
            pass: None,
        });
    }

    /// P3 on a fresh copy of the big database and a fresh daemon for each run, so every
    /// run starts from the same 20-game active session.
    async fn p3_runs(&mut self) {
        let mut rates = Vec::new();
        let mut flat = Vec::new();
        let mut errors = 0;
        let mut games = 0;
        let mut cpu_per = Vec::new();
        let mut first = 0;
        for run in 1..=self.cfg.runs {
            let db = self.fresh_copy("p3.db");
            first = self.session_games(&db);
            let mut c = self.jackbox_on(&db);
            c.args(["serve", "--bind", "127.0.0.1:0"]);
            let daemon = Server::start(c);
            let token = self.token_on(&db);
            let cpu0 = cpu_time(daemon.pid()).unwrap_or_default();
            let r = self.p3(daemon.addr, &token, run).await;
            let cpu = cpu_time(daemon.pid())
                .unwrap_or_default()
                .saturating_sub(cpu0);
            let per_write = us_per(cpu, r.0 * self.cfg.p3.as_secs_f64());
            println!("  run {run}: daemon CPU {per_write:.0} us per committed write");
            cpu_per.push(per_write);
            drop(daemon);
            games = self.session_games(&db);
            rates.push(r.0);
            flat.push(r.1);
            errors += r.2;
        }
        let (rate, ratio) = (median(rates.clone()), median(flat.clone()));
        self.row(Row {
            id: "P3",
            what: "mixed writes over HTTP, 16 conns",
            measured: format!(
                "{rate:.0} writes/s; slowest 10 s window {:.0} % of fastest",
                ratio * 100.0
            ),
            reference: format!(
                "{} s, session {first} -> {games} games; runs {} /s, {}; daemon CPU {:.0} us/write; {errors} errors",
                self.cfg.p3.as_secs(),
                each(&rates, |r| format!("{r:.0}")),
                each(&flat, |f| format!("{:.0} %", f * 100.0)),
                median(cpu_per)
            ),
            target: ">= 5,000 writes/s for 30 s, slowest 10 s >= 80 % of fastest (quality.md: 2,000/s)",
            pass: Some(rate >= 5000.0 && ratio >= 0.8 && errors == 0),
        });
    }

    /// One P3 run: (writes/s, slowest / fastest 10 s window, errors).
    async fn p3(&self, addr: SocketAddr, token: &str, run: usize) -> (f64, f64, u64) {
        let dur = self.cfg.p3;
        let conns = 16;
        println!(
            "P3 run {run}: mixed writes (add game, set player count, set status), {conns} connections, {} s, fresh daemon",
            dur.as_secs()
        );
        let secs = dur.as_secs().max(1) as usize;
        let buckets: Arc<Vec<AtomicU64>> =
            Arc::new((0..secs + 1).map(|_| AtomicU64::new(0)).collect());
        let errors = Arc::new(AtomicU64::new(0));
        let start = Instant::now();
        let end = start + dur;
        let mut tasks = Vec::new();
        for w in 0..conns {
            let token = token.to_string();
            let buckets = buckets.clone();
            let errors = errors.clone();
            let session = self.active;
            let games = self.games.clone();
            tasks.push(tokio::spawn(async move {
                let Ok(mut c) = http::Conn::connect(addr).await else {
                    errors.fetch_add(1, Ordering::Relaxed);
                    return;
                };
                let mut k = w;
                let ok = |status: u16| {
                    let at = start.elapsed().as_secs() as usize;
                    if (200..300).contains(&status) {
                        if let Some(b) = buckets.get(at) {
                            b.fetch_add(1, Ordering::Relaxed);
                        }
                    } else {
                        errors.fetch_add(1, Ordering::Relaxed);
                    }
                };
                while Instant::now() < end {
                    k += conns;
                    let body = format!("{{\"game_id\":{}}}", games[k % games.len()]);
                    let r = c
                        .send(&http::request(
                            "POST",
                            &format!("/api/sessions/{session}/games"),
                            Some(&token),
                            Some(&body),
                        ))
                        .await;
                    let Ok(r) = r else {
                        errors.fetch_add(1, Ordering::Relaxed);
                        return;
                    };
                    ok(r.status);
                    let Some(id) = r.json()["id"].as_i64() else {
                        continue;
                    };
                    let base = format!("/api/sessions/{session}/games/{id}");
                    let body = format!("{{\"player_count\":{}}}", 3 + k % 6);
                    let Ok(r) = c
                        .send(&http::request(
                            "PATCH",
                            &format!("{base}/player-count"),
                            Some(&token),
                            Some(&body),
                        ))
                        .await
                    else {
                        return;
                    };
                    ok(r.status);
                    let Ok(r) = c
                        .send(&http::request(
                            "PATCH",
                            &format!("{base}/status"),
                            Some(&token),
                            Some(r#"{"status":"played"}"#),
                        ))
                        .await
                    else {
                        return;
                    };
                    ok(r.status);
                }
            }));
        }
        for t in tasks {
            let _ = t.await;
        }
        let elapsed = start.elapsed().min(dur + Duration::from_secs(1));
        let per_sec: Vec<u64> = buckets
            .iter()
            .take(secs)
            .map(|b| b.load(Ordering::Relaxed))
            .collect();
        let total: u64 = buckets.iter().map(|b| b.load(Ordering::Relaxed)).sum();
        let rate = total as f64 / elapsed.as_secs_f64();
        let errors = errors.load(Ordering::Relaxed);
        // Sliding 10 s windows over the per-second counts (the whole run when shorter).
        let width = per_sec.len().clamp(1, 10);
        let windows: Vec<u64> = per_sec.windows(width).map(|w| w.iter().sum()).collect();
        let (slow, fast) = (
            windows.iter().copied().min().unwrap_or(0),
            windows.iter().copied().max().unwrap_or(0),
        );
        let ratio = if fast == 0 {
            0.0
        } else {
            slow as f64 / fast as f64
        };
        println!(
            "  run {run}: {total} committed writes in {:.1} s = {rate:.0}/s; slowest {width} s window {slow}, fastest {fast} ({:.0} %); per second: {per_sec:?}; {errors} errors",
            elapsed.as_secs_f64(),
            ratio * 100.0
        );
        (rate, ratio, errors)
    }

    fn table(&self) {
        let headers = [
            "id",
            "what",
            "measured",
            "reference (same run)",
            "target",
            "result",
        ];
        let mut rows: Vec<&Row> = self.rows.iter().collect();
        rows.sort_by_key(|r| r.id);
        let cells: Vec<[String; 6]> = rows
            .into_iter()
            .map(|r| {
                [
                    r.id.to_string(),
                    r.what.to_string(),
                    r.measured.clone(),
                    r.reference.clone(),
                    r.target.to_string(),
                    match r.pass {
                        Some(true) => "PASS".into(),
                        Some(false) => "FAIL".into(),
                        None => "n/a".into(),
                    },
                ]
            })
            .collect();
        println!();
        println!("| {} |", headers.join(" | "));
        println!("|{}", "---|".repeat(headers.len()));
        for c in &cells {
            println!("| {} |", c.join(" | "));
        }
    }
}

/// CPU time (user + system) the process `pid` has used so far. Wall-clock rates are noisy on
/// a shared machine; CPU per request of the server is not, so it is printed beside them.
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // Fields after the command name (which may hold spaces) : utime is the 14th, stime 15th.
    let rest = &stat[stat.rfind(')')? + 2..];
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    // USER_HZ is 100 on Linux.
    Some(Duration::from_millis(ticks * 10))
}

/// One row of `Bench::p4_limit`, computed before the timing starts.
struct LimitRow {
    user: String,
    message: String,
    ts: String,
    vote: Option<&'static str>,
    sgid: Option<i64>,
    hash: String,
}

/// The 1-minute load average, as `/proc/loadavg` prints it ("?" where there is none).
fn load_average() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|s| s.split_whitespace().next().map(str::to_string))
        .unwrap_or_else(|| "?".into())
}

/// Microseconds of CPU per operation, from a CPU-time delta and an operation count.
fn us_per(cpu: Duration, ops: f64) -> f64 {
    if ops <= 0.0 {
        0.0
    } else {
        cpu.as_secs_f64() * 1e6 / ops
    }
}

/// Whether `GET path` answers 200 with an HTML page.
fn serves_html(addr: SocketAddr, path: &str) -> bool {
    use std::io::{Read, Write};
    let Ok(mut s) = std::net::TcpStream::connect(addr) else {
        return false;
    };
    let _ = s.set_read_timeout(Some(Duration::from_secs(10)));
    let req = format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    if s.write_all(req.as_bytes()).is_err() {
        return false;
    }
    let mut head = Vec::new();
    let _ = s.take(64 * 1024).read_to_end(&mut head);
    let head = String::from_utf8_lossy(&head).to_ascii_lowercase();
    head.starts_with("http/1.1 200") && head.contains("text/html")
}

/// The soft descriptor limit of this process (P6/P8 need two per client across both sides).
fn fd_limit() -> Option<String> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3).map(str::to_string)
}

/// Descriptors the process `pid` has open.
fn open_fds(pid: u32) -> Option<usize> {
    Some(std::fs::read_dir(format!("/proc/{pid}/fd")).ok()?.count())
}

fn which(name: &str) -> Option<PathBuf> {
    std::env::var_os("PATH").and_then(|paths| {
        std::env::split_paths(&paths)
            .map(|p| p.join(name))
            .find(|p| p.is_file())
    })
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "--bare-server") {
        bare::run();
        return;
    }
    if let Some(i) = args.iter().position(|a| a == "--load") {
        // Diagnosis: `bench --load ADDR PATH SECONDS` runs the P1 load (64 connections)
        // against any server, e.g. while `perf record -p PID` profiles it.
        let addr: SocketAddr = args[i + 1].parse().expect("--load ADDR PATH SECONDS");
        let path = args[i + 2].clone();
        let secs: u64 = args[i + 3].parse().expect("--load ADDR PATH SECONDS");
        let rt = tokio::runtime::Runtime::new().expect("runtime");
        let r = rt.block_on(http::closed_loop(
            addr,
            64,
            Duration::from_secs(secs),
            Duration::from_millis(500),
            http::request("GET", &path, None, None),
        ));
        println!(
            "{:.0} req/s, p99 {}, {} errors, {} answers in all (warm-up included)",
            r.rps(),
            ms(r.percentile(99.0)),
            r.errors,
            r.answered
        );
        return;
    }
    let quick = args.iter().any(|a| a == "--quick");
    let runs: Option<usize> = args
        .iter()
        .position(|a| a == "--runs")
        .and_then(|i| args.get(i + 1))
        .and_then(|n| n.parse().ok())
        .filter(|n| *n > 0);
    let only = args
        .iter()
        .position(|a| a == "--only")
        .and_then(|i| args.get(i + 1))
        .map(|s| s.split(',').map(str::to_string).collect());
    let mut cfg = Cfg::new(quick, only);
    if let Some(n) = runs {
        cfg.runs = n;
    }
    let bin = std::env::var_os("JACKBOX_BIN")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            let exe = std::env::current_exe().expect("current exe");
            // target/<profile>/examples/bench → target/<profile>/jackbox
            exe.parent()
                .and_then(Path::parent)
                .map(|d| d.join("jackbox"))
                .expect("binary path")
        });
    assert!(
        bin.is_file(),
        "{} not found: build it first (cargo build [--release] --bin jackbox) or set JACKBOX_BIN",
        bin.display()
    );
    let profile = if cfg!(debug_assertions) {
        "debug"
    } else {
        "release"
    };
    println!(
        "jackbox benchmark ({} mode, bench built {profile}), binary {}, {} cores",
        if quick { "quick" } else { "full" },
        bin.display(),
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let dir = tempfile::tempdir().expect("tempdir");
    let db = dir.path().join("big.db");
    let t = Instant::now();
    let (active, games) = data::big_database(&db, &cfg.sizes);
    println!(
        "big database: {} closed sessions + 1 active (id {active}), {} session games, {} chat_logs rows, {} catalog games; generated in {:.1} s",
        cfg.sizes.closed_sessions,
        cfg.sizes.session_games,
        cfg.sizes.chat_logs,
        games.len(),
        t.elapsed().as_secs_f64()
    );
    // The generator's connection is closed: the file is whole (no WAL) and can be copied.
    let pristine = dir.path().join("pristine.db");
    std::fs::copy(&db, &pristine).expect("copy the big database");
    let mut bench = Bench {
        cfg,
        bin,
        db,
        pristine,
        dir,
        active,
        games,
        rows: Vec::new(),
    };
    if bench.cfg.runs("P5") {
        bench.p5();
    }
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(bench.http_phase());
    runtime.block_on(bench.hold());
    if bench.cfg.runs("LOGIN") {
        runtime.block_on(bench.login_flood());
    }
    if bench.cfg.runs("P4") {
        bench.p4();
        bench.p4_limit();
    }
    if bench.cfg.runs("P9") {
        bench.p9();
    }
    if bench.cfg.runs("P10") {
        bench.p10(&runtime);
    }
    bench.table();
    let failed = bench.rows.iter().any(|r| r.pass == Some(false));
    if failed && !bench.cfg.quick {
        std::process::exit(1);
    }
}
