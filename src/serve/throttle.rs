//! The throttle of failed logins per client address (S2): how many attempts an address
//! gets within a window, and the address a client is counted under (also by `admission`).

use crate::{Error, ErrorKind, Result};
use std::collections::{HashMap, VecDeque};
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Login attempts allowed per client address within [`WINDOW`] without a success; the next
/// attempt gets 429. An attempt counts from the moment it arrives, before its key is checked,
/// so a burst of simultaneous wrong keys checks at most this many (S2).
pub const MAX_FAILURES: usize = 5;
pub const WINDOW: Duration = Duration::from_secs(60);
/// Addresses the throttle remembers at most; beyond it the one idle longest is forgotten, so a
/// spray of addresses costs bounded memory.
pub const MAX_TRACKED: usize = 10_000;

/// Recent login attempts per client address (IPv6 grouped by /64: one host has a whole /64).
#[derive(Default)]
pub struct Throttle {
    attempts: Mutex<HashMap<IpAddr, VecDeque<Instant>>>,
}

/// An admitted login attempt: it stays counted unless [`Throttle::succeed`] clears it.
pub struct Attempt {
    key: IpAddr,
}

/// The address a client is counted under (here and in `admission`): IPv4 as is (also when
/// IPv4-mapped), IPv6 by its /64.
pub fn throttle_key(ip: IpAddr) -> IpAddr {
    match ip {
        IpAddr::V6(v6) => match v6.to_ipv4_mapped() {
            Some(v4) => IpAddr::V4(v4),
            None => {
                let s = v6.segments();
                IpAddr::V6(std::net::Ipv6Addr::new(s[0], s[1], s[2], s[3], 0, 0, 0, 0))
            }
        },
        v4 => v4,
    }
}

impl Throttle {
    fn prune(q: &mut VecDeque<Instant>, now: Instant) {
        while q.front().is_some_and(|t| now.duration_since(*t) > WINDOW) {
            q.pop_front();
        }
    }

    /// Counts an attempt from `ip` and admits it, or refuses it (429) when the address has
    /// used up its attempts. Check and count happen under one lock: concurrent attempts
    /// cannot all pass the check before any of them is counted.
    pub fn admit(&self, ip: IpAddr) -> Result<Attempt> {
        let key = throttle_key(ip);
        let now = Instant::now();
        let mut map = self.attempts.lock().unwrap_or_else(|p| p.into_inner());
        if !map.contains_key(&key) && map.len() >= MAX_TRACKED {
            map.retain(|_, q| {
                Self::prune(q, now);
                !q.is_empty()
            });
            if map.len() >= MAX_TRACKED {
                // Still full of recent addresses: forget the one quiet for longest.
                let oldest = map
                    .iter()
                    .min_by_key(|(_, q)| q.back().copied())
                    .map(|(k, _)| *k);
                if let Some(k) = oldest {
                    map.remove(&k);
                }
            }
        }
        let q = map.entry(key).or_default();
        Self::prune(q, now);
        if q.len() >= MAX_FAILURES {
            return Err(too_many());
        }
        q.push_back(now);
        Ok(Attempt { key })
    }

    /// A correct key: the address starts afresh.
    pub fn succeed(&self, attempt: Attempt) {
        self.attempts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .remove(&attempt.key);
    }

    /// Addresses currently remembered.
    pub fn tracked(&self) -> usize {
        self.attempts
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .len()
    }
}

fn too_many() -> Error {
    Error::new(
        ErrorKind::TooMany,
        "Too many failed attempts, try again later",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attempts_are_counted_before_the_check_and_the_map_is_bounded() {
        let t = Throttle::default();
        let ip: IpAddr = "10.0.0.1".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            t.admit(ip).unwrap();
        }
        assert!(t.admit(ip).is_err());
        // One /64 is one client.
        let a: IpAddr = "2001:db8::1".parse().unwrap();
        let b: IpAddr = "2001:db8::2".parse().unwrap();
        for _ in 0..MAX_FAILURES {
            t.admit(a).unwrap();
        }
        assert!(t.admit(b).is_err());
        // A success clears the address.
        let c: IpAddr = "10.0.0.2".parse().unwrap();
        let ok = t.admit(c).unwrap();
        t.succeed(ok);
        for n in 0..(MAX_TRACKED as u32 + 50) {
            let _ = t.admit(IpAddr::from(std::net::Ipv4Addr::from(0x0b00_0000 + n)));
        }
        assert!(t.tracked() <= MAX_TRACKED);
    }
}
