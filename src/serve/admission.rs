//! Which connections the daemon takes: at most `--max-connections` at once, each remote
//! address (IPv6: its /64) at most a share of them, and the last few slots kept for the
//! host's own loopback clients (its console and overlay), so that sockets from elsewhere,
//! authenticated or not, can never take every slot.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::{Arc, Mutex};
use tokio::sync::{OwnedSemaphorePermit, Semaphore};

/// The connection slots and who holds them.
pub struct Admission {
    slots: Arc<Semaphore>,
    held: Mutex<HashMap<IpAddr, usize>>,
    /// Most slots one remote address may hold.
    pub share: usize,
    /// Slots only loopback clients may take.
    pub reserve: usize,
}

/// One admitted connection: its slot and its address's count, given back on drop.
pub struct Admitted {
    _permit: OwnedSemaphorePermit,
    remote: Option<(Arc<Admission>, IpAddr)>,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        if let Some((admission, key)) = self.remote.take() {
            let mut held = admission.held.lock().unwrap_or_else(|p| p.into_inner());
            if let Some(n) = held.get_mut(&key) {
                *n -= 1;
                if *n == 0 {
                    held.remove(&key);
                }
            }
        }
    }
}

impl Admission {
    /// For a cap of `max` connections: a remote address gets a quarter of them, loopback
    /// keeps a sixteenth (1 to 256) for itself.
    pub fn new(max: usize) -> Arc<Admission> {
        let max = max.max(1);
        Arc::new(Admission {
            slots: Arc::new(Semaphore::new(max)),
            held: Mutex::new(HashMap::new()),
            share: (max / 4).max(1),
            reserve: if max >= 2 {
                (max / 16).clamp(1, 256)
            } else {
                0
            },
        })
    }

    /// A slot for a connection from `peer`, or `None` (it is then answered 503 busy).
    pub fn admit(self: &Arc<Self>, peer: IpAddr) -> Option<Admitted> {
        let peer = match peer {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(peer),
            v4 => v4,
        };
        if peer.is_loopback() {
            let permit = self.slots.clone().try_acquire_owned().ok()?;
            return Some(Admitted {
                _permit: permit,
                remote: None,
            });
        }
        let key = super::throttle::throttle_key(peer);
        let mut held = self.held.lock().unwrap_or_else(|p| p.into_inner());
        if self.slots.available_permits() <= self.reserve {
            return None;
        }
        let count = held.entry(key).or_insert(0);
        if *count >= self.share {
            return None;
        }
        let permit = self.slots.clone().try_acquire_owned().ok()?;
        *count += 1;
        drop(held);
        Some(Admitted {
            _permit: permit,
            remote: Some((self.clone(), key)),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_address_gets_its_share_and_loopback_keeps_its_reserve() {
        let a = Admission::new(64);
        assert_eq!((a.share, a.reserve), (16, 4));
        let one: IpAddr = "203.0.113.7".parse().unwrap();
        let held: Vec<_> = (0..16)
            .map(|_| a.admit(one).expect("within share"))
            .collect();
        assert!(a.admit(one).is_none(), "over its share");
        // The same host over IPv4-mapped IPv6 is the same address; a /64 is one client.
        assert!(a.admit("::ffff:203.0.113.7".parse().unwrap()).is_none());
        let v6: Vec<_> = (0..16)
            .map(|i| a.admit(format!("2001:db8::{i}").parse().unwrap()).unwrap())
            .collect();
        assert!(a.admit("2001:db8::ffff".parse().unwrap()).is_none());
        // Other addresses fill the rest but the reserve.
        let more: Vec<_> = (0..28)
            .filter_map(|i| a.admit(format!("198.51.100.{i}").parse().unwrap()))
            .collect();
        assert_eq!(more.len(), 64 - 32 - 4);
        // Loopback still gets in, up to the cap.
        let local: Vec<_> = (0..4)
            .map(|_| a.admit("127.0.0.1".parse().unwrap()).expect("reserve"))
            .collect();
        assert!(a.admit("::1".parse().unwrap()).is_none(), "the cap holds");
        // A connection that ends gives its slot and its address's count back.
        drop(held);
        assert!(a.admit(one).is_some());
        drop((v6, more, local));
        assert_eq!(a.slots.available_permits(), 64);
        assert!(a.held.lock().unwrap().is_empty());
    }
}
