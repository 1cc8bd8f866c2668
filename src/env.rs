//! The environment, read in one place. The faces (CLI, daemon start, webhook sender, chat
//! sources) call these and hand the values to the core, which never reads the environment
//! itself (`tests/it/layers.rs` checks that).

use crate::core::chat::live::Rules;
use crate::core::webhooks::AddressPolicy;
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

/// The webhook sender's settings: `JACKBOX_WEBHOOK_ALLOW_PRIVATE` (the receiver address
/// policy), `JACKBOX_WEBHOOK_RETRY_BASE_MS` (the retry schedule's base, 10 s) and
/// `JACKBOX_WEBHOOK_TIMEOUT_MS` (each request's timeout, 5 s). A number that does not parse
/// leaves the default.
pub fn webhooks() -> crate::webhooks::Settings {
    let defaults = crate::webhooks::Settings::default();
    let ms = |name: &str, default: Duration| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .map_or(default, Duration::from_millis)
    };
    crate::webhooks::Settings {
        policy: webhook_policy(),
        retry_base: ms("JACKBOX_WEBHOOK_RETRY_BASE_MS", defaults.retry_base),
        timeout: ms("JACKBOX_WEBHOOK_TIMEOUT_MS", defaults.timeout),
    }
}

/// Which receiver addresses webhooks may reach (`JACKBOX_WEBHOOK_ALLOW_PRIVATE`; see
/// [`AddressPolicy`]): unset, loopback but not private ranges; `1`/`true`/`yes`/`on`, both;
/// `0`/`false`/`no`/`off`, neither.
pub fn webhook_policy() -> AddressPolicy {
    let value = std::env::var("JACKBOX_WEBHOOK_ALLOW_PRIVATE").unwrap_or_default();
    match value.trim().to_ascii_lowercase().as_str() {
        "0" | "false" | "no" | "off" => AddressPolicy {
            loopback: false,
            private: false,
        },
        "1" | "true" | "yes" | "on" => AddressPolicy {
            loopback: true,
            private: true,
        },
        _ => AddressPolicy::default(),
    }
}

/// The live chat counting rules: `JACKBOX_CHAT_BARE_NUMBERS=0` turns bare numbers off;
/// `JACKBOX_CHAT_IGNORE` (comma-separated logins) replaces the ignore list (empty: nobody is
/// ignored).
pub fn chat_rules() -> Rules {
    let mut r = Rules::default();
    if let Ok(v) = std::env::var("JACKBOX_CHAT_BARE_NUMBERS") {
        r.bare_numbers = !matches!(v.trim(), "0" | "false" | "off" | "no");
    }
    if let Ok(v) = std::env::var("JACKBOX_CHAT_IGNORE") {
        r.ignore = crate::core::chat::live::parse_list(&v);
    }
    r
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
