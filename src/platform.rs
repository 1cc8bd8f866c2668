//! What differs between operating systems, in one place: where the database lives by
//! default, how private files and folders are created, the positioned read of the WAL index,
//! the requests to stop, the login name and the open-files limit. The rest of the code never
//! asks which OS it runs on.
//!
//! Linux and macOS take the `cfg(unix)` branches (nothing here is Linux-only unless it says
//! so and has a fallback); Windows takes the `cfg(windows)` ones.

use std::fs::{DirBuilder, File, OpenOptions};
use std::path::PathBuf;

/// The folder of per-user application data that holds `jackbox/jackbox.db`:
///
/// - Linux (and other Unixes): `$XDG_DATA_HOME` when set and not empty, else
///   `~/.local/share` (`$HOME`, else the home folder of the user in the password database);
/// - macOS: `~/Library/Application Support`;
/// - Windows: the roaming application data folder, `%APPDATA%`
///   (`C:\Users\<you>\AppData\Roaming`).
///
/// `None` only when the OS knows no home folder at all.
pub fn data_dir() -> Option<PathBuf> {
    #[cfg(all(unix, not(target_os = "macos")))]
    {
        // A set `XDG_DATA_HOME` is taken as given (relative too), as jackbox always has:
        // an existing database stays where it is.
        if let Some(dir) = std::env::var_os("XDG_DATA_HOME").filter(|v| !v.is_empty()) {
            return Some(PathBuf::from(dir));
        }
    }
    dirs::data_dir()
}

/// The default database file: [`data_dir`]`/jackbox/jackbox.db`. Without any home folder
/// (a stripped service account), `./jackbox/jackbox.db` in the current folder.
pub fn default_db_path() -> PathBuf {
    data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("jackbox")
        .join("jackbox.db")
}

/// Folders that hold the database are created owner-only (0700) on Unix. On Windows the
/// folder inherits the ACL of the per-user profile it is created in (`%APPDATA%`), which
/// already admits only that user, SYSTEM and administrators: that ACL is the protection.
pub fn private_dir(builder: &mut DirBuilder) -> &mut DirBuilder {
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt;
        builder.mode(0o700);
    }
    builder
}

/// Files holding secrets (the database, its backups, the daemon lock, temporary files) are
/// created owner-only (0600) on Unix. On Windows they inherit the ACL of their folder: in
/// the per-user profile (`%APPDATA%`, `%TEMP%`) only that user, SYSTEM and administrators
/// may open them. A `--db` outside the profile gets that folder's ACL.
pub fn private_file(opts: &mut OpenOptions) -> &mut OpenOptions {
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    opts
}

/// Fills `buf` from `file` at `offset`, without moving a shared cursor on Unix (`pread`).
/// Windows' `seek_read` moves the handle's cursor, which is harmless here: the handle is
/// only ever read at explicit offsets.
pub fn read_exact_at(file: &File, buf: &mut [u8], offset: u64) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileExt;
        file.read_exact_at(buf, offset)
    }
    #[cfg(windows)]
    {
        use std::os::windows::fs::FileExt;
        let mut done = 0;
        while done < buf.len() {
            match file.seek_read(&mut buf[done..], offset + done as u64) {
                Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// Resolves when the process is asked to stop, with what asked, for the log:
///
/// - everywhere: Ctrl-C (`"Ctrl-C"`);
/// - Unix: `SIGTERM` (`"SIGTERM"`, from `kill`, systemd, launchd);
/// - Windows: Ctrl-Break (`"Ctrl-Break"`), the console window being closed (`"console
///   closed"`), and the user logging off or the machine shutting down (`"shutdown"`).
///   Windows ends the process about 5 seconds after a close, logoff or shutdown event,
///   whatever it is doing: the graceful shutdown has that long.
pub async fn stop_requested() -> &'static str {
    let ctrl_c = async {
        match tokio::signal::ctrl_c().await {
            Ok(()) => "Ctrl-C",
            // No console handler could be installed: only the other requests can stop us.
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        why = ctrl_c => why,
        why = os_stop() => why,
    }
}

#[cfg(unix)]
async fn os_stop() -> &'static str {
    use tokio::signal::unix::{signal, SignalKind};
    match signal(SignalKind::terminate()) {
        Ok(mut term) => {
            term.recv().await;
            "SIGTERM"
        }
        Err(_) => std::future::pending().await,
    }
}

#[cfg(windows)]
async fn os_stop() -> &'static str {
    use tokio::signal::windows;
    // Each listener is optional: one that cannot be installed just never fires.
    let brk = async {
        match windows::ctrl_break() {
            Ok(mut s) => s.recv().await,
            Err(_) => std::future::pending().await,
        }
    };
    let close = async {
        match windows::ctrl_close() {
            Ok(mut s) => s.recv().await,
            Err(_) => std::future::pending().await,
        }
    };
    let logoff = async {
        match windows::ctrl_logoff() {
            Ok(mut s) => s.recv().await,
            Err(_) => std::future::pending().await,
        }
    };
    let shutdown = async {
        match windows::ctrl_shutdown() {
            Ok(mut s) => s.recv().await,
            Err(_) => std::future::pending().await,
        }
    };
    tokio::select! {
        _ = brk => "Ctrl-Break",
        _ = close => "console closed",
        _ = logoff => "shutdown",
        _ = shutdown => "shutdown",
    }
}

#[cfg(not(any(unix, windows)))]
async fn os_stop() -> &'static str {
    std::future::pending().await
}

/// The login name when the environment has none (`USER`, `LOGNAME`, `USERNAME` unset: cron,
/// `env -i`): on Linux the owner of this process looked up in `/etc/passwd` (`uid<N>` when
/// it is not there); elsewhere `None`. Windows always sets `USERNAME`.
pub fn login_name_fallback() -> Option<String> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        // /proc exists on Linux only; macOS falls through to None.
        let uid = std::fs::metadata("/proc/self").map(|m| m.uid()).ok()?;
        let name = std::fs::read_to_string("/etc/passwd").ok().and_then(|p| {
            p.lines().find_map(|l| {
                let f: Vec<&str> = l.split(':').collect();
                (f.len() > 2 && f[2] == uid.to_string()).then(|| f[0].to_string())
            })
        });
        Some(name.unwrap_or_else(|| format!("uid{uid}")))
    }
    #[cfg(not(unix))]
    {
        None
    }
}

/// The soft limit on open files of this process, where the OS has one that can be read
/// without a system call wrapper: Linux's `/proc/self/limits`. macOS has one too (often 256,
/// see README) but it is not read here; Windows has no such per-process limit on sockets.
pub fn open_files_limit() -> Option<usize> {
    let text = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = text.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse::<usize>().ok()
}
