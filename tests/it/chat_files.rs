//! Chat files of issue 24 ("real inputs, round 2"): chat-replay-downloader Super Chats
//! without text, files from which nothing could be read, IRC logs (ZNC, irssi), and
//! TwitchDownloader's text export (UTC read, relative refused). Fixtures and their
//! provenance: `tests/fixtures/chat/README.md`.

use super::chat_import::{fixture, night, standard, with_skipped};
use super::server::Server;
use super::util::Env;
use serde_json::json;

fn import(env: &Env, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["chat", "import", "--session", "1"];
    all.extend_from_slice(args);
    env.json(&all)
}

/// Point 6: a paid item with `"message": null` (chat-replay-downloader's published example,
/// index 409) is skipped and counted, not a reason to refuse the file.
#[test]
fn super_chats_without_text_are_skipped_and_counted() {
    let env = Env::new();
    night(&env);
    let path = fixture("chat_replay_downloader_superchat.json");
    let got = import(&env, &[path.to_str().unwrap()]);
    assert_eq!(got["messagesImported"], 6, "{got}");
    assert_eq!(got["entriesSkipped"], 1, "{got}");
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 6);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM chat_logs WHERE username = 'Taco Bell'"),
        0
    );
    let out = env.ok(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
    assert!(out.contains("Not chat (skipped):  1"), "{out}");
}

/// Point 7: the common IRC log forms are read — ZNC (`[HH:MM:SS] <nick> text`, dated by
/// its `YYYY-MM-DD.log` file name or `--date`) and irssi (`HH:MM <nick> text` under
/// `--- Log opened`); joins, parts and quits are skipped.
#[test]
fn irc_logs_are_read() {
    let env = Env::new();
    night(&env);
    let znc = fixture("znc/2026-03-15.log");
    let got = import(&env, &[znc.to_str().unwrap()]);
    let mut want = standard(&env);
    want["entriesSkipped"] = json!(3);
    assert_eq!(got, want);

    let env = Env::new();
    night(&env);
    let irssi = fixture("#jackboxhost.log");
    let got = import(&env, &[irssi.to_str().unwrap(), "--format", "irc"]);
    want = standard(&env);
    want["entriesSkipped"] = json!(1);
    assert_eq!(got, want);

    // From standard input there is no file name: the date must be given.
    let env = Env::new();
    night(&env);
    let data = std::fs::read(&znc).unwrap();
    let r = env.run_stdin(&["chat", "import", "--session", "1", "-"], &data);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("no date"), "{}", r.stderr);
    assert!(r.stderr.contains("--date"), "{}", r.stderr);
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 0);
    let r = env.run_stdin(
        &[
            "--json",
            "chat",
            "import",
            "--session",
            "1",
            "-",
            "--date",
            "2026-03-15",
        ],
        &data,
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut want = standard(&env);
    want["entriesSkipped"] = json!(3);
    assert_eq!(r.json(), want);
    let r = env.run_stdin(
        &[
            "chat",
            "import",
            "--session",
            "1",
            "-",
            "--date",
            "15/03/2026",
        ],
        &data,
    );
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("Invalid --date"), "{}", r.stderr);
}

/// Point 7: a file from which no message could be read is an error (exit 4 / 400) that
/// says which format it was read as and why nothing matched — never "imported
/// successfully" with nothing read.
#[test]
fn nothing_read_is_an_error_naming_the_format() {
    let env = Env::new();
    night(&env);
    let znc = fixture("znc/2026-03-15.log");
    let r = env.run(&[
        "chat",
        "import",
        "--session",
        "1",
        znc.to_str().unwrap(),
        "--format",
        "chatterino",
    ]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(
        r.stderr.starts_with(
            "error: No chat message could be read from this file, read as a Chatterino log"
        ),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("none of its 12 lines is a chat message"),
        "{}",
        r.stderr
    );
    let empty = env.path("empty.json");
    std::fs::write(&empty, "[]").unwrap();
    let r = env.run(&["chat", "import", "--session", "1", empty.to_str().unwrap()]);
    assert_eq!(r.code, 4, "{}", r.stderr);
    assert!(r.stderr.contains("holds no entries"), "{}", r.stderr);
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 0);
    assert_eq!(
        env.count("SELECT COUNT(*) FROM events WHERE type = 'votes.imported'"),
        0
    );

    let srv = Server::start_with(env, |_| {});
    let token = srv.token();
    srv.post(
        "/api/sessions/1/chat-import",
        json!({ "chatData": [] }),
        Some(&token),
    )
    .assert_error(400, jackbox::core::chat::EMPTY_CHAT_DATA);
}

/// Point 8: TwitchDownloader's text export with UTC times is read; its relative form has
/// no date and is refused with a hint, and is never taken for a Chatterino log.
#[test]
fn twitchdownloader_text_exports() {
    let env = Env::new();
    night(&env);
    let utc = fixture("twitchdownloader_utc.txt");
    assert_eq!(import(&env, &[utc.to_str().unwrap()]), standard(&env));
    let env = Env::new();
    night(&env);
    let got = import(
        &env,
        &[utc.to_str().unwrap(), "--format", "twitchdownloader"],
    );
    assert_eq!(
        got,
        with_skipped(standard(&env), "twitchdownloader_utc.txt")
    );

    for name in [
        "twitchdownloader_relative.txt",
        "twitchdownloader_relative_10h.txt",
    ] {
        let path = fixture(name);
        let r = env.run(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
        assert_eq!(r.code, 4, "{name}: {}", r.stderr);
        assert!(
            r.stderr.contains("TwitchDownloader") && r.stderr.contains("UTC"),
            "{name}: {}",
            r.stderr
        );
    }
    let path = fixture("twitchdownloader_relative.txt");
    let r = env.run(&["chat", "import", "--session", "1", path.to_str().unwrap()]);
    assert!(
        r.stderr
            .starts_with("error: This is TwitchDownloader's text export with relative times"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("Chatterino"), "{}", r.stderr);
    // Nothing more than the UTC export's 8 messages.
    assert_eq!(env.count("SELECT COUNT(*) FROM chat_logs"), 8);
}

/// Point 5: Windows writes a zone's display name (`Russia TZ 2 Standard Time`, its daylight
/// form, the `… Daylight Time (Mexico)` forms), not its id: Chatterino logs with them are
/// read with the zone's rules.
#[test]
fn windows_display_names_in_chatterino_headers() {
    for name in ["rustreamer-2026-03-15.log", "mxstreamer-2026-03-15.log"] {
        let env = Env::new();
        night(&env);
        let log = fixture(name);
        let got = import(&env, &[log.to_str().unwrap()]);
        let mut want = standard(&env);
        want["entriesSkipped"] = json!(2);
        assert_eq!(got, want, "{name}");
    }
}
