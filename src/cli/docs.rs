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
    let common = common_sections(&cmd);
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
        buf.extend_from_slice(common.as_bytes());
        man.render_version_section(&mut buf)
    })();
    rendered.expect("rendering a man page into memory cannot fail");
    buf
}

/// The environment variables read outside clap: (name, meaning). Options with an `env`
/// (`--db`/`JACKBOX_DB`, `serve --bind`/`JACKBOX_BIND`, …) are listed from the command
/// itself, on the pages of the commands that take them.
pub const ENVIRONMENT: &[(&str, &str)] = &[
    (
        "XDG_DATA_HOME",
        "Where the default database lives: $XDG_DATA_HOME/jackbox/jackbox.db.",
    ),
    (
        "JACKBOX_ADMIN_KEY",
        "The admin key for logins to the daemon (ADMIN_KEY is read too); wins over the key set with jackbox auth set-key.",
    ),
    (
        "JACKBOX_ADMINS_FILE",
        "A file of named admins for the daemon (ADMIN_CONFIG_PATH is read too).",
    ),
    (
        "JACKBOX_JWT_SECRET",
        "The secret that signs API tokens (default: generated once and kept in the database).",
    ),
    (
        "JACKBOX_ACTOR",
        "Who the audit log names for this command's changes (default cli:<user>).",
    ),
    (
        "JACKBOX_WEBHOOK_ALLOW_PRIVATE",
        "1, true or yes: also allow webhook receivers on private addresses (10/8, 172.16/12, 192.168/16, 100.64/10, fc00::/7); 0, false or no: refuse loopback too (default: loopback allowed, private refused).",
    ),
    (
        "JACKBOX_LOG",
        "The daemon's log filter, e.g. info or jackbox=debug (default info).",
    ),
    ("NO_COLOR", "When set and not empty, output is never coloured."),
];

/// ENVIRONMENT, FILES and EXIT STATUS in roff: the command's own env-backed options first,
/// then the variables every command may read.
fn common_sections(cmd: &clap::Command) -> String {
    let mut out = String::from(".SH ENVIRONMENT\n");
    let mut seen = Vec::new();
    for arg in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
        let (Some(env), Some(long)) = (arg.get_env(), arg.get_long()) else {
            continue;
        };
        let name = env.to_string_lossy().into_owned();
        let help = arg
            .get_help()
            .map(|h| h.to_string().replace('\n', " "))
            .unwrap_or_default();
        let meaning = format!("The value of --{long} when it is not given. {help}");
        out.push_str(&format!(
            ".TP\n\\fB{}\\fR\n{}\n",
            roff(&name),
            roff(meaning.trim())
        ));
        seen.push(name);
    }
    for (name, meaning) in ENVIRONMENT {
        if !seen.iter().any(|s| s == name) {
            out.push_str(&format!(".TP\n\\fB{}\\fR\n{}\n", roff(name), roff(meaning)));
        }
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
