//! Which receiver URLs a webhook may have: http(s) only, and never an address that would
//! turn a webhook into a probe of the daemon's own network (cloud metadata, and unless
//! allowed, loopback and private ranges). Checked on create/update, and again by the sender
//! on each delivery after resolving the name.

use crate::{Error, Result};

pub(super) fn validate_url(url: &str, allow_private: bool) -> Result<()> {
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
    match check_host(&parsed, allow_private) {
        Ok(()) => Ok(()),
        Err(reason) => Err(Error::invalid(format!("url {reason}"))),
    }
}

/// Host names of cloud metadata services, refused like their addresses.
const METADATA_HOSTS: &[&str] = &["metadata.google.internal", "metadata", "instance-data"];

/// Checks a receiver URL's host when it is an address (or a known metadata name); names are
/// checked again on each delivery, after resolving ([`forbidden_address`]).
pub fn check_host(url: &url::Url, allow_private: bool) -> std::result::Result<(), String> {
    let Some(host) = url.host_str() else {
        return Err("must name a host".into());
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    if let Ok(ip) = bare.parse::<std::net::IpAddr>() {
        return match forbidden_address(ip, allow_private) {
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
/// addresses (and unspecified, multicast, broadcast) always; loopback and private ranges
/// unless `allow_private`. A webhook URL must not become a way to probe the daemon's host
/// or network.
pub fn forbidden_address(ip: std::net::IpAddr, allow_private: bool) -> Option<&'static str> {
    use std::net::IpAddr;
    let ip = match ip {
        IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
        v4 => v4,
    };
    const PRIVATE: &str = "a loopback or private address (JACKBOX_WEBHOOK_ALLOW_PRIVATE=0)";
    match ip {
        IpAddr::V4(v4) => {
            let o = v4.octets();
            if v4.is_link_local() || o == [100, 100, 100, 200] || o == [192, 0, 0, 192] {
                Some("a link-local or cloud metadata address")
            } else if v4.is_unspecified() || v4.is_multicast() || v4.is_broadcast() {
                Some("an unspecified, multicast or broadcast address")
            } else if !allow_private
                && (v4.is_loopback()
                    || v4.is_private()
                    || (o[0] == 100 && (64..128).contains(&o[1])))
            {
                Some(PRIVATE)
            } else {
                None
            }
        }
        IpAddr::V6(v6) => {
            let s = v6.segments();
            if (s[0] & 0xffc0) == 0xfe80 || s == [0xfd00, 0xec2, 0, 0, 0, 0, 0, 0x254] {
                Some("a link-local or cloud metadata address")
            } else if v6.is_unspecified() || v6.is_multicast() {
                Some("an unspecified, multicast or broadcast address")
            } else if !allow_private && (v6.is_loopback() || (s[0] & 0xfe00) == 0xfc00) {
                Some(PRIVATE)
            } else {
                None
            }
        }
    }
}
