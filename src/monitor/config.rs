//! The room monitor's settings: the lobby server's URL and every timing, with environment
//! overrides (tests shorten them; see `docs/room-monitor.md`).

use std::time::Duration;

/// Timings and where the lobby server is.
#[derive(Debug, Clone)]
pub struct Config {
    /// `--ecast-url` / `JACKBOX_ECAST_URL`.
    pub ecast_url: String,
    /// The probe connection (`JACKBOX_MONITOR_PROBE_MS`, default 20 s).
    pub probe_interval: Duration,
    /// The `game.status` heartbeat (`JACKBOX_MONITOR_HEARTBEAT_MS`, default 20 s).
    pub heartbeat_interval: Duration,
    /// First retry delay, doubled after each failure (`JACKBOX_MONITOR_BACKOFF_MS`, 1 s).
    pub backoff_base: Duration,
    /// Longest retry delay (`JACKBOX_MONITOR_BACKOFF_CAP_MS`, 30 s).
    pub backoff_cap: Duration,
    /// Failing for this long gives up with `connection_failed`
    /// (`JACKBOX_MONITOR_GIVEUP_MS`, 5 min).
    pub give_up: Duration,
    /// One HTTP request, WebSocket handshake or first frame (`JACKBOX_MONITOR_TIMEOUT_MS`,
    /// 10 s).
    pub timeout: Duration,
    /// How often a running monitor checks that its row is still `monitoring`
    /// (`JACKBOX_MONITOR_CHECK_MS`, 1 s): a stop from another process ends it promptly.
    pub status_check: Duration,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            ecast_url: super::ecast::DEFAULT_BASE.to_string(),
            probe_interval: Duration::from_secs(20),
            heartbeat_interval: Duration::from_secs(20),
            backoff_base: Duration::from_secs(1),
            backoff_cap: Duration::from_secs(30),
            give_up: Duration::from_secs(300),
            timeout: Duration::from_secs(10),
            status_check: Duration::from_secs(1),
        }
    }
}

impl Config {
    /// The defaults with the environment's overrides; `ecast_url` (a flag) wins over
    /// `JACKBOX_ECAST_URL`.
    pub fn from_env(ecast_url: Option<&str>) -> Config {
        let mut c = Config::default();
        if let Some(url) = ecast_url
            .map(str::to_string)
            .or_else(|| std::env::var("JACKBOX_ECAST_URL").ok())
            .filter(|u| !u.trim().is_empty())
        {
            c.ecast_url = url.trim().trim_end_matches('/').to_string();
        }
        let ms = |name: &str, into: &mut Duration| {
            if let Some(v) = std::env::var(name)
                .ok()
                .and_then(|v| v.trim().parse::<u64>().ok())
                .filter(|v| *v > 0)
            {
                *into = Duration::from_millis(v);
            }
        };
        ms("JACKBOX_MONITOR_PROBE_MS", &mut c.probe_interval);
        ms("JACKBOX_MONITOR_HEARTBEAT_MS", &mut c.heartbeat_interval);
        ms("JACKBOX_MONITOR_BACKOFF_MS", &mut c.backoff_base);
        ms("JACKBOX_MONITOR_BACKOFF_CAP_MS", &mut c.backoff_cap);
        ms("JACKBOX_MONITOR_GIVEUP_MS", &mut c.give_up);
        ms("JACKBOX_MONITOR_TIMEOUT_MS", &mut c.timeout);
        ms("JACKBOX_MONITOR_CHECK_MS", &mut c.status_check);
        if c.backoff_cap < c.backoff_base {
            c.backoff_cap = c.backoff_base;
        }
        c
    }

    /// A delay of the exponential schedule with jitter: uniformly in `[d/2, d]`.
    pub fn jitter(d: Duration) -> Duration {
        use rand::Rng;
        let ms = d.as_millis().max(1) as u64;
        Duration::from_millis(rand::thread_rng().gen_range(ms / 2..=ms))
    }

    /// The next delay of the schedule after `d`.
    pub fn next_delay(&self, d: Duration) -> Duration {
        (d * 2).min(self.backoff_cap)
    }
}
