//! Shell completions and man pages, generated from the clap definition.
//!
//! The checked-in `completions/` and `man/` folders are produced by [`write_all`]; a test
//! regenerates them and fails when they differ (`JACKBOX_UPDATE_DOCS=1` rewrites them).

use super::Cli;
use clap::CommandFactory;
use clap_complete::Shell;
use std::path::Path;

pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::Elvish,
    Shell::PowerShell,
];

/// Prints the completion script for `shell` on stdout.
pub fn print_completions(shell: Shell) {
    let mut cmd = Cli::command();
    clap_complete::generate(shell, &mut cmd, "jackbox", &mut std::io::stdout());
}

/// Every generated file: (relative path, contents).
pub fn generate() -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for shell in SHELLS {
        let mut cmd = Cli::command();
        let mut buf = Vec::new();
        clap_complete::generate(shell, &mut cmd, "jackbox", &mut buf);
        let name = match shell {
            Shell::Bash => "jackbox.bash",
            Shell::Zsh => "_jackbox",
            Shell::Fish => "jackbox.fish",
            Shell::Elvish => "jackbox.elv",
            _ => "_jackbox.ps1",
        };
        files.push((format!("completions/{name}"), buf));
    }
    let mut cmd = Cli::command();
    cmd.build();
    man_pages(&cmd, "jackbox", &mut files);
    files
}

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let page = cmd.clone().name(name.to_string());
    let mut buf = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut buf)
        .expect("rendering a man page into memory cannot fail");
    files.push((format!("man/{name}.1"), buf));
    for sub in cmd.get_subcommands() {
        if sub.get_name() == "help" {
            continue;
        }
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

/// Writes every generated file below `root`.
pub fn write_all(root: &Path) -> std::io::Result<()> {
    for (path, data) in generate() {
        let path = root.join(path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        std::fs::write(path, data)?;
    }
    Ok(())
}
