//! The checked-in completions and man pages match the clap definition.

use super::util::repo;

#[test]
fn completions_and_man_pages_are_up_to_date() {
    if std::env::var_os("JACKBOX_UPDATE_DOCS").is_some() {
        jackbox::cli::docs::write_all(repo()).unwrap();
    }
    let mut stale = Vec::new();
    for (path, data) in jackbox::cli::docs::generate() {
        let on_disk = std::fs::read(repo().join(&path)).unwrap_or_default();
        if on_disk != data {
            stale.push(path);
        }
    }
    assert!(
        stale.is_empty(),
        "stale generated files (run `JACKBOX_UPDATE_DOCS=1 cargo test docs`): {stale:?}"
    );
}

#[test]
fn every_command_has_a_man_page() {
    let pages = std::fs::read_dir(repo().join("man")).unwrap().count();
    assert!(pages > 30, "only {pages} man pages");
    assert!(repo().join("man/jackbox-session-create.1").exists());
    assert!(repo().join("man/jackbox-game-add.1").exists());
}
