//! Sessions from the CLI: create, active, close, delete, and the one-active rule.

use super::util::Env;

#[test]
fn create_close_delete_with_exact_messages() {
    let env = Env::new();
    let created = env.json(&["session", "create", "--notes", "Friday game night"]);
    assert_eq!(created["notes"], "Friday game night");
    assert_eq!(created["is_active"], 1);
    assert!(created["closed_at"].is_null());
    assert!(created.get("games_played").is_none());
    let id = created["id"].as_i64().unwrap();

    let r = env.fails(
        &["session", "create"],
        1,
        "An active session already exists. Please close it before creating a new one.",
    );
    assert!(r.stderr.contains(&format!("jackbox session close {id}")));

    env.fails(
        &["session", "delete", &id.to_string()],
        1,
        "Cannot delete an active session. Please close it first.",
    );
    let closed = env.json(&["session", "close", "--notes", "Great session!"]);
    assert_eq!(closed["is_active"], 0);
    assert_eq!(closed["notes"], "Great session!");
    assert_eq!(closed["games_played"], 0);
    env.fails(
        &["session", "close", &id.to_string()],
        1,
        "Session is already closed",
    );
    let deleted = env.json(&["session", "delete", &id.to_string()]);
    assert_eq!(deleted["message"], "Session deleted successfully");
    assert_eq!(deleted["sessionId"], id);
    env.fails(
        &["session", "show", &id.to_string()],
        3,
        "Session not found",
    );
}

#[test]
fn quiet_create_prints_only_the_id() {
    let env = Env::new();
    let out = env.ok(&["session", "create", "-q"]);
    assert_eq!(out.trim(), "1");
}

#[test]
fn database_file_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let env = Env::new();
    env.ok(&["session", "list"]);
    let mode = std::fs::metadata(&env.db).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
}
