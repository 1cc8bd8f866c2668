//! The web face: the console (`/`), the OBS overlay (`/overlay`) and their static files
//! (`/assets/…`), all embedded from `web/` at build time (no files are read at run time, no
//! other host is ever contacted).
//!
//! Assets get fingerprinted names (`console.3f2a9c1b0d.js`, from a hash of their content)
//! and a year of immutable caching; the pages are revalidated (`ETag` / `304`). References
//! between files are written as `/assets/NAME` in the sources and rewritten to the
//! fingerprinted names once, at first use. Every file is also kept gzip-compressed, sent to
//! clients that accept it.

use super::http::{self, Resp};
use bytes::Bytes;
use hyper::header::{self, HeaderMap, HeaderValue};
use hyper::Method;
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::io::Write;
use std::sync::OnceLock;

/// The CSP of the console (`docs/web.md`): nothing but this origin, no inline code, no framing.
pub const CSP_CONSOLE: &str = "default-src 'self'; connect-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; frame-ancestors 'none'";
/// The overlay may be framed (dashboards embed it; OBS does not need it).
pub const CSP_OVERLAY: &str = "default-src 'self'; connect-src 'self'; img-src 'self' data:; \
     style-src 'self'; script-src 'self'; frame-ancestors *";

/// The pages: URL path, source file, CSP.
const PAGES: &[(&str, &str, &str)] = &[
    ("/", include_str!("../../web/index.html"), CSP_CONSOLE),
    (
        "/overlay",
        include_str!("../../web/overlay.html"),
        CSP_OVERLAY,
    ),
];

/// The assets, in dependency order: a file may refer only to files listed before it (so its
/// fingerprint covers the fingerprints of what it imports). `vocab.js` is generated.
fn assets() -> Vec<(&'static str, String)> {
    let files: &[(&str, &str)] = &[
        ("icon.svg", include_str!("../../web/assets/icon.svg")),
        ("live.js", include_str!("../../web/assets/live.js")),
        ("overlay.css", include_str!("../../web/assets/overlay.css")),
        ("overlay.js", include_str!("../../web/assets/overlay.js")),
        ("console.css", include_str!("../../web/assets/console.css")),
        ("ui.js", include_str!("../../web/assets/ui.js")),
        (
            "console/parts.js",
            include_str!("../../web/assets/console/parts.js"),
        ),
        (
            "console/store.js",
            include_str!("../../web/assets/console/store.js"),
        ),
        (
            "console/poll.js",
            include_str!("../../web/assets/console/poll.js"),
        ),
        (
            "console/pick.js",
            include_str!("../../web/assets/console/pick.js"),
        ),
        (
            "console/history.js",
            include_str!("../../web/assets/console/history.js"),
        ),
        (
            "console/catalog.js",
            include_str!("../../web/assets/console/catalog.js"),
        ),
        (
            "console/stats.js",
            include_str!("../../web/assets/console/stats.js"),
        ),
        (
            "console/chat.js",
            include_str!("../../web/assets/console/chat.js"),
        ),
        (
            "console/settings.js",
            include_str!("../../web/assets/console/settings.js"),
        ),
        (
            "console/tonight.js",
            include_str!("../../web/assets/console/tonight.js"),
        ),
        ("console.js", include_str!("../../web/assets/console.js")),
    ];
    let mut out = vec![("vocab.js", super::vocab_js::source())];
    out.extend(files.iter().map(|(n, s)| (*n, s.to_string())));
    out
}

/// One servable file.
pub struct File {
    pub path: String,
    pub content_type: &'static str,
    pub body: Bytes,
    gzip: Bytes,
    etag: String,
    /// Fingerprinted: may be cached forever.
    immutable: bool,
    csp: &'static str,
}

/// Every servable file by URL path, built once.
pub fn files() -> &'static HashMap<String, File> {
    static FILES: OnceLock<HashMap<String, File>> = OnceLock::new();
    FILES.get_or_init(build)
}

fn content_type(name: &str) -> &'static str {
    match name.rsplit('.').next() {
        Some("js") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "text/html; charset=utf-8",
    }
}

fn hash(text: &str) -> String {
    hex::encode(&Sha256::digest(text.as_bytes())[..5])
}

fn gzip(body: &[u8]) -> Bytes {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(body);
    Bytes::from(enc.finish().unwrap_or_default())
}

/// `/assets/NAME` → `/assets/STEM.HASH.EXT` in `text`, for every asset renamed so far.
fn rewrite(text: &str, renamed: &[(String, String)]) -> String {
    let mut out = text.to_string();
    for (from, to) in renamed {
        out = out.replace(from.as_str(), to.as_str());
    }
    out
}

fn file(path: String, name: &str, text: String, immutable: bool, csp: &'static str) -> File {
    let etag = format!("\"{}\"", hash(&text));
    File {
        path,
        content_type: content_type(name),
        gzip: gzip(text.as_bytes()),
        body: Bytes::from(text),
        etag,
        immutable,
        csp,
    }
}

fn build() -> HashMap<String, File> {
    let mut renamed: Vec<(String, String)> = Vec::new();
    let mut out = HashMap::new();
    for (name, source) in assets() {
        let text = rewrite(&source, &renamed);
        let (stem, ext) = name.rsplit_once('.').unwrap_or((name, ""));
        let path = format!("/assets/{stem}.{}.{ext}", hash(&text));
        renamed.push((format!("/assets/{name}"), path.clone()));
        out.insert(path.clone(), file(path, name, text, true, CSP_CONSOLE));
    }
    for (path, source, csp) in PAGES {
        let text = rewrite(source, &renamed);
        out.insert(
            path.to_string(),
            file(path.to_string(), "page.html", text, false, csp),
        );
    }
    out
}

/// Whether `accept_encoding` admits gzip (`gzip`, `gzip;q=0.5`, `*`; not `gzip;q=0`).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    let Some(v) = headers
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
    else {
        return false;
    };
    v.split(',').any(|part| {
        let mut it = part.split(';');
        let coding = it.next().unwrap_or("").trim().to_ascii_lowercase();
        let refused = it.any(|p| {
            let p = p.trim().replace(' ', "");
            p == "q=0" || p == "q=0.0" || p == "q=0.00" || p == "q=0.000"
        });
        (coding == "gzip" || coding == "*") && !refused
    })
}

/// Whether `If-None-Match` names `etag` (or `*`). Weak comparison, as RFC 9110 asks.
fn not_modified(headers: &HeaderMap, etags: &[&str]) -> bool {
    headers
        .get_all(header::IF_NONE_MATCH)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .map(|t| t.trim().trim_start_matches("W/"))
        .any(|t| t == "*" || etags.contains(&t))
}

/// The answer for a web path, or `None` when `path` is none of the web files (then the API's
/// 404 applies). Other methods than GET/HEAD → 405.
pub fn respond(method: &Method, path: &str, headers: &HeaderMap) -> Option<Resp> {
    // `/overlay/` is `/overlay`.
    let key = match path.strip_suffix('/') {
        Some(p) if !p.is_empty() => p,
        _ => path,
    };
    let f = files().get(key)?;
    if method != Method::GET && method != Method::HEAD {
        return Some(super::router::method_not_allowed(&[
            Method::GET,
            Method::HEAD,
        ]));
    }
    let gz = accepts_gzip(headers);
    // The compressed representation has its own (strong) tag.
    let gz_etag = format!("{}.gz\"", f.etag.trim_end_matches('"'));
    let etag = if gz { &gz_etag } else { &f.etag };
    let mut resp = if not_modified(headers, &[&f.etag, &gz_etag]) {
        let mut r = http::bytes_response(304, f.content_type, Bytes::new());
        r.headers_mut().remove(header::CONTENT_TYPE);
        r
    } else if gz {
        let mut r = http::bytes_response(200, f.content_type, f.gzip.clone());
        r.headers_mut()
            .insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
        r
    } else {
        http::bytes_response(200, f.content_type, f.body.clone())
    };
    let h = resp.headers_mut();
    let cache = if f.immutable {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    if let Ok(v) = HeaderValue::from_str(etag) {
        h.insert(header::ETAG, v);
    }
    h.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    h.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(f.csp),
    );
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    h.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    Some(resp)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `/assets/…` reference in every served file names a served file.
    #[test]
    fn references_resolve() {
        let files = files();
        for f in files.values() {
            let text = std::str::from_utf8(&f.body).unwrap();
            for (i, _) in text.match_indices("/assets/") {
                let rest = &text[i..];
                let end = rest
                    .find(|c: char| !(c.is_ascii_alphanumeric() || "/._-".contains(c)))
                    .unwrap_or(rest.len());
                let target = &rest[..end];
                assert!(
                    files.contains_key(target),
                    "{} refers to {target}, which is not served",
                    f.path
                );
            }
        }
    }

    /// The JavaScript sources (not the generated vocabulary module).
    fn scripts() -> Vec<(&'static str, String)> {
        assets()
            .into_iter()
            .filter(|(n, _)| n.ends_with(".js") && *n != "vocab.js")
            .collect()
    }

    /// Every import is absolute (`/assets/…`, so the fingerprinting rewrites it), and every
    /// name a page takes from `/assets/vocab.js` — imported, or a member of an imported word
    /// type — exists there: renaming an event or a status in Rust cannot leave a page behind.
    #[test]
    fn pages_use_only_words_of_the_generated_vocabulary() {
        let exports = super::super::vocab_js::exports();
        for (name, text) in scripts() {
            for (i, _) in text.match_indices(" from \"") {
                let target = &text[i + 7..];
                assert!(target.starts_with("/assets/"), "{name}: relative import");
            }
            let mut imported = Vec::new();
            for stmt in text.split("import {").skip(1) {
                let Some((names, rest)) = stmt.split_once('}') else {
                    continue;
                };
                if !rest.trim_start().starts_with("from \"/assets/vocab.js\"") {
                    continue;
                }
                for n in names.split(',').map(str::trim).filter(|n| !n.is_empty()) {
                    assert!(
                        exports.contains_key(n),
                        "{name} imports {n}, which /assets/vocab.js does not export"
                    );
                    imported.push(n.to_string());
                }
            }
            assert!(
                !text.contains("* as") || !text.contains("\"/assets/vocab.js\""),
                "{name}: import vocabulary names one by one (a namespace import hides a missing one)"
            );
            for word in imported.iter().filter(|n| !exports[*n].is_empty()) {
                let pat = format!("{word}.");
                for (i, _) in text.match_indices(&pat) {
                    if text[..i].ends_with(|c: char| c.is_alphanumeric() || c == '_' || c == '.') {
                        continue;
                    }
                    let member: String = text[i + pat.len()..]
                        .chars()
                        .take_while(|c| c.is_alphanumeric() || *c == '_')
                        .collect();
                    assert!(
                        exports[word].contains(&member),
                        "{name} uses {word}.{member}, which /assets/vocab.js does not have"
                    );
                }
            }
        }
    }

    /// No page spells an event name itself: they come from `/assets/vocab.js`.
    #[test]
    fn pages_spell_no_event_name() {
        for (name, text) in scripts() {
            for (_, wire) in crate::core::events::EVENT_NAMES {
                for quote in ['"', '\'', '`'] {
                    let lit = format!("{quote}{wire}{quote}");
                    assert!(!text.contains(&lit), "{name} spells the event name {lit}");
                }
            }
        }
    }

    #[test]
    fn gzip_negotiation() {
        let mut h = HeaderMap::new();
        assert!(!accepts_gzip(&h));
        for (v, yes) in [
            ("gzip, deflate, br", true),
            ("br;q=1.0, gzip;q=0.8", true),
            ("*", true),
            ("gzip;q=0", false),
            ("identity", false),
        ] {
            h.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            assert_eq!(accepts_gzip(&h), yes, "{v}");
        }
    }
}
