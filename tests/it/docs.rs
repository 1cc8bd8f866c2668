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

/// Every command and subcommand of the clap tree (but `help`), by its man page name.
fn command_pages(cmd: &clap::Command, name: &str, out: &mut Vec<String>) {
    out.push(name.to_string());
    for sub in cmd.get_subcommands().filter(|s| s.get_name() != "help") {
        command_pages(sub, &format!("{name}-{}", sub.get_name()), out);
    }
}

#[test]
fn every_command_has_a_man_page() {
    use clap::CommandFactory;
    let mut names = Vec::new();
    command_pages(&jackbox::cli::Cli::command(), "jackbox", &mut names);
    assert!(names.contains(&"jackbox-session-create".to_string()));
    assert!(names.contains(&"jackbox-game-add".to_string()));
    for name in &names {
        let page = std::fs::read_to_string(repo().join(format!("man/{name}.1")))
            .unwrap_or_else(|e| panic!("man/{name}.1: {e}"));
        assert!(
            page.contains(&format!(".TH {name} 1")),
            "man/{name}.1 is not the page of {name}"
        );
    }
    // And no page of a command that no longer exists.
    let mut stray = Vec::new();
    for entry in std::fs::read_dir(repo().join("man")).unwrap() {
        let file = entry.unwrap().file_name().to_string_lossy().into_owned();
        let name = file.strip_suffix(".1").unwrap_or(&file);
        if !names.iter().any(|n| n == name) {
            stray.push(file);
        }
    }
    assert!(stray.is_empty(), "man pages of no command: {stray:?}");
}
