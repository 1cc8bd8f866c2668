//! Backups and restores (issue 26, points 1 and 2): the daemon's daily backups in every
//! folder layout never touch the live database, a failed backup is the backup's failure,
//! and `jackbox db restore` puts a backup back without replaying a stale `-wal`.

use super::server::Server;
use super::util::Env;
use serde_json::json;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant, SystemTime};

const OLD: Duration = Duration::from_secs(3 * 24 * 3600);

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

fn backups(dir: &Path) -> Vec<String> {
    names(dir)
        .into_iter()
        .filter(|n| n.starts_with("jackbox-backup-") && n.ends_with(".db"))
        .collect()
}

/// A back-dated backup at `path` (a real one, made by `jackbox db backup`).
fn old_backup(env: &Env, path: &Path) {
    env.ok(&["db", "backup", path.to_str().unwrap()]);
    let f = std::fs::File::options().write(true).open(path).unwrap();
    f.set_modified(SystemTime::now() - OLD).unwrap();
}

/// One layout: where the database is, which folder is `--backup-dir` (as passed), which
/// back-dated backups exist, how many to keep.
struct Layout {
    name: &'static str,
    db: &'static str,
    backup_dir: &'static str,
    old: &'static [&'static str],
    keep: usize,
}

#[test]
fn daily_backups_in_every_folder_layout_never_touch_the_live_database() {
    let layouts = [
        // The report's case: the backup folder is the database's own folder.
        Layout {
            name: "same folder",
            db: "jackbox-2025.db",
            backup_dir: "{dir}",
            old: &[
                "jackbox-backup-20200101T000000Z.db",
                "jackbox-backup-20200102T000000Z.db",
            ],
            keep: 1,
        },
        // Only the live file there: a backup is still written (it is not a backup).
        Layout {
            name: "only the live file",
            db: "jackbox-2025.db",
            backup_dir: "{dir}",
            old: &[],
            keep: 1,
        },
        // The live file named exactly like a backup, the oldest of them all.
        Layout {
            name: "live file named like a backup",
            db: "jackbox-backup-20190101T000000Z.db",
            backup_dir: "{dir}",
            old: &["jackbox-backup-20200101T000000Z.db"],
            keep: 1,
        },
        // The folder given relatively (the daemon runs in the database's folder).
        Layout {
            name: "relative folder",
            db: "jackbox.db",
            backup_dir: ".",
            old: &[
                "jackbox-backup-20200101T000000Z.db",
                "jackbox-backup-20200102T000000Z.db",
            ],
            keep: 2,
        },
        // A subfolder, created by the daemon.
        Layout {
            name: "new subfolder",
            db: "jackbox.db",
            backup_dir: "{dir}/backups/daily",
            old: &[],
            keep: 1,
        },
    ];
    for layout in layouts {
        let mut env = Env::new();
        env.db = env.path(layout.db);
        env.ok(&["session", "create", "--notes", "before"]);
        env.ok(&["session", "close"]);
        let dir = env.dir.path().to_str().unwrap().to_string();
        let backup_dir = PathBuf::from(layout.backup_dir.replace("{dir}", &dir));
        for old in layout.old {
            old_backup(&env, &env.path(old));
        }
        // The live file back-dated too: an old live file must not count as a fresh backup,
        // nor as the oldest backup to prune.
        std::fs::File::options()
            .write(true)
            .open(&env.db)
            .unwrap()
            .set_modified(SystemTime::now() - OLD)
            .unwrap();
        let before = names(env.dir.path());
        let keep = layout.keep.to_string();
        let arg = backup_dir.clone();
        let mut srv = Server::start_with(env, move |c| {
            c.args([
                "--backup-dir",
                arg.to_str().unwrap(),
                "--backup-keep",
                &keep,
            ]);
        });
        let deadline = Instant::now() + Duration::from_secs(20);
        while !srv.logs().contains("daily backup written") {
            assert!(
                Instant::now() < deadline,
                "{}: no backup\n{}",
                layout.name,
                srv.logs()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        let token = srv.token();
        let r = srv.post("/api/sessions", json!({ "notes": "after" }), Some(&token));
        assert_eq!(r.status, 201, "{}: {}", layout.name, r.text);
        assert_eq!(srv.terminate().0, Some(0), "{}", layout.name);

        let abs_backups = if backup_dir.is_absolute() {
            backup_dir.clone()
        } else {
            srv.env.dir.path().join(&backup_dir)
        };
        let mut kept = backups(&abs_backups);
        kept.retain(|n| n.as_str() != layout.db);
        assert_eq!(kept.len(), layout.keep, "{}: {kept:?}", layout.name);
        assert!(
            kept.iter()
                .any(|n| !n.starts_with("jackbox-backup-20") || !layout.old.contains(&n.as_str())),
            "{}: no new backup among {kept:?}",
            layout.name
        );
        // Every file that was there and is not a pruned backup is still there.
        let after = names(srv.env.dir.path());
        for n in &before {
            // (SQLite itself removes -wal and -shm when the last connection closes.)
            if !layout.old.contains(&n.as_str()) && !n.ends_with("-wal") && !n.ends_with("-shm") {
                assert!(after.contains(n), "{}: {n} went: {after:?}", layout.name);
            }
        }
        // The live database holds both writes and is intact.
        let check = srv.env.run(&["db", "check"]);
        assert_eq!(check.code, 0, "{}: {}", layout.name, check.stderr);
        assert_eq!(
            srv.env
                .count("SELECT COUNT(*) FROM sessions WHERE notes IN ('before', 'after')"),
            2,
            "{}",
            layout.name
        );
    }
}

#[test]
fn a_backup_folder_without_space_fails_as_the_backups_failure_not_the_databases() {
    let env = Env::new();
    env.ok(&["session", "create"]);
    // Grow the database past the file-size limit the backup runs under.
    let conn = env.conn();
    conn.execute_batch(
        "CREATE TABLE ballast(x BLOB); INSERT INTO ballast
         WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 64)
         SELECT randomblob(4096) FROM n;",
    )
    .unwrap();
    drop(conn);
    let dest = env.path("bk");
    std::fs::create_dir(&dest).unwrap();
    // `ulimit -f` makes every write past 64 KiB fail as a full disk would (SIGXFSZ ignored).
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 128; exec \"$JACKBOX\" db backup \"$DEST\"")
        .env("JACKBOX", super::util::BIN)
        .env("JACKBOX_DB", &env.db)
        .env("DEST", &dest)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.starts_with(&format!(
            "error: cannot write the backup {}",
            dest.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("cannot use"), "{stderr}");
    // Nothing half-written is left, and the database is untouched.
    assert_eq!(names(&dest), Vec::<String>::new());
    assert_eq!(env.run(&["db", "check"]).code, 0);
}

/// A database with a session "kept" in a backup, then a session "lost" written by a daemon
/// killed with -9 (its `-wal` left behind).
fn crashed_with_a_backup() -> (Env, PathBuf) {
    let env = Env::new();
    env.ok(&["session", "create", "--notes", "kept"]);
    env.ok(&["session", "close"]);
    let backup = env.path("night.backup.db");
    env.ok(&["db", "backup", backup.to_str().unwrap()]);
    let srv = Server::start_with(env, |_| {});
    let token = srv.token();
    for i in 0..20 {
        let r = srv.post(
            "/api/sessions",
            json!({ "notes": format!("lost {i}") }),
            Some(&token),
        );
        assert_eq!(r.status, 201, "{}", r.text);
        let id = r.json["id"].as_i64().unwrap();
        let r = srv.post(
            &format!("/api/sessions/{id}/close"),
            json!({}),
            Some(&token),
        );
        assert_eq!(r.status, 200, "{}", r.text);
    }
    let mut srv = srv;
    let _ = srv.child.kill();
    let _ = srv.child.wait();
    let env = std::mem::replace(&mut srv.env, Env::new());
    (env, backup)
}

#[test]
fn db_restore_after_a_crash_puts_the_backup_back_and_the_daemon_starts() {
    let (env, backup) = crashed_with_a_backup();
    let wal = PathBuf::from(format!("{}-wal", env.db.display()));
    assert!(
        wal.exists(),
        "the crash left no -wal: {:?}",
        names(env.dir.path())
    );

    let r = env.json(&["db", "restore", backup.to_str().unwrap()]);
    assert_eq!(r["path"], env.db.to_str().unwrap());
    assert_eq!(r["backup"], backup.to_str().unwrap());
    let aside: Vec<String> = r["set_aside"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_string())
        .collect();
    assert!(
        !aside.is_empty() && aside[0].contains(".before-restore-"),
        "{aside:?}"
    );
    assert!(aside.iter().any(|a| a.ends_with("-wal")), "{aside:?}");
    assert!(!wal.exists() || std::fs::metadata(&wal).unwrap().len() == 0);
    // The restored file is intact and holds exactly the backup's night.
    assert_eq!(env.run(&["db", "check"]).code, 0);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM sessions WHERE notes = 'kept'"),
        1
    );
    assert_eq!(
        env.count("SELECT COUNT(*) FROM sessions WHERE notes LIKE 'lost%'"),
        0
    );
    // The file set aside still opens with its -wal: the crashed night is not lost.
    let old = rusqlite::Connection::open(&aside[0]).unwrap();
    let lost: i64 = old
        .query_row(
            "SELECT COUNT(*) FROM sessions WHERE notes LIKE 'lost%'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(lost, 20);
    drop(old);
    // And the daemon starts on the restored file.
    let srv = Server::start_with(env, |_| {});
    let r = srv.get("/api/sessions");
    assert_eq!(r.status, 200, "{}", r.text);
}

#[test]
fn db_restore_is_refused_while_the_daemon_runs_and_for_a_damaged_or_missing_backup() {
    let env = Env::new();
    env.ok(&["session", "create", "--notes", "live"]);
    let backup = env.path("b.db");
    env.ok(&["db", "backup", backup.to_str().unwrap()]);
    let bad = env.path("bad.db");
    let mut bytes = std::fs::read(&backup).unwrap();
    let mid = bytes.len() / 2;
    for b in &mut bytes[4096..mid.max(8192)] {
        *b = 0xA5;
    }
    std::fs::write(&bad, bytes).unwrap();
    let srv = Server::start_with(env, |_| {});
    let r = srv.env.run(&["db", "restore", backup.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert_eq!(
        r.stderr.lines().next().unwrap(),
        format!(
            "error: a daemon (jackbox serve) is using {}: stop it, then restore",
            srv.env.db.display()
        )
    );
    let mut srv = srv;
    srv.terminate();
    let env = std::mem::replace(&mut srv.env, Env::new());
    drop(srv);
    let before = names(env.dir.path());
    let r = env.run(&["db", "restore", bad.to_str().unwrap()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.starts_with("error: the backup "), "{}", r.stderr);
    assert!(r.stderr.contains("is damaged"), "{}", r.stderr);
    env.fails(
        &["db", "restore", env.path("nope.db").to_str().unwrap()],
        3,
        &format!("no backup at {}", env.path("nope.db").display()),
    );
    // Refusals change nothing.
    let mut after = names(env.dir.path());
    after.retain(|n| !n.ends_with(".daemon.lock"));
    let mut before = before;
    before.retain(|n| !n.ends_with(".daemon.lock"));
    assert_eq!(before, after);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM sessions WHERE notes = 'live'"),
        1
    );
}

#[test]
fn the_docs_no_longer_say_to_copy_a_backup_over_the_database() {
    let help = Env::new().ok(&["db", "backup", "--help"]);
    assert!(help.contains("jackbox db restore"), "{help}");
    assert!(!help.contains("copying the backup over"), "{help}");
    let man = std::fs::read_to_string(super::util::repo().join("man/jackbox-db-backup.1")).unwrap();
    assert!(!man.contains("copying the backup over"));
    let docs = std::fs::read_to_string(super::util::repo().join("docs/cli.md")).unwrap();
    assert!(docs.contains("jackbox db restore"));
}
