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
    // No `help` subcommand in the pages: it has no page of its own to refer to.
    let mut cmd = Cli::command().disable_help_subcommand(true);
    cmd.build();
    man_pages(&cmd, "jackbox", &mut files);
    files
}

fn man_pages(cmd: &clap::Command, name: &str, files: &mut Vec<(String, Vec<u8>)>) {
    let page = cmd.clone().name(name.to_string());
    files.push((format!("man/{name}.1"), man_page(page)));
    for sub in cmd.get_subcommands() {
        man_pages(sub, &format!("{name}-{}", sub.get_name()), files);
    }
}

/// One page: clap_mangen's sections, then ENVIRONMENT, FILES and EXIT STATUS (before
/// VERSION, where man-pages(7) puts them).
fn man_page(cmd: clap::Command) -> Vec<u8> {
    let has_args = cmd.get_arguments().any(|a| !a.is_hide_set());
    let has_subcommands = cmd.get_subcommands().any(|s| !s.is_hide_set());
    let has_extra = cmd.get_after_long_help().is_some() || cmd.get_after_help().is_some();
    let man = clap_mangen::Man::new(cmd);
    let mut buf = Vec::new();
    let rendered = (|| -> std::io::Result<()> {
        man.render_title(&mut buf)?;
        man.render_name_section(&mut buf)?;
        man.render_synopsis_section(&mut buf)?;
        man.render_description_section(&mut buf)?;
        if has_args {
            man.render_options_section(&mut buf)?;
        }
        if has_subcommands {
            man.render_subcommands_section(&mut buf)?;
        }
        if has_extra {
            man.render_extra_section(&mut buf)?;
        }
        buf.extend_from_slice(common_sections().as_bytes());
        man.render_version_section(&mut buf)
    })();
    rendered.expect("rendering a man page into memory cannot fail");
    buf
}

/// The environment variables the program reads: (name, meaning).
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "JACKBOX_DB",
        "The database file, when --db is not given.",
    ),
    (
        "XDG_DATA_HOME",
        "Where the default database lives: $XDG_DATA_HOME/jackbox/jackbox.db.",
    ),
    (
        "JACKBOX_BIND",
        "The address jackbox serve listens on, when --bind is not given (default 127.0.0.1:5000).",
    ),
    (
        "JACKBOX_ADMIN_KEY",
        "The admin key for logins to the daemon (ADMIN_KEY is read too); wins over the key set with jackbox auth set-key.",
    ),
    (
        "JACKBOX_JWT_SECRET",
        "The secret that signs API tokens (default: generated once and kept in the database).",
    ),
    (
        "JACKBOX_ECAST_URL",
        "The Jackbox lobby server, when --ecast-url is not given (default https://ecast.jackboxgames.com).",
    ),
    (
        "JACKBOX_IMPORT_LIMIT_MB",
        "The largest chat-import body jackbox serve accepts, in MiB, when --import-limit-mb is not given (default 64).",
    ),
    (
        "JACKBOX_LOG",
        "The daemon's log filter, e.g. info or jackbox=debug (default info).",
    ),
    ("NO_COLOR", "When set and not empty, output is never coloured."),
];

/// ENVIRONMENT, FILES and EXIT STATUS in roff, the same on every page.
fn common_sections() -> String {
    let mut out = String::from(".SH ENVIRONMENT\n");
    for (name, meaning) in ENVIRONMENT {
        out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(name), roff(meaning)));
    }
    out.push_str(".SH FILES\n");
    out.push_str(&format!(
        ".TP\n\\fI{}\\fR\n{}\n",
        roff("$XDG_DATA_HOME/jackbox/jackbox.db"),
        roff(
            "The default database (~/.local/share/jackbox/jackbox.db when XDG_DATA_HOME is \
             unset), mode 0600, beside its -wal and -shm files. Commands that only read \
             refuse a missing file; commands that write, and jackbox serve, create it."
        )
    ));
    out.push_str(".SH \"EXIT STATUS\"\n");
    for code in crate::error::ExitCode::ALL {
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            code as i32,
            roff(code.meaning())
        ));
    }
    out
}

/// Text made safe for roff: backslashes and hyphens escaped, no line starting a request.
fn roff(text: &str) -> String {
    let escaped = text.replace('\\', "\\e").replace('-', "\\-");
    if escaped.starts_with(['.', '\'']) {
        format!("\\&{escaped}")
    } else {
        escaped
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
