//! Unit tests of the catalog: the field rules, the CSV format, the filters, patches and the
//! writes, against a real database built by the migrations.

use super::*;
use crate::core::input::Raw;
use crate::core::model::Game;
use crate::ErrorKind;
use rusqlite::Connection;
use serde_json::json;

fn db() -> (tempfile::TempDir, Connection) {
    let dir = tempfile::tempdir().unwrap();
    let conn = crate::store::open(&dir.path().join("t.db")).unwrap();
    (dir, conn)
}

fn fields(pack: &str, title: &str) -> GameFields {
    GamePatch {
        pack_name: Some(pack.into()),
        title: Some(title.into()),
        min_players: Some(2),
        max_players: Some(6),
        ..GamePatch::default()
    }
    .into_new()
    .unwrap()
}

fn game(title: &str, min: i64, max: i64, len: Option<i64>, kind: Option<&str>) -> Game {
    Game {
        id: 1,
        pack_name: "P".into(),
        title: title.into(),
        min_players: min,
        max_players: max,
        length_minutes: len,
        has_audience: 0,
        family_friendly: 1,
        game_type: kind.map(str::to_string),
        secondary_type: None,
        app_tag: None,
        enabled: 1,
        favor_bias: 0,
        play_count: 0,
        popularity_score: 0,
        upvotes: 0,
        downvotes: 0,
        created_at: String::new(),
        ticker: None,
    }
}

#[test]
fn field_rules_name_the_field() {
    let ok = fields("P", "T");
    assert!(ok.validate().is_ok());
    let check = |f: GameFields, message: &str| {
        let e = f.validate().unwrap_err();
        assert_eq!((e.kind, e.message.as_str()), (ErrorKind::Invalid, message));
    };
    check(
        GameFields {
            title: " ".into(),
            ..ok.clone()
        },
        "title is required",
    );
    check(
        GameFields {
            min_players: 0,
            ..ok.clone()
        },
        MIN_PLAYERS_ERROR,
    );
    check(
        GameFields {
            max_players: 1,
            ..ok.clone()
        },
        MAX_PLAYERS_ERROR,
    );
    check(
        GameFields {
            length_minutes: Some(0),
            ..ok.clone()
        },
        LENGTH_ERROR,
    );
    check(
        GameFields {
            favor_bias: 2,
            ..ok.clone()
        },
        FAVOR_ERROR,
    );
    assert_eq!(normalize_tags(" a, b,,a ,c "), "a,b,c");
    assert_eq!(parse_favor(&json!(-1)).unwrap(), -1);
    assert!(parse_favor(&json!("1")).is_err());
}

#[test]
fn csv_lines_are_checked_and_named() {
    let header = CSV_COLUMNS.join(",");
    let good = format!("\u{feff}{header}\nP,A,2,4,,1,0,Drawing,,x, y,1,0\n");
    let rows = parse_csv_lines(&good);
    // The app_tag column holds "x" and the row has 13 fields (a stray comma): refused.
    assert!(rows.is_err());
    let good = format!("\u{feff}{header}\nP,A,2,4,,yes,0,Drawing,,\"x, y\",,-1\n");
    let rows = parse_csv_lines(&good).unwrap();
    assert_eq!(rows.len(), 1);
    let (line, f) = &rows[0];
    assert_eq!(*line, 2);
    assert!(f.has_audience && f.enabled && !f.family_friendly);
    assert_eq!(f.app_tag.as_deref(), Some("x,y"));
    assert_eq!((f.length_minutes, f.favor_bias), (None, -1));

    let e = parse_csv("pack,title\n").unwrap_err();
    assert!(
        e.message.starts_with("CSV line 1: the header must be"),
        "{}",
        e.message
    );
    let e = parse_csv(&format!(
        "{header}\nP,A,2,4,,0,0,,,,1,0\nP,B,x,4,,0,0,,,,1,0\n"
    ))
    .unwrap_err();
    assert_eq!(e.message, "CSV line 3: min_players must be an integer");
    let e = parse_csv(&format!("{header}\nP,A,2,4,,maybe,0,,,,1,0\n")).unwrap_err();
    assert_eq!(e.message, "CSV line 2: has_audience must be 0 or 1");
    let e = parse_csv(&format!("{header}\n,A,2,4,,0,0,,,,1,0\n")).unwrap_err();
    assert_eq!(e.message, "CSV line 2: pack_name is required");
    let e = parse_csv(&format!(
        "{header}\nP,A,2,4,,0,0,,,,1,0\nP,A,3,4,,0,0,,,,1,0\n"
    ))
    .unwrap_err();
    assert_eq!(
        e.message,
        "CSV line 3: \"A\" in pack \"P\" already appears on line 2"
    );
    assert_eq!(
        "replace".parse::<ImportMode>().unwrap(),
        ImportMode::Replace
    );
    assert!("merge".parse::<ImportMode>().is_err());
}

#[test]
fn filters() {
    let drawful = game("Drawful 2", 3, 8, Some(20), Some("Drawing"));
    let quip = game("Quiplash 3", 3, 8, None, Some("Writing"));
    let long = game("Long One", 1, 4, Some(40), None);
    let all = [&drawful, &quip, &long];
    let pick = |f: GameFilter| -> Vec<&str> {
        all.iter()
            .filter(|g| f.matches(g))
            .map(|g| g.title.as_str())
            .collect()
    };
    let with = |field: &str, v: &str| {
        GameFilter::default()
            .with_common(|k| (k == field).then_some(Raw::Text(v)))
            .unwrap()
    };
    assert_eq!(pick(with("drawing", "only")), ["Drawful 2"]);
    assert_eq!(pick(with("drawing", "exclude")), ["Quiplash 3", "Long One"]);
    assert_eq!(pick(with("length", "short")), ["Quiplash 3"]);
    assert_eq!(pick(with("length", "medium")), ["Drawful 2"]);
    assert_eq!(pick(with("length", "long")), ["Long One"]);
    assert_eq!(pick(with("playerCount", "8")), ["Drawful 2", "Quiplash 3"]);
    let q = GameFilter {
        q: Some("QUIP".into()),
        ..GameFilter::default()
    };
    assert_eq!(pick(q), ["Quiplash 3"]);
    // One message per field, whatever the face.
    for raw in [Raw::Text("0"), Raw::Json(&json!(-2)), Raw::Int(0)] {
        let e = GameFilter::parse_player_count(raw).unwrap_err();
        assert_eq!(e.message, PLAYER_COUNT_ERROR);
    }
    for raw in [Raw::Text("maybe"), Raw::Json(&json!(1))] {
        assert_eq!(
            GameFilter::parse_drawing(raw).unwrap_err().message,
            Drawing::INVALID
        );
    }
    assert_eq!(
        GameFilter::parse_length(Raw::Json(&json!("medium"))).unwrap(),
        Length::Medium
    );
}

#[test]
fn patches() {
    let p = GamePatch::from_json(&json!({
        "pack_name": " P ", "title": "T", "min_players": 2, "max_players": 4,
        "length_minutes": null, "app_tag": ["a", "b"], "id": 99, "play_count": 5,
    }))
    .unwrap();
    assert_eq!(p.length_minutes, Some(None));
    let f = p.into_new().unwrap();
    assert_eq!(
        (f.pack_name.as_str(), f.app_tag.as_deref()),
        ("P", Some("a,b"))
    );
    assert!(f.enabled);
    let e = GamePatch::from_json(&json!({ "min_players": "2" })).unwrap_err();
    assert_eq!(e.message, MIN_PLAYERS_ERROR);
    let e = GamePatch::from_json(&json!({ "length_minutes": 0 })).unwrap_err();
    assert_eq!(e.message, LENGTH_ERROR);
    let e = GamePatch::from_json(&json!([1])).unwrap_err();
    assert_eq!(e.message, "Request body must be a JSON object");
    let e = GamePatch::default().into_new().unwrap_err();
    assert_eq!(e.message, "pack_name is required");
    // The CLI's spellings of "no length", and the same message as the API otherwise.
    for clear in ["", "none", "-"] {
        assert_eq!(GamePatch::parse_length(Raw::Text(clear)).unwrap(), None);
    }
    assert_eq!(
        GamePatch::parse_length(Raw::Text(" 15 ")).unwrap(),
        Some(15)
    );
    assert_eq!(
        GamePatch::parse_length(Raw::Text("-5"))
            .unwrap_err()
            .message,
        LENGTH_ERROR
    );
    // apply keeps what the patch leaves out and clears what it nulls.
    let base = GameFields {
        game_type: Some("Drawing".into()),
        ..fields("P", "T")
    };
    let changed = GamePatch {
        max_players: Some(10),
        game_type: Some(None),
        ..GamePatch::default()
    }
    .apply(base.clone())
    .unwrap();
    assert_eq!((changed.max_players, changed.game_type), (10, None));
    assert_eq!(changed.title, base.title);
    assert!(GamePatch {
        min_players: Some(9),
        ..GamePatch::default()
    }
    .apply(base)
    .is_err());
}

#[test]
fn writes_keep_the_catalog_rules() {
    let (_dir, mut conn) = db();
    let before = list(&conn, &GameFilter::default()).unwrap().len();
    let patch = |pack: &str, title: &str, tag: Option<&str>| GamePatch {
        app_tag: tag.map(|t| Some(t.to_string())),
        ..GamePatch::from_json(&json!({
            "pack_name": pack, "title": title, "min_players": 2, "max_players": 6,
        }))
        .unwrap()
    };
    let g = add(&mut conn, patch("Mine", "One", Some("mine1"))).unwrap();
    assert_eq!(get(&conn, g.id).unwrap().title, "One");
    let e = add(&mut conn, patch("Mine", "One", None)).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Duplicate);
    // A tag belongs to one game: refused, and nothing of the write is kept.
    let e = add(&mut conn, patch("Mine", "Two", Some("mine1"))).unwrap_err();
    assert!(
        e.message
            .starts_with("app_tag \"mine1\" already belongs to One"),
        "{}",
        e.message
    );
    assert_eq!(
        list(&conn, &GameFilter::default()).unwrap().len(),
        before + 1
    );
    assert_eq!(find_by_app_tag(&conn, "mine1").unwrap().unwrap().id, g.id);

    let g = update(
        &mut conn,
        g.id,
        GamePatch {
            max_players: Some(8),
            ..GamePatch::default()
        },
    )
    .unwrap();
    assert_eq!((g.min_players, g.max_players), (2, 8));
    assert_eq!(set_enabled(&mut conn, g.id, None).unwrap().enabled, 0);
    assert_eq!(set_favor(&mut conn, g.id, 1).unwrap().favor_bias, 1);
    assert!(set_favor(&mut conn, g.id, 5).is_err());
    assert_eq!(resolve(&conn, &g.id.to_string()).unwrap().id, g.id);
    assert_eq!(resolve(&conn, "one").unwrap().id, g.id);

    // The pack: found loosely by name, its flags set without touching the games'.
    assert_eq!(pack(&conn, "mine").unwrap().name, "Mine");
    set_pack_enabled(&mut conn, "Mine", false).unwrap();
    assert_eq!(pack(&conn, "Mine").unwrap().enabled, 0);
    assert_eq!(
        set_pack_favor(&mut conn, "Mine", -1).unwrap().favor_bias,
        -1
    );
    assert_eq!(pack(&conn, "nope").unwrap_err().kind, ErrorKind::NotFound);

    // A game played in a session cannot be deleted; another can.
    let sid = crate::core::sessions::create(&mut conn, None).unwrap().id;
    let new = crate::core::session_games::NewGame {
        game_id: Some(g.id),
        ..Default::default()
    };
    crate::core::lineup::add_game(&mut conn, sid, &new).unwrap();
    let e = delete(&mut conn, g.id).unwrap_err();
    assert_eq!(e.message, DELETE_PLAYED_ERROR);
    let other = add(&mut conn, patch("Mine", "Two", None)).unwrap();
    delete(&mut conn, other.id).unwrap();
    assert_eq!(get(&conn, other.id).unwrap_err().kind, ErrorKind::NotFound);
}

#[test]
fn export_and_import_round_trip() {
    let (_dir, mut conn) = db();
    let csv = export_csv(&conn).unwrap();
    let count = list(&conn, &GameFilter::default()).unwrap().len();
    assert_eq!(csv.lines().count(), count + 1);
    // Re-importing the export changes nothing but counts every game as updated.
    let m = import_csv(&mut conn, &csv, ImportMode::Append).unwrap();
    assert_eq!(m.extra["imported"], 0);
    assert_eq!(m.extra["updated"], count as i64);
    assert_eq!(export_csv(&conn).unwrap(), csv);
    // Replace: only the file's games stay, except those a session refers to.
    let first = list(&conn, &GameFilter::default()).unwrap()[0].clone();
    let sid = crate::core::sessions::create(&mut conn, None).unwrap().id;
    let new = crate::core::session_games::NewGame {
        game_id: Some(first.id),
        ..Default::default()
    };
    crate::core::lineup::add_game(&mut conn, sid, &new).unwrap();
    let one = format!(
        "{}\nNew,Fresh,2,4,,0,0,,,,1,0,\n",
        csv.lines().next().unwrap()
    );
    let m = import_csv(&mut conn, &one, ImportMode::Replace).unwrap();
    assert_eq!(m.extra["imported"], 1);
    let left: Vec<String> = list(&conn, &GameFilter::default())
        .unwrap()
        .into_iter()
        .map(|g| g.title)
        .collect();
    assert_eq!(left.len(), 2, "{left:?}");
    assert!(left.contains(&first.title) && left.contains(&"Fresh".to_string()));
    // A bad line rejects the whole file.
    let before = export_csv(&conn).unwrap();
    let bad = format!(
        "{}\nX,Y,2,4,,0,0,,,,1,0,\nX,Z,0,4,,0,0,,,,1,0,\n",
        csv.lines().next().unwrap()
    );
    let e = import_csv(&mut conn, &bad, ImportMode::Append).unwrap_err();
    assert_eq!(e.message, format!("CSV line 3: {MIN_PLAYERS_ERROR}"));
    assert_eq!(export_csv(&conn).unwrap(), before);
}
