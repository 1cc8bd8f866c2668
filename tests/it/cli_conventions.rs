//! Rules that hold for every command, checked by walking the clap tree (so commands added
//! later are covered too): `-q` on list and show commands, read-only commands refusing a
//! missing database, value sets in any case, env-provided options never shown as required,
//! man pages with ENVIRONMENT / FILES / EXIT STATUS and no dangling references, and the
//! exit-code table of the README and docs/cli.md against the code. Also the hints, `-o -`
//! and the minimum Rust version.

use super::util::{repo, Env};
use clap::{CommandFactory, Parser};
use jackbox::error::ExitCode;

/// Leaf commands that list or show things: `-q` prints IDs and they only read.
const LIST_AND_SHOW: &[&str] = &[
    "list",
    "show",
    "active",
    "summary",
    "logs",
    "stats",
    "audit",
    "selection",
];
/// Lists of things that have no ID: `-q` prints their names (the `name` of each JSON item).
const NAME_KEYED: &[&str] = &["catalog pack list", "auth admin list"];
/// Other commands that only read.
const OTHER_READS: &[&str] = &["session export", "catalog export", "db check"];

/// Every leaf command as its words (`["session", "list"]`) with its clap definition.
fn leaves() -> Vec<(Vec<String>, clap::Command)> {
    fn walk(cmd: &clap::Command, path: Vec<String>, out: &mut Vec<(Vec<String>, clap::Command)>) {
        if cmd.get_subcommands().all(|s| s.get_name() == "help") {
            out.push((path, cmd.clone()));
            return;
        }
        for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
            let mut p = path.clone();
            p.push(sub.get_name().to_string());
            walk(sub, p, out);
        }
    }
    let mut cmd = jackbox::cli::Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, Vec::new(), &mut out);
    out
}

/// Values for the required positional arguments of a leaf, by argument name: every ID is
/// 1, which [`populated`] makes exist. A new command with another required argument needs
/// a line here (the test says which).
fn required_args(path: &[String], cmd: &clap::Command) -> Vec<String> {
    cmd.get_positionals()
        .filter(|a| a.is_required_set())
        .map(|a| match a.get_id().as_str() {
            "id" | "session_game_id" | "session_id" | "webhook_id" => "1".to_string(),
            other => panic!(
                "`jackbox {}`: no test value for the required argument `{other}`; add one in \
                 cli_conventions::required_args (and data in `populated`)",
                path.join(" ")
            ),
        })
        .collect()
}

/// A database where every ID 1 exists: closed session 1 with a game and votes, active
/// session 2 with a game and a live vote, webhook 1 with a delivery log.
fn populated() -> Env {
    let env = Env::new();
    env.ok(&["session", "create", "--notes", "one"]);
    env.ok(&["game", "add", "1", "--room-code", "ABCD"]);
    env.ok(&["vote", "up", "--user", "viewer1"]);
    env.ok(&["session", "close"]);
    env.ok(&["session", "create", "--notes", "two"]);
    env.ok(&["game", "add", "2"]);
    env.ok(&["vote", "down", "--user", "viewer2"]);
    env.ok(&["poll", "start", "1", "2", "--no-deadline"]);
    env.ok(&[
        "webhook",
        "add",
        "--name",
        "hook",
        "--url",
        "http://127.0.0.1:9/hook",
        "--secret",
        "s",
        "--event",
        "game.added",
    ]);
    env.conn()
        .execute_batch(
            "INSERT INTO webhook_logs (webhook_id, event_type, payload, attempt, created_at)
             VALUES (1, 'game.added', '{}', 1, '2026-03-15T19:00:00.000Z');",
        )
        .unwrap();
    env
}

#[test]
fn quiet_list_and_show_commands_print_only_ids() {
    let env = populated();
    let mut checked = Vec::new();
    for (path, cmd) in leaves() {
        if !LIST_AND_SHOW.contains(&path.last().unwrap().as_str()) {
            continue;
        }
        let mut args: Vec<String> = path.clone();
        args.extend(required_args(&path, &cmd));
        args.push("-q".into());
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = env.run(&args);
        assert_eq!(r.code, 0, "jackbox {args:?}: {}", r.stderr);
        if NAME_KEYED.contains(&path.join(" ").as_str()) {
            let names: Vec<String> = env
                .json(&args[..args.len() - 1])
                .as_array()
                .unwrap()
                .iter()
                .map(|item| item["name"].as_str().unwrap().to_string())
                .collect();
            assert_eq!(r.stdout.lines().collect::<Vec<_>>(), names, "{args:?}");
        } else {
            assert!(
                r.stdout
                    .lines()
                    .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_digit())),
                "jackbox {args:?} printed more than IDs:\n{}",
                r.stdout
            );
        }
        // -q wins over --json.
        let mut with_json = vec!["--json"];
        with_json.extend_from_slice(&args);
        assert_eq!(env.run(&with_json).stdout, r.stdout, "{with_json:?}");
        checked.push(path.join(" "));
    }
    for must in [
        "session list",
        "catalog list",
        "catalog show",
        "votes list",
        "votes summary",
        "stats",
        "webhook list",
        "webhook logs",
        "game list",
    ] {
        assert!(
            checked.iter().any(|c| c == must),
            "{must} not checked: {checked:?}"
        );
    }
    // Not vacuous: the IDs are there.
    assert_eq!(env.ok(&["catalog", "show", "1", "-q"]), "1\n");
    assert_eq!(env.ok(&["webhook", "list", "-q"]), "1\n");
    assert_eq!(env.ok(&["votes", "summary", "1", "-q"]), "1\n");
    assert_eq!(env.ok(&["votes", "list", "-q"]).lines().count(), 2);
    assert_eq!(
        env.ok(&["catalog", "list", "-q"]).lines().count() as i64,
        env.count("SELECT COUNT(*) FROM games")
    );
    assert!(!env.ok(&["stats", "-q"]).is_empty());
    assert_eq!(env.ok(&["webhook", "logs", "1", "-q"]), "1\n");
    // Changes print nothing with -q (creations print the new ID).
    assert_eq!(
        env.ok(&["webhook", "edit", "1", "--name", "renamed", "-q"]),
        ""
    );
    assert_eq!(
        env.ok(&["catalog", "edit", "1", "--max-players", "9", "-q"]),
        ""
    );
}

#[test]
fn read_only_commands_refuse_a_missing_database() {
    let env = Env::new();
    let missing = env.path("typo/jackbox.db");
    let mut checked = 0;
    for (path, cmd) in leaves() {
        let joined = path.join(" ");
        if !LIST_AND_SHOW.contains(&path.last().unwrap().as_str())
            && !OTHER_READS.contains(&joined.as_str())
        {
            continue;
        }
        let mut args: Vec<String> = vec!["--db".into(), missing.to_str().unwrap().into()];
        args.extend(path.clone());
        args.extend(required_args(&path, &cmd));
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let r = env.run(&args);
        assert_eq!(r.code, 3, "jackbox {args:?}: {}", r.stderr);
        let mut lines = r.stderr.lines();
        assert_eq!(
            lines.next(),
            Some(format!("error: no database at {}", missing.display()).as_str()),
            "jackbox {args:?}"
        );
        let hint = lines.next().unwrap_or_default();
        assert!(
            hint.starts_with("hint: ") && hint.contains("--db") && hint.contains("JACKBOX_DB"),
            "{hint}"
        );
        assert!(r.stdout.is_empty(), "{}", r.stdout);
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} commands checked");
    // Nothing was created, not even the folder; the environment variable is refused alike.
    assert!(!env.path("typo").exists());
    let r = env
        .command()
        .env("JACKBOX_DB", &missing)
        .args(["session", "export", "--all", "--dir", "out"])
        .output()
        .unwrap();
    assert_eq!(r.status.code(), Some(3));
    assert!(!env.path("typo").exists() && !env.path("out").exists());
    assert_eq!(
        env.run(&["--db", missing.to_str().unwrap(), "pick"]).code,
        3
    );
    // Commands that write create it.
    env.ok(&["--db", missing.to_str().unwrap(), "session", "create"]);
    assert!(missing.is_file());
    env.ok(&["--db", missing.to_str().unwrap(), "session", "list"]);
}

#[test]
fn value_sets_in_any_case_and_env_options_never_required() {
    let mut tried = 0;
    for (path, cmd) in leaves() {
        for arg in cmd.get_arguments() {
            assert!(
                arg.get_env().is_none() || !arg.is_required_set(),
                "jackbox {}: --{} comes from the environment but is marked required",
                path.join(" "),
                arg.get_id()
            );
        }
        // Each value of each value set, in capitals, on a command line that is otherwise
        // complete (required arguments get their first possible value, or 1).
        let fill = |a: &clap::Arg| {
            a.get_possible_values()
                .first()
                .map(|v| v.get_name().to_string())
                .unwrap_or_else(|| "1".to_string())
        };
        for target in cmd
            .get_arguments()
            .filter(|a| a.get_action().takes_values() && !a.get_possible_values().is_empty())
        {
            for value in target.get_possible_values() {
                let upper = value.get_name().to_uppercase();
                let mut argv: Vec<String> = vec!["jackbox".into()];
                argv.extend(path.clone());
                for p in cmd.get_positionals() {
                    if p.get_id() == target.get_id() {
                        argv.push(upper.clone());
                    } else if p.is_required_set()
                        || (target.is_positional() && p.get_index() < target.get_index())
                    {
                        argv.push(fill(p));
                    }
                }
                for o in cmd.get_opts() {
                    let long = format!("--{}", o.get_long().expect("options are long"));
                    if o.get_id() == target.get_id() {
                        argv.extend([long, upper.clone()]);
                    } else if o.is_required_set() {
                        argv.extend([long, fill(o)]);
                    }
                }
                let parsed = jackbox::cli::Cli::try_parse_from(&argv);
                assert!(parsed.is_ok(), "{argv:?}: {}", parsed.unwrap_err());
                tried += 1;
            }
        }
    }
    assert!(tried > 30, "{tried}");

    let env = populated();
    env.ok(&["game", "status", "1", "PLAYED"]);
    let status: String = env
        .conn()
        .query_row("SELECT status FROM session_games WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(status, "played");
    assert!(env
        .ok(&["session", "export", "1", "--format", "Json"])
        .starts_with('{'));
    assert_eq!(
        env.ok(&["votes", "list", "--type", "UP", "-q"])
            .lines()
            .count(),
        1
    );
    assert!(env.ok(&["completions", "BASH"]).contains("jackbox"));
    // A bad value for a core-checked set is still the API's message and invalid data.
    env.fails(
        &["game", "status", "1", "Done"],
        4,
        "Invalid status. Must be playing, played, or skipped",
    );
    env.fails(
        &["session", "export", "1", "--format", "pdf"],
        4,
        "Invalid format. Must be json or txt",
    );
    // A bad value for a command-line-only set is a usage error listing the values.
    let r = env.run(&["votes", "list", "--type", "sideways"]);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("up, down"), "{}", r.stderr);
}

#[test]
fn output_dash_is_stdout() {
    let env = populated();
    let r = env.run(&["session", "export", "1", "-o", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.starts_with("====="), "{}", r.stdout);
    assert!(!env.path("-").exists());
    let r = env.run(&["catalog", "export", "-o", "-"]);
    assert!(r.stdout.starts_with("pack_name,"), "{}", r.stdout);
    assert!(!env.path("-").exists());
}

#[test]
fn completions_offer_the_value_sets() {
    let bash = std::fs::read_to_string(repo().join("completions/jackbox.bash")).unwrap();
    assert!(bash.contains("playing played skipped"));
    assert!(bash.contains("json txt"));
    assert!(bash.contains("only exclude"));
    let zsh = std::fs::read_to_string(repo().join("completions/_jackbox")).unwrap();
    assert!(zsh.contains("(playing played skipped)"), "zsh");
}

#[test]
fn man_pages_have_the_standard_sections_and_no_dangling_references() {
    let dir = repo().join("man");
    let mut pages = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&path).unwrap();
        for section in [".SH ENVIRONMENT", ".SH FILES", ".SH \"EXIT STATUS\""] {
            assert!(text.contains(section), "{name}: no {section}");
        }
        assert!(text.contains("JACKBOX_DB"), "{name}");
        for code in ExitCode::ALL {
            assert!(text.contains(&format!("\\fB{}\\fR", code as i32)), "{name}");
        }
        // Every `page(1)` named must exist.
        let plain = text.replace("\\-", "-");
        for (i, _) in plain.match_indices("(1)") {
            let start = plain[..i]
                .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                .map_or(0, |p| p + 1);
            let referenced = &plain[start..i];
            assert!(
                dir.join(format!("{referenced}.1")).exists(),
                "{name} refers to {referenced}(1), which does not exist"
            );
        }
        pages += 1;
    }
    assert!(pages > 30, "{pages}");
}

/// The rows `| code | meaning | …` of the first table in `text` whose header starts with
/// `| code` or `| exit code`.
fn exit_table(text: &str) -> Vec<(i32, String)> {
    let mut lines = text.lines().skip_while(|l| {
        let l = l.trim_start();
        !(l.starts_with("| code |") || l.starts_with("| exit code |"))
    });
    lines.next().expect("an exit-code table");
    lines
        .skip(1)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split('|').map(str::trim).collect();
            (cells[0].parse().unwrap(), cells[1].to_string())
        })
        .collect()
}

#[test]
fn the_exit_code_tables_match_the_code() {
    let expected: Vec<(i32, String)> = ExitCode::ALL
        .iter()
        .map(|c| (*c as i32, c.meaning().to_string()))
        .collect();
    for doc in ["README.md", "docs/cli.md"] {
        let text = std::fs::read_to_string(repo().join(doc)).unwrap();
        assert_eq!(exit_table(&text), expected, "{doc}");
    }
    let help = Env::new().ok(&["--help"]);
    for (code, meaning) in &expected {
        assert!(help.contains(&format!("  {code}  {meaning}")), "{help}");
    }
    // The codes really are these: usage, not found, invalid data, failure.
    let env = populated();
    assert_eq!(
        env.run(&["session", "show", "abc"]).code,
        ExitCode::Usage as i32
    );
    assert_eq!(
        env.run(&["session", "show", "99"]).code,
        ExitCode::NotFound as i32
    );
    assert_eq!(
        env.run(&["game", "room-code", "1", "AB"]).code,
        ExitCode::InvalidData as i32
    );
    assert_eq!(
        env.run(&["session", "create"]).code,
        ExitCode::Failed as i32
    );
    let r = env.run(&[
        "catalog",
        "import",
        env.path("absent.csv").to_str().unwrap(),
    ]);
    assert_eq!(r.code, ExitCode::Failed as i32, "I/O: {}", r.stderr);
}

#[test]
fn hints_for_errors_that_leave_users_guessing() {
    let env = Env::new();
    // No active session for a live vote.
    let r = env.fails(&["vote", "up", "--user", "v"], 3, "No active session found");
    assert!(r.stderr.contains("hint: ") && r.stderr.contains("jackbox session create"));

    env.ok(&["session", "create"]);
    // An unknown title: the nearest ones.
    let r = env.fails(&["game", "add", "Quiplsh 3"], 3, "Game not found");
    let hint = r.stderr.lines().nth(1).unwrap_or_default();
    assert!(
        hint.starts_with("hint: did you mean Quiplash 3 (id "),
        "{}",
        r.stderr
    );
    // Nothing near: the generic hint.
    let r = env.fails(&["game", "add", "zzzzzzzzqqqq"], 3, "Game not found");
    assert!(
        r.stderr.contains("hint: `jackbox catalog list --q TEXT`"),
        "{}",
        r.stderr
    );
    // A lower-case room code is upper-cased (issue 23); a bad one still says why.
    let added = env.json(&["game", "add", "1", "--room-code", "abcd"]);
    assert_eq!(added["room_code"], "ABCD");
    env.ok(&["game", "monitor", "stop", &added["id"].to_string()]);
    let r = env.run(&["game", "add", "1", "--room-code", "abcde"]);
    assert_eq!(r.code, 4);
    assert!(
        r.stderr
            .starts_with("error: Invalid room code. Must be exactly 4 characters (A-Z, 0-9)"),
        "{}",
        r.stderr
    );
    // A duplicate live vote: the 1-second window.
    env.ok(&["game", "add", "1"]);
    let at = jackbox::time::now();
    env.ok(&["vote", "up", "--user", "v", "--at", &at]);
    let r = env.fails(
        &["vote", "down", "--user", "v", "--at", &at],
        1,
        "Duplicate vote",
    );
    assert!(r.stderr.contains("1 second"), "{}", r.stderr);

    // A chat log whose votes all miss the session's games (a log in local time).
    env.ok(&["session", "close"]);
    let log = env.path("chat.json");
    std::fs::write(
        &log,
        r#"[{"username": "a", "message": "thisgame++", "timestamp": "2001-01-01T20:00:00Z"},
            {"username": "b", "message": "thisgame--", "timestamp": "2001-01-01T21:00:00Z"}]"#,
    )
    .unwrap();
    let r = env.run(&["chat", "import", log.to_str().unwrap(), "--session", "1"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stderr.lines();
    let warning = lines.next().unwrap_or_default();
    assert!(
        warning.starts_with(
            "warning: none of the 2 votes in the log matched a game: session 1's games run from "
        ) && warning.ends_with(
            " and its unmatched votes from 2001-01-01T20:00:00.000Z to 2001-01-01T21:00:00.000Z"
        ),
        "{warning}"
    );
    let hint = lines.next().unwrap_or_default();
    assert!(
        hint.starts_with("hint: ") && hint.contains("--utc-offset") && hint.contains("--session"),
        "{hint}"
    );
}

#[test]
fn the_minimum_rust_version_is_declared_and_true() {
    let manifest = std::fs::read_to_string(repo().join("Cargo.toml")).unwrap();
    let declared = manifest
        .lines()
        .find_map(|l| l.strip_prefix("rust-version = "))
        .expect("rust-version in Cargo.toml")
        .trim_matches('"')
        .to_string();
    let version = |v: &str| -> Vec<u64> {
        let mut parts: Vec<u64> = v.split('.').map(|p| p.parse::<u64>().unwrap()).collect();
        parts.resize(3, 0);
        parts
    };
    // Not lower than what the dependencies need (they declare it in Cargo.lock's crates)…
    let meta = std::process::Command::new(env!("CARGO"))
        .args(["metadata", "--format-version", "1", "--locked", "--offline"])
        .current_dir(repo())
        .output()
        .unwrap();
    assert!(
        meta.status.success(),
        "{}",
        String::from_utf8_lossy(&meta.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&meta.stdout).unwrap();
    for p in meta["packages"].as_array().unwrap() {
        if let Some(needed) = p["rust_version"].as_str() {
            assert!(
                version(needed) <= version(&declared),
                "{} needs Rust {needed}, Cargo.toml declares {declared}",
                p["name"]
            );
        }
    }
    // …and the toolchain that builds and tests this (CI's) is at least it.
    let rustc = std::process::Command::new(std::env::var("RUSTC").unwrap_or("rustc".into()))
        .arg("--version")
        .output()
        .unwrap();
    let rustc = String::from_utf8_lossy(&rustc.stdout).into_owned();
    let current = rustc
        .split_whitespace()
        .nth(1)
        .unwrap()
        .split('-')
        .next()
        .unwrap();
    assert!(
        version(current) >= version(&declared),
        "{rustc} < {declared}"
    );
    // The README says the same.
    let readme = std::fs::read_to_string(repo().join("README.md")).unwrap();
    assert!(
        readme.contains(&format!("Rust {declared} or newer")),
        "README does not state Rust {declared}"
    );
}
