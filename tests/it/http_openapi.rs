//! The OpenAPI document and the router agree: every route is documented (method and path
//! template), every documented operation exists, and the daemon serves the document.

use super::server::Server;
use jackbox::serve::router;
use serde_json::Value;
use std::collections::BTreeSet;

fn documented() -> BTreeSet<(String, String)> {
    let doc: Value = serde_json::from_str(router::OPENAPI).expect("openapi.json is valid JSON");
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    assert_eq!(
        doc["info"]["version"],
        env!("CARGO_PKG_VERSION"),
        "bump info.version"
    );
    let mut out = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            if ["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                out.insert((method.to_uppercase(), path.clone()));
            }
        }
    }
    out
}

fn routed() -> BTreeSet<(String, String)> {
    router::routes()
        .iter()
        .map(|r| (r.method.as_str().to_string(), r.path.to_string()))
        .collect()
}

#[test]
fn every_route_is_documented() {
    let doc = documented();
    let missing: Vec<_> = routed().difference(&doc).cloned().collect();
    assert!(
        missing.is_empty(),
        "routes missing from src/serve/openapi.json: {missing:?}"
    );
}

#[test]
fn every_documented_operation_is_routed() {
    let extra: Vec<_> = documented().difference(&routed()).cloned().collect();
    assert!(
        extra.is_empty(),
        "documented in src/serve/openapi.json but not routed: {extra:?}"
    );
}

#[test]
fn every_schema_reference_resolves() {
    let doc: Value = serde_json::from_str(router::OPENAPI).unwrap();
    let schemas = doc["components"]["schemas"].as_object().unwrap();
    fn walk(v: &Value, refs: &mut Vec<String>) {
        match v {
            Value::Object(m) => {
                if let Some(Value::String(r)) = m.get("$ref") {
                    refs.push(r.clone());
                }
                m.values().for_each(|x| walk(x, refs));
            }
            Value::Array(a) => a.iter().for_each(|x| walk(x, refs)),
            _ => {}
        }
    }
    let mut refs = Vec::new();
    walk(&doc, &mut refs);
    for r in refs {
        let name = r.strip_prefix("#/components/schemas/").expect("local ref");
        assert!(schemas.contains_key(name), "unresolved $ref {r}");
    }
}

#[test]
fn served_at_api_openapi_json() {
    let srv = Server::start();
    let r = srv.get("/api/openapi.json");
    assert_eq!(r.status, 200);
    assert!(r
        .header("content-type")
        .unwrap()
        .starts_with("application/json"));
    let doc: Value = serde_json::from_str(router::OPENAPI).unwrap();
    assert_eq!(r.json, doc);
}
