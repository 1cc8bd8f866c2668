//! The environment, read in one place. The faces (CLI, daemon start, webhook sender) call
//! these and hand the values to the core, which never reads the environment itself.

use std::path::PathBuf;
use std::time::Duration;

/// The admin key from the environment: `JACKBOX_ADMIN_KEY`, else `ADMIN_KEY`.
pub fn admin_key() -> Option<String> {
    ["JACKBOX_ADMIN_KEY", "ADMIN_KEY"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.is_empty())
}

/// The Twitch bot account's OAuth token (`JACKBOX_TWITCH_TOKEN`), if set. Never logged.
pub fn twitch_token() -> Option<String> {
    std::env::var("JACKBOX_TWITCH_TOKEN")
        .ok()
        .filter(|v| !v.trim().is_empty())
}

/// The JWT secret from the environment (`JACKBOX_JWT_SECRET`), if set.
pub fn jwt_secret() -> Option<Vec<u8>> {
    std::env::var("JACKBOX_JWT_SECRET")
        .ok()
        .filter(|v| !v.is_empty())
        .map(String::into_bytes)
}

/// The admins file named by `JACKBOX_ADMINS_FILE` (or its alias `ADMIN_CONFIG_PATH`).
pub fn admins_file() -> Option<PathBuf> {
    ["JACKBOX_ADMINS_FILE", "ADMIN_CONFIG_PATH"]
        .iter()
        .filter_map(std::env::var_os)
        .find(|v| !v.is_empty())
        .map(PathBuf::from)
}

/// Whether receivers on loopback and private addresses are allowed
/// (`JACKBOX_WEBHOOK_ALLOW_PRIVATE`, default yes: receivers often run on the same machine or
/// network as the daemon; `0`/`false`/`no` refuses them).
pub fn webhook_allow_private() -> bool {
    match std::env::var("JACKBOX_WEBHOOK_ALLOW_PRIVATE") {
        Ok(v) => !matches!(
            v.trim().to_ascii_lowercase().as_str(),
            "0" | "false" | "no" | "off"
        ),
        Err(_) => true,
    }
}

/// The retry base delay: `JACKBOX_WEBHOOK_RETRY_BASE_MS` or 10 s.
pub fn webhook_retry_base() -> Duration {
    let ms = std::env::var("JACKBOX_WEBHOOK_RETRY_BASE_MS")
        .ok()
        .and_then(|v| v.trim().parse::<u64>().ok())
        .unwrap_or(crate::core::webhooks::DEFAULT_RETRY_BASE_MS);
    Duration::from_millis(ms)
}

/// The CLI's actor: `JACKBOX_ACTOR` when set, else `cli:<OS user>`.
pub fn cli_actor() -> String {
    if let Some(a) = std::env::var("JACKBOX_ACTOR")
        .ok()
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
    {
        return a;
    }
    format!("cli:{}", os_user())
}

/// The login name of the user running this process.
fn os_user() -> String {
    if let Some(u) = ["USER", "LOGNAME", "USERNAME"]
        .iter()
        .filter_map(|k| std::env::var(k).ok())
        .find(|v| !v.trim().is_empty())
    {
        return u.trim().to_string();
    }
    crate::platform::login_name_fallback().unwrap_or_else(|| "unknown".to_string())
}
