//! Which receiver URLs a webhook may have: `http(s)://` only, and never an address that
//! would turn a webhook into a probe of the daemon's own host or network (cloud metadata and
//! link-local always; loopback and private ranges as the [`AddressPolicy`] says). Checked on
//! create/update, and again by the sender on each delivery after resolving the name. The
//! policy is a value: the faces read it from the environment (`crate::env`).

use crate::{Error, Result};

/// Which receiver addresses besides public ones a webhook may be sent to
/// (`JACKBOX_WEBHOOK_ALLOW_PRIVATE`, read by `crate::env`): unset, loopback only (a relay on
/// the daemon's own machine is common, and the host's loopback is the host's);
/// `1`/`true`/`yes`/`on`, private ranges too (an explicit opt-in: any admin could otherwise
/// reach every machine of the LAN); `0`/`false`/`no`/`off`, neither.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AddressPolicy {
    pub loopback: bool,
    pub private: bool,
}

impl Default for AddressPolicy {
    fn default() -> Self {
        AddressPolicy {
            loopback: true,
            private: false,
        }
    }
}

/// A receiver URL as create and update accept it, under `policy`.
pub(super) fn validate_url(url: &str, policy: AddressPolicy) -> Result<()> {
    if url.trim().is_empty() {
        return Err(Error::invalid("url is required"));
    }
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("http://")
        .or_else(|| lower.strip_prefix("https://"));
    match rest {
        Some(host) if !host.is_empty() && !url.chars().any(char::is_whitespace) => {}
        _ => {
            return Err(Error::invalid(
                "url must be a valid http:// or https:// URL",
            ))
        }
    }
    let parsed = url::Url::parse(url.trim())
        .map_err(|_| Error::invalid("url must be a valid http:// or https:// URL"))?;
    match check_host(&parsed, policy) {
        Ok(()) => Ok(()),
        Err(reason) => Err(Error::invalid(format!("url {reason}"))),
    }
}

/// Host names of cloud metadata services, refused like their addresses.
const METADATA_HOSTS: &[&str] = &["metadata.google.internal", "metadata", "instance-data"];

/// Checks a receiver URL's host when it is an address (or a known metadata name); names are
/// checked again on each delivery, after resolving ([`forbidden_address`]).
pub fn check_host(url: &url::Url, policy: AddressPolicy) -> std::result::Result<(), String> {
    let Some(host) = url.host_str() else {
        return Err("must name a host".into());
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
        return match forbidden_address(ip, policy) {
            Some(why) => Err(format!("must not point to {why}")),
            None => Ok(()),
        };
    }
    let name = bare.trim_end_matches('.').to_ascii_lowercase();
    if METADATA_HOSTS.contains(&name.as_str()) {
        return Err("must not point to a cloud metadata address".into());
    }
    Ok(())
}

/// Why a webhook may not be sent to `ip`, if it may not: link-local and cloud metadata
/// addresses (and unspecified, multicast, broadcast) always; loopback and private ranges as
/// `policy` says. An IPv6 address that carries an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`,
/// IPv4-compatible `::a.b.c.d`, IPv4-translated `::ffff:0:a.b.c.d`, NAT64 `64:ff9b::/96` and
/// `64:ff9b:1::/48`, 6to4 `2002::/16`, Teredo `2001::/32` with its server and client) is
/// judged by every IPv4 address it carries too, so `[::169.254.169.254]` is the metadata
/// address it reaches. A webhook URL must not become a way to probe the daemon's host or
/// network.
pub fn forbidden_address(ip: std::net::IpAddr, policy: AddressPolicy) -> Option<&'static str> {
    use std::net::IpAddr;
    match ip {
        IpAddr::V4(v4) => forbidden_v4(v4, policy),
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if (s[0] & 0xffc0) == 0xfe80 || s == [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254] {
                return Some(LINK_LOCAL);
            }
            if v6.is_unspecified() || v6.is_multicast() {
                return Some(UNROUTABLE);
            }
            if v6.is_loopback() {
                return (!policy.loopback).then(|| private_reason(policy));
            }
            if let Some(why) = embedded_v4(&v6)
                .into_iter()
                .find_map(|v4| forbidden_v4(v4, policy))
            {
                return Some(why);
            }
            // Unique local (fc00::/7) and the deprecated site-local (fec0::/10).
            let private = (s[0] & 0xfe00) == 0xfc00 || (s[0] & 0xffc0) == 0xfec0;
            (private && !policy.private).then(|| private_reason(policy))
        }
    }
}

const LINK_LOCAL: &str = "a link-local or cloud metadata address";
const UNROUTABLE: &str = "an unspecified, multicast or broadcast address";

/// The reason a loopback or private address is refused under `policy`.
fn private_reason(policy: AddressPolicy) -> &'static str {
    if policy.loopback {
        "a private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=1 allows it)"
    } else {
        "a loopback or private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=0)"
    }
}

fn forbidden_v4(v4: std::net::Ipv4Addr, policy: AddressPolicy) -> Option<&'static str> {
    let o = v4.octets();
    if v4.is_link_local() || o == [100, 100, 100, 200] || o == [192, 0, 0, 192] {
        Some(LINK_LOCAL)
    } else if o[0] == 0 || v4.is_multicast() || v4.is_broadcast() {
        Some(UNROUTABLE)
    } else if v4.is_loopback() {
        (!policy.loopback).then(|| private_reason(policy))
    } else if v4.is_private() || (o[0] == 100 && (64..128).contains(&o[1])) {
        (!policy.private).then(|| private_reason(policy))
    } else {
        None
    }
}

/// The IPv4 addresses an IPv6 address carries (see [`forbidden_address`]); several when the
/// form is ambiguous (a `64:ff9b:1::/48` prefix may be used at several lengths; Teredo carries
/// a server and a client).
fn embedded_v4(v6: &std::net::Ipv6Addr) -> Vec<std::net::Ipv4Addr> {
    use std::net::Ipv4Addr;
    let b = v6.octets();
    let s = v6.segments();
    let tail = Ipv4Addr::new(b[12], b[13], b[14], b[15]);
    let mut out = Vec::new();
    if s[..5] == [0, 0, 0, 0, 0] && (s[5] == 0 || s[5] == 0xffff) {
        // Compatible (::a.b.c.d) and mapped (::ffff:a.b.c.d).
        out.push(tail);
    } else if s[..4] == [0, 0, 0, 0] && s[4] == 0xffff && s[5] == 0 {
        // IPv4-translated (::ffff:0:a.b.c.d, RFC 2765).
        out.push(tail);
    } else if s[..6] == [0x64, 0xff9b, 0, 0, 0, 0] {
        // NAT64 well-known prefix (RFC 6052).
        out.push(tail);
    } else if s[..3] == [0x64, 0xff9b, 1] {
        // NAT64 local-use prefix (RFC 8215): /96 (last 32 bits) or /48 (bits 48–63 and
        // 72–87, around the `u` octet), the two layouts in use.
        // (A layout whose bits are all zero is the other one's padding, not an address.)
        let split = Ipv4Addr::new(b[6], b[7], b[9], b[10]);
        out.extend([tail, split].into_iter().filter(|a| !a.is_unspecified()));
        if out.is_empty() {
            out.push(tail);
        }
    } else if s[0] == 0x2002 {
        // 6to4 (RFC 3056).
        out.push(Ipv4Addr::new(b[2], b[3], b[4], b[5]));
    } else if s[..2] == [0x2001, 0] {
        // Teredo (RFC 4380): the server, and the client (stored inverted).
        out.push(Ipv4Addr::new(b[4], b[5], b[6], b[7]));
        out.push(Ipv4Addr::new(!b[12], !b[13], !b[14], !b[15]));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_ipv4_embedding_form_is_judged_by_its_ipv4_address() {
        let default = AddressPolicy::default();
        let open = AddressPolicy {
            loopback: true,
            private: true,
        };
        let closed = AddressPolicy {
            loopback: false,
            private: false,
        };
        let verdict = |ip: &str, p: AddressPolicy| forbidden_address(ip.parse().unwrap(), p);
        // 169.254.169.254 (a9fe:a9fe) in every form: always refused.
        for ip in [
            "169.254.169.254",
            "::ffff:169.254.169.254",
            "::169.254.169.254",
            "::ffff:0:169.254.169.254",
            "64:ff9b::a9fe:a9fe",
            "64:ff9b:1::a9fe:a9fe",
            "64:ff9b:1:a9fe:a9:fe00::",
            "2002:a9fe:a9fe::",
            "2002:a9fe:a9fe:1::1",
            "2001:0:a9fe:a9fe::",
            "2001:0:4136:e378:8000:63bf:5601:5601",
        ] {
            assert_eq!(verdict(ip, open), Some(LINK_LOCAL), "{ip}");
        }
        // Private ranges: refused by default, allowed on opt-in, in every form.
        for ip in [
            "10.1.2.3",
            "192.168.1.1",
            "172.16.0.1",
            "100.64.0.1",
            "::ffff:10.1.2.3",
            "::10.1.2.3",
            "64:ff9b::c0a8:101",
            "2002:c0a8:101::",
            "fd12::1",
        ] {
            assert!(verdict(ip, default).is_some(), "{ip}");
            assert_eq!(verdict(ip, open), None, "{ip}");
        }
        // Loopback: allowed by default, refused with `0`, in every form.
        for ip in [
            "127.0.0.1",
            "::1",
            "::ffff:127.0.0.1",
            "64:ff9b::7f00:1",
            "2002:7f00:1::",
        ] {
            assert_eq!(verdict(ip, default), None, "{ip}");
            assert!(verdict(ip, closed).is_some(), "{ip}");
        }
        // Public addresses and public IPv4 inside the forms pass.
        for ip in [
            "8.8.8.8",
            "2606:4700::1111",
            "64:ff9b::808:808",
            "2002:808:808::",
        ] {
            assert_eq!(verdict(ip, default), None, "{ip}");
        }
        assert_eq!(verdict("0.0.0.0", open), Some(UNROUTABLE));
        assert_eq!(verdict("::", open), Some(UNROUTABLE));
    }

    #[test]
    fn urls_are_checked() {
        let policy = AddressPolicy::default();
        for ok in ["http://x", "https://relay.example/hook?a=1", "HTTPS://X"] {
            assert!(validate_url(ok, policy).is_ok(), "{ok}");
        }
        for bad in ["", "ftp://x", "http://", "https://a b", "example.com"] {
            assert!(validate_url(bad, policy).is_err(), "{bad}");
        }
    }
}
