//! The web face over plain HTTP: the console and overlay pages, fingerprinted assets, the
//! security and caching headers of `web.md`, `ETag`/`304`, gzip, and the weight budgets.

use crate::server::Server;
use std::collections::BTreeSet;

const CSP_CONSOLE: &str = "default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'";

/// The `/assets/…` paths referenced by `text`.
fn asset_refs(text: &str) -> BTreeSet<String> {
    text.match_indices("/assets/")
        .map(|(i, _)| {
            let rest = &text[i..];
            let end = rest
                .find(|c: char| !(c.is_ascii_alphanumeric() || "/._-".contains(c)))
                .unwrap_or(rest.len());
            rest[..end].to_string()
        })
        .collect()
}

/// Every file `page` loads (the page and, transitively, its assets) with its size.
fn page_files(srv: &Server, page: &str) -> Vec<(String, usize)> {
    let mut seen = BTreeSet::new();
    let mut todo = vec![page.to_string()];
    let mut out = Vec::new();
    while let Some(path) = todo.pop() {
        if !seen.insert(path.clone()) {
            continue;
        }
        let r = srv.get(&path);
        assert_eq!(r.status, 200, "{path}");
        out.push((path.clone(), r.text.len()));
        todo.extend(asset_refs(&r.text));
    }
    out
}

#[test]
fn pages_and_assets_have_the_spec_headers() {
    let srv = Server::start();
    let console = srv.get("/");
    assert_eq!(console.status, 200);
    assert_eq!(
        console.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(console.header("content-security-policy"), Some(CSP_CONSOLE));
    assert_eq!(console.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(console.header("referrer-policy"), Some("no-referrer"));
    assert_eq!(console.header("cache-control"), Some("no-cache"));
    assert!(console.text.contains("<title>jackbox"));
    let overlay = srv.get("/overlay?token=abc&show=game,room");
    assert_eq!(overlay.status, 200);
    let csp = overlay.header("content-security-policy").unwrap();
    assert!(csp.starts_with("default-src 'self'; connect-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'"), "{csp}");
    assert!(
        !csp.contains("frame-ancestors 'none'"),
        "the overlay may be framed: {csp}"
    );
    assert_eq!(overlay.header("x-content-type-options"), Some("nosniff"));
    assert_eq!(overlay.header("referrer-policy"), Some("no-referrer"));

    // Assets: fingerprinted names, cached for a year, right types.
    let refs = asset_refs(&console.text);
    assert!(!refs.is_empty());
    for path in refs.iter().chain(asset_refs(&overlay.text).iter()) {
        let name = path.trim_start_matches("/assets/");
        let parts: Vec<&str> = name.split('.').collect();
        assert_eq!(parts.len(), 3, "{name} is not STEM.HASH.EXT");
        assert!(
            parts[1].len() == 10 && parts[1].chars().all(|c| c.is_ascii_hexdigit()),
            "{name}"
        );
        let r = srv.get(path);
        assert_eq!(r.status, 200, "{path}");
        assert_eq!(
            r.header("cache-control"),
            Some("public, max-age=31536000, immutable"),
            "{path}"
        );
        assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
        let ct = r.header("content-type").unwrap();
        let want = match parts[2] {
            "js" => "text/javascript",
            "css" => "text/css",
            "svg" => "image/svg+xml",
            other => panic!("unexpected asset type {other}"),
        };
        assert!(ct.starts_with(want), "{path}: {ct}");
    }
    // An asset under another (or no) fingerprint does not exist.
    srv.get("/assets/console.js").assert_error(404, "Not found");
    // Only GET and HEAD.
    let r = srv.post("/", serde_json::json!({}), None);
    assert_eq!(r.status, 405);
    assert_eq!(r.header("allow"), Some("GET, HEAD"));
    let head = srv.request("HEAD", "/overlay", None, None);
    assert_eq!(head.status, 200);
    assert!(head.text.is_empty());
}

#[test]
fn pages_revalidate_with_etags_and_compress() {
    let srv = Server::start();
    let first = srv.get("/");
    let etag = first.header("etag").expect("etag").to_string();
    let again = srv.send(|c| c.get(srv.url("/")).header("If-None-Match", &etag));
    assert_eq!(again.status, 304);
    assert!(again.text.is_empty());
    assert_eq!(again.header("etag"), Some(etag.as_str()));
    let other = srv.send(|c| c.get(srv.url("/")).header("If-None-Match", "\"nope\""));
    assert_eq!(other.status, 200);

    // gzip when accepted (reqwest here has no gzip support: the bytes arrive as sent).
    let gz = srv.rt.block_on(async {
        srv.client
            .get(srv.url("/overlay"))
            .header("Accept-Encoding", "gzip")
            .send()
            .await
            .unwrap()
    });
    assert_eq!(gz.status(), 200);
    assert_eq!(gz.headers()["content-encoding"], "gzip");
    assert_eq!(gz.headers()["vary"], "Accept-Encoding");
    let gz_etag = gz.headers()["etag"].to_str().unwrap().to_string();
    assert_ne!(gz_etag, srv.get("/overlay").header("etag").unwrap());
    let body = srv.rt.block_on(gz.bytes()).unwrap();
    let mut plain = String::new();
    use std::io::Read;
    flate2::read::GzDecoder::new(&body[..])
        .read_to_string(&mut plain)
        .unwrap();
    assert_eq!(plain, srv.get("/overlay").text);
    // Not when refused.
    let id = srv.send(|c| {
        c.get(srv.url("/overlay"))
            .header("Accept-Encoding", "gzip;q=0")
    });
    assert_eq!(id.header("content-encoding"), None);
}

/// The weight budgets of `web.md`: all files a page loads, uncompressed.
#[test]
fn pages_stay_within_their_weight_budgets() {
    let srv = Server::start();
    for (page, budget) in [("/", 150 * 1024), ("/overlay", 40 * 1024)] {
        let files = page_files(&srv, page);
        let total: usize = files.iter().map(|(_, n)| n).sum();
        assert!(
            total <= budget,
            "{page} loads {total} bytes (budget {budget}): {files:?}"
        );
        assert!(files.len() >= 3, "{page}: {files:?}");
    }
}
