//! The catalog write routes and `POST /api/pick` through the real server.

use crate::server::Server;
use serde_json::{json, Value};

const HEADER: &str = "pack_name,title,min_players,max_players,length_minutes,has_audience,family_friendly,game_type,secondary_type,app_tag,enabled,favor_bias";

#[test]
fn games_crud_over_http() {
    let srv = Server::start();
    let t = srv.token();
    let body = json!({"pack_name": "Homebrew", "title": "Charades", "min_players": 2,
        "max_players": 12, "has_audience": true, "family_friendly": 1, "app_tag": ["ch", "ch2"]});
    // Auth first.
    srv.post("/api/games", body.clone(), None)
        .assert_error(401, "Access token required");
    srv.post("/api/games", body.clone(), Some("nope"))
        .assert_error(403, "Invalid or expired token");
    let r = srv.post("/api/games", body.clone(), Some(&t));
    assert_eq!(r.status, 201, "{}", r.text);
    let g = r.json.clone();
    assert_eq!(g["has_audience"], 1);
    assert_eq!(g["family_friendly"], 1);
    assert_eq!(g["enabled"], 1);
    assert_eq!(g["favor_bias"], 0);
    assert_eq!(g["length_minutes"], Value::Null);
    assert_eq!(g["app_tag"], "ch,ch2");
    let id = g["id"].as_i64().unwrap();
    assert_eq!(srv.get(&format!("/api/games/{id}")).json, g);
    let r = srv.post("/api/games", body, Some(&t));
    assert_eq!(r.status, 409, "{}", r.text);
    assert_eq!(
        r.json["error"],
        "A game titled \"Charades\" already exists in pack \"Homebrew\""
    );

    for (bad, message) in [
        (json!({"title": "X", "min_players": 1, "max_players": 2}), "pack_name is required"),
        (json!({"pack_name": "P", "title": "X", "min_players": "two", "max_players": 2}),
            "min_players must be an integer of at least 1"),
        (json!({"pack_name": "P", "title": "X", "min_players": 3, "max_players": 2}),
            "max_players must be an integer not less than min_players"),
        (json!({"pack_name": "P", "title": "X", "min_players": 1, "max_players": 2, "favor_bias": 4}),
            "favor_bias must be -1, 0 or 1"),
        (json!({"pack_name": "P", "title": "X", "min_players": 1, "max_players": 2, "enabled": "yes"}),
            "enabled must be a boolean"),
        (json!({"pack_name": "P", "title": "X", "min_players": 1, "max_players": 2, "app_tag": "quiplash3"}),
            "app_tag \"quiplash3\" already belongs to Quiplash 3 (The Jackbox Party Pack 7); a tag belongs to one game"),
    ] {
        srv.post("/api/games", bad, Some(&t)).assert_error(400, message);
    }
    let r = srv.raw("POST", "/api/games", b"{nope".to_vec(), Some(&t));
    r.assert_error(400, "Invalid JSON body");

    // PUT: the whole object sent back, changed; or only some fields.
    let mut whole = g.clone();
    whole["max_players"] = json!(10);
    whole["length_minutes"] = json!(25);
    whole["play_count"] = json!(999);
    let r = srv.request("PUT", &format!("/api/games/{id}"), Some(whole), Some(&t));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["max_players"], 10);
    assert_eq!(r.json["length_minutes"], 25);
    assert_eq!(r.json["play_count"], 0, "read-only fields are ignored");
    let r = srv.request(
        "PUT",
        &format!("/api/games/{id}"),
        Some(json!({"length_minutes": null, "game_type": "Party"})),
        Some(&t),
    );
    assert_eq!(r.json["length_minutes"], Value::Null);
    assert_eq!(r.json["game_type"], "Party");
    assert_eq!(r.json["max_players"], 10);
    srv.request("PUT", "/api/games/abc", Some(json!({})), Some(&t))
        .assert_error(400, "Invalid game ID");
    srv.request("PUT", "/api/games/99999", Some(json!({})), Some(&t))
        .assert_error(404, "Game not found");

    // toggle and favor
    let r = srv.patch(&format!("/api/games/{id}/toggle"), json!({}), Some(&t));
    assert_eq!(r.json["enabled"], 0);
    let r = srv.patch(&format!("/api/games/{id}/toggle"), json!({}), Some(&t));
    assert_eq!(r.json["enabled"], 1);
    let r = srv.patch(
        &format!("/api/games/{id}/favor"),
        json!({"favor_bias": -1}),
        Some(&t),
    );
    assert_eq!(r.status, 200);
    assert_eq!(r.json["favor_bias"], -1);
    for bad in [
        json!({"favor_bias": 2}),
        json!({"favor_bias": "1"}),
        json!({}),
        json!({"favor_bias": 0.5}),
    ] {
        srv.patch(&format!("/api/games/{id}/favor"), bad, Some(&t))
            .assert_error(400, "favor_bias must be -1, 0 or 1");
    }
    srv.patch("/api/games/0/toggle", json!({}), Some(&t))
        .assert_error(400, "Invalid game ID");
    srv.patch("/api/games/99999/toggle", json!({}), Some(&t))
        .assert_error(404, "Game not found");

    // delete: refused once played, fine otherwise.
    let sid = srv.session(&t);
    srv.add_game(&t, sid, id);
    srv.delete(&format!("/api/games/{id}"), Some(&t))
        .assert_error(
            400,
            "Cannot delete a game that has been played in a session. Disable it instead.",
        );
    let other = srv
        .post(
            "/api/games",
            json!({"pack_name": "Homebrew", "title": "Mime",
        "min_players": 2, "max_players": 6}),
            Some(&t),
        )
        .json["id"]
        .as_i64()
        .unwrap();
    let r = srv.delete(&format!("/api/games/{other}"), Some(&t));
    assert_eq!(r.status, 200);
    assert_eq!(r.json, json!({"message": "Game deleted successfully"}));
    srv.delete(&format!("/api/games/{other}"), Some(&t))
        .assert_error(404, "Game not found");
}

#[test]
fn packs_over_http() {
    let srv = Server::start();
    let t = srv.token();
    let path = "/api/games/packs/The%20Jackbox%20Party%20Pack%207/toggle";
    srv.patch(path, json!({"enabled": false}), None)
        .assert_error(401, "Access token required");
    let r = srv.patch(path, json!({"enabled": false}), Some(&t));
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(r.json["message"], "Pack disabled successfully");
    assert_eq!(r.json["gamesAffected"], 5);
    let packs = srv.get("/api/games/packs").json;
    let pp7 = packs
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "The Jackbox Party Pack 7")
        .unwrap();
    assert_eq!(pp7["enabled"], 0);
    assert_eq!(pp7["enabled_count"], 5, "games keep their own flag");
    let r = srv.post(
        "/api/pick",
        json!({"pack": "The Jackbox Party Pack 7"}),
        None,
    );
    r.assert_error(404, "No games match the current filters");
    assert_eq!(r.json["poolSize"], 0);
    assert_eq!(
        r.json["totalEnabled"],
        srv.get("/api/games?enabled=true")
            .json
            .as_array()
            .unwrap()
            .len() as i64
            - 5
    );
    for bad in [json!({}), json!({"enabled": "no"})] {
        srv.patch(path, bad, Some(&t))
            .assert_error(400, "enabled must be a boolean");
    }
    srv.patch(
        "/api/games/packs/Nope/toggle",
        json!({"enabled": true}),
        Some(&t),
    )
    .assert_error(404, "Pack not found");
    let r = srv.patch(path, json!({"enabled": true}), Some(&t));
    assert_eq!(r.json["message"], "Pack enabled successfully");

    let r = srv.patch(
        "/api/games/packs/The%20Jackbox%20Party%20Pack%207/favor",
        json!({"favor_bias": 1}),
        Some(&t),
    );
    assert_eq!(r.status, 200, "{}", r.text);
    assert_eq!(
        r.json,
        json!({"name": "The Jackbox Party Pack 7", "enabled": 1, "favor_bias": 1,
        "total_count": 5, "enabled_count": 5})
    );
    srv.patch(
        "/api/games/packs/The%20Jackbox%20Party%20Pack%207/favor",
        json!({"favor_bias": 9}),
        Some(&t),
    )
    .assert_error(400, "favor_bias must be -1, 0 or 1");
}

#[test]
fn csv_export_and_import_over_http() {
    let srv = Server::start();
    let t = srv.token();
    srv.get("/api/games/export/csv")
        .assert_error(401, "Access token required");
    let r = srv.get_auth("/api/games/export/csv", &t);
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("text/csv"));
    assert_eq!(r.text.lines().next().unwrap(), format!("{HEADER},ticker"));
    // The CLI's export is the same document.
    assert_eq!(srv.env.ok(&["catalog", "export"]), r.text);
    let before = srv.get("/api/games").json;

    let imp = srv.post(
        "/api/games/import/csv",
        json!({"csvData": r.text, "mode": "replace"}),
        Some(&t),
    );
    assert_eq!(imp.status, 200, "{}", imp.text);
    assert_eq!(imp.json["imported"], 0);
    assert_eq!(imp.json["updated"], before.as_array().unwrap().len());
    assert!(imp.json["message"].is_string());
    assert_eq!(srv.get("/api/games").json, before);

    let add = format!("{HEADER}\nHomebrew,\"Say \"\"Hi\"\", now\",2,4,,0,1,,,,1,0\n");
    let imp = srv.post("/api/games/import/csv", json!({"csvData": add}), Some(&t));
    assert_eq!(imp.json["imported"], 1);
    assert_eq!(imp.json["updated"], 0);
    let found = srv.get("/api/games?q=Hi%22").json;
    assert_eq!(found[0]["title"], "Say \"Hi\", now");

    let bad = format!("{HEADER}\nHomebrew,Fine,2,4,,0,1,,,,1,0\nHomebrew,Broken,x,4,,0,1,,,,1,0\n");
    srv.post(
        "/api/games/import/csv",
        json!({"csvData": bad, "mode": "append"}),
        Some(&t),
    )
    .assert_error(400, "CSV line 3: min_players must be an integer");
    assert_eq!(srv.get("/api/games?q=Fine").json, json!([]));
    srv.post("/api/games/import/csv", json!({"mode": "append"}), Some(&t))
        .assert_error(400, "csvData is required");
    srv.post(
        "/api/games/import/csv",
        json!({"csvData": HEADER, "mode": "merge"}),
        Some(&t),
    )
    .assert_error(400, "mode must be \"append\" or \"replace\"");
    srv.post("/api/games/import/csv", json!({"csvData": HEADER}), None)
        .assert_error(401, "Access token required");
}

#[test]
fn pick_over_http() {
    let srv = Server::start();
    let t = srv.token();
    // No auth needed; an empty body is {}.
    let r = srv.raw("POST", "/api/pick", Vec::new(), None);
    assert_eq!(r.status, 200, "{}", r.text);
    assert!(r.json["game"]["id"].as_i64().is_some());
    let total = r.json["totalEnabled"].as_i64().unwrap();
    assert_eq!(r.json["poolSize"], total);
    let r = srv.post(
        "/api/pick",
        json!({"playerCount": 10, "drawing": "exclude", "length": "medium",
        "familyFriendly": true, "pack": ["The Jackbox Party Pack 8", "The Jackbox Party Pack 6"]}),
        None,
    );
    assert_eq!(r.status, 200, "{}", r.text);
    let g = &r.json["game"];
    assert!(g["min_players"].as_i64().unwrap() <= 10 && g["max_players"].as_i64().unwrap() >= 10);
    assert_ne!(g["game_type"], "Drawing");
    assert_eq!(r.json["totalEnabled"], total);

    for (body, message) in [
        (
            json!({"playerCount": -3}),
            "playerCount must be a positive integer",
        ),
        (
            json!({"drawing": "maybe"}),
            "drawing must be \"only\" or \"exclude\"",
        ),
        (
            json!({"length": 20}),
            "length must be short, medium or long",
        ),
        (
            json!({"pack": {"name": "x"}}),
            "pack must be a string or a list of strings",
        ),
        (
            json!({"sessionId": 0}),
            "sessionId must be a positive integer",
        ),
    ] {
        srv.post("/api/pick", body, None).assert_error(400, message);
    }
    srv.post("/api/pick", json!({"sessionId": 777}), None)
        .assert_error(404, "Session not found");
    srv.raw("POST", "/api/pick", b"[1,".to_vec(), None)
        .assert_error(400, "Invalid JSON body");

    // Repeat avoidance with a session: the last two games are never picked.
    let sid = srv.session(&t);
    let a = srv.get("/api/games?q=Quiplash%203").json[0]["id"]
        .as_i64()
        .unwrap();
    let b = srv.get("/api/games?q=Fibbage%204").json[0]["id"]
        .as_i64()
        .unwrap();
    srv.add_game(&t, sid, a);
    srv.add_game(&t, sid, b);
    for _ in 0..30 {
        let r = srv.post("/api/pick", json!({"sessionId": sid, "pack": ["The Jackbox Party Pack 7", "The Jackbox Party Pack 9"]}), None);
        assert_eq!(r.status, 200);
        assert_eq!(r.json["poolSize"], 8);
        let id = r.json["game"]["id"].as_i64().unwrap();
        assert!(id != a && id != b);
    }
    // Every route is in the OpenAPI document.
    let doc = srv.get("/api/openapi.json").json;
    for (path, method) in [
        ("/api/games", "post"),
        ("/api/games/{id}", "put"),
        ("/api/games/{id}", "delete"),
        ("/api/games/{id}/toggle", "patch"),
        ("/api/games/{id}/favor", "patch"),
        ("/api/games/packs/{name}/toggle", "patch"),
        ("/api/games/packs/{name}/favor", "patch"),
        ("/api/games/export/csv", "get"),
        ("/api/games/import/csv", "post"),
        ("/api/pick", "post"),
    ] {
        assert!(
            doc["paths"][path][method].is_object(),
            "{method} {path} missing from OpenAPI"
        );
    }
}
