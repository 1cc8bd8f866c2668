//! Catalog read routes and stats over HTTP.

use super::server::Server;
use serde_json::json;

#[test]
fn games_list_filters_and_one_game() {
    let srv = Server::start();
    let all = srv.get("/api/games");
    assert_eq!(all.status, 200);
    let games = all.json.as_array().unwrap();
    assert!(games.len() > 50);
    let order: Vec<(String, String)> = games
        .iter()
        .map(|g| {
            (
                g["pack_name"].as_str().unwrap().into(),
                g["title"].as_str().unwrap().into(),
            )
        })
        .collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
    for key in [
        "id",
        "pack_name",
        "title",
        "min_players",
        "max_players",
        "length_minutes",
        "has_audience",
        "family_friendly",
        "game_type",
        "secondary_type",
        "app_tag",
        "enabled",
        "favor_bias",
        "play_count",
        "popularity_score",
        "upvotes",
        "downvotes",
        "created_at",
    ] {
        assert!(games[0].get(key).is_some(), "missing {key}");
    }

    let ten = srv.get("/api/games?playerCount=10");
    for g in ten.json.as_array().unwrap() {
        assert!(
            g["min_players"].as_i64().unwrap() <= 10 && g["max_players"].as_i64().unwrap() >= 10
        );
    }
    let drawing = srv.get("/api/games?drawing=only");
    assert!(!drawing.json.as_array().unwrap().is_empty());
    assert!(drawing
        .json
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["game_type"] == "Drawing"));
    let pack = games[0]["pack_name"].as_str().unwrap();
    let r = srv.get(&format!("/api/games?pack={}", urlencoding::encode(pack)));
    assert!(r
        .json
        .as_array()
        .unwrap()
        .iter()
        .all(|g| g["pack_name"] == pack));
    let r = srv.get("/api/games?q=quip&familyFriendly=false&enabled=true&length=short");
    assert_eq!(r.status, 200);
    assert!(r.json.as_array().unwrap().iter().all(|g| g["title"]
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("quip")));

    srv.get("/api/games?playerCount=abc")
        .assert_error(400, "playerCount must be a positive integer");
    srv.get("/api/games?drawing=maybe")
        .assert_error(400, "drawing must be \"only\" or \"exclude\"");
    srv.get("/api/games?length=huge")
        .assert_error(400, "length must be short, medium or long");
    srv.get("/api/games?enabled=yes")
        .assert_error(400, "enabled must be true or false");
    srv.get("/api/games?familyFriendly=1")
        .assert_error(400, "familyFriendly must be true or false");

    let one = srv.get("/api/games/1");
    assert_eq!(one.status, 200);
    assert_eq!(one.json["id"], 1);
    srv.get("/api/games/99999")
        .assert_error(404, "Game not found");
    srv.get("/api/games/abc")
        .assert_error(400, "Invalid game ID");
}

#[test]
fn packs_and_meta() {
    let srv = Server::start();
    let packs = srv.get("/api/games/packs");
    assert_eq!(packs.status, 200);
    let p = &packs.json[0];
    let mut keys: Vec<&String> = p.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "enabled",
            "enabled_count",
            "favor_bias",
            "name",
            "total_count"
        ]
    );
    let meta = srv.get("/api/games/meta/packs");
    let m = &meta.json[0];
    let mut keys: Vec<&String> = m.as_object().unwrap().keys().collect();
    keys.sort();
    assert_eq!(
        keys,
        [
            "enabled_count",
            "favor_bias",
            "name",
            "total_count",
            "total_plays"
        ]
    );
}

#[test]
fn stats_match_the_cli() {
    let srv = Server::start();
    let token = srv.token();
    let sid = srv.session(&token);
    srv.add_game(&token, sid, 3);
    srv.add_game(&token, sid, 3);
    srv.add_game(&token, sid, 7);
    let r = srv.get("/api/stats");
    assert_eq!(r.status, 200);
    assert_eq!(r.json["sessions"], json!({ "total": 1, "active": 1 }));
    assert_eq!(r.json["gamesPlayed"], 3);
    assert_eq!(r.json["totalVotes"], 0);
    assert!(r.json["games"]["total"].as_i64().unwrap() > 50);
    assert!(r.json["packs"]["enabled"].as_i64().unwrap() > 5);
    let most = r.json["mostPlayedGames"].as_array().unwrap();
    assert_eq!(most.len(), 2);
    assert_eq!(most[0]["id"], 3);
    assert_eq!(most[0]["play_count"], 2);
    assert_eq!(r.json["topRatedGames"], json!([]));
    let cli = srv.env.json(&["stats"]);
    assert_eq!(cli, r.json);
    assert!(srv.env.ok(&["stats"]).contains("Most played"));
}
