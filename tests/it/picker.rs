//! The picker: honest weights (chi-square), filters and repeat avoidance never violated,
//! reproducible seeds, error messages, `--add`.

use crate::util::Env;
use jackbox::core::catalog::{Drawing, GameFilter, Length};
use jackbox::core::picker::{self, PickRequest};
use rand::rngs::StdRng;
use rand::SeedableRng;
use std::collections::{HashMap, HashSet};

const HEADER: &str = "pack_name,title,min_players,max_players,length_minutes,has_audience,family_friendly,game_type,secondary_type,app_tag,enabled,favor_bias";

/// Replaces the catalog with `rows` through the CLI.
fn import(env: &Env, rows: &[&str]) {
    let path = env.path("catalog.csv");
    std::fs::write(&path, format!("{HEADER}\n{}\n", rows.join("\n"))).unwrap();
    env.ok(&["catalog", "import", path.to_str().unwrap(), "--replace"]);
}

#[test]
fn pick_frequencies_match_weight_shares() {
    let env = Env::new();
    // Pack A neutral, pack B favored, pack C disfavored; games of every favor in each,
    // plus a disabled game and a game of a disabled pack that must never appear.
    import(
        &env,
        &[
            "A,A up,1,8,10,0,1,Party,,,1,1",
            "A,A zero,1,8,10,0,1,Party,,,1,0",
            "A,A down,1,8,10,0,1,Party,,,1,-1",
            "B,B up,1,8,10,0,1,Party,,,1,1",
            "B,B zero,1,8,10,0,1,Party,,,1,0",
            "B,B down,1,8,10,0,1,Party,,,1,-1",
            "C,C up,1,8,10,0,1,Party,,,1,1",
            "C,C zero,1,8,10,0,1,Party,,,1,0",
            "A,A disabled,1,8,10,0,1,Party,,,0,1",
            "D,D in disabled pack,1,8,10,0,1,Party,,,1,1",
        ],
    );
    env.ok(&["catalog", "pack", "favor", "B", "1"]);
    env.ok(&["catalog", "pack", "favor", "C", "-1"]);
    env.ok(&["catalog", "pack", "disable", "D"]);
    let expected_weight: HashMap<&str, f64> = [
        ("A up", 3.0),
        ("A zero", 1.0),
        ("A down", 0.2),
        ("B up", 9.0),
        ("B zero", 3.0),
        ("B down", 0.6),
        ("C up", 0.6),
        ("C zero", 0.2),
    ]
    .into_iter()
    .collect();
    let total: f64 = expected_weight.values().sum();

    let conn = env.conn();
    let req = PickRequest::default();
    // The weights the core reports are the spec's.
    let (pool, total_enabled) = picker::candidates(&conn, &req).unwrap();
    assert_eq!(pool.len(), 8);
    assert_eq!(total_enabled, 8, "disabled games and packs are not counted");
    for (g, w) in &pool {
        assert!(
            (w - expected_weight[g.title.as_str()]).abs() < 1e-9,
            "{}",
            g.title
        );
    }

    let n = 20_000;
    let mut rng = StdRng::seed_from_u64(20260315);
    let mut counts: HashMap<String, u64> = HashMap::new();
    for _ in 0..n {
        let p = picker::pick(&conn, &req, &mut rng).unwrap();
        assert_eq!(p.pool_size, 8);
        assert_eq!(p.total_enabled, 8);
        *counts.entry(p.game.title.clone()).or_default() += 1;
    }
    assert!(!counts.contains_key("A disabled"));
    assert!(!counts.contains_key("D in disabled pack"));
    let chi2: f64 = expected_weight
        .iter()
        .map(|(title, w)| {
            let expected = n as f64 * w / total;
            let observed = *counts.get(*title).unwrap_or(&0) as f64;
            (observed - expected).powi(2) / expected
        })
        .sum();
    // 7 degrees of freedom; the critical value at alpha = 0.001 is 24.32.
    assert!(chi2 < 24.32, "chi-square {chi2:.2} too large: {counts:?}");
}

#[test]
fn filters_and_repeat_avoidance_are_never_violated() {
    let env = Env::new();
    // The built-in catalog, with a disabled game, a disabled pack and a session.
    env.ok(&["catalog", "disable", "1"]);
    env.ok(&["catalog", "pack", "disable", "The Jackbox Party Pack 4"]);
    env.ok(&["session", "create"]);
    for game in ["Quiplash 3", "Fibbage 4", "Tee K.O. 2", "Job Job"] {
        env.ok(&["game", "add", game]);
    }
    let conn = env.conn();
    let session: i64 = env.count("SELECT id FROM sessions");
    let all: HashSet<i64> = {
        let mut s = conn
            .prepare("SELECT game_id FROM session_games WHERE session_id = ?1")
            .unwrap();
        s.query_map([session], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let last_two: HashSet<i64> = {
        let mut s = conn
            .prepare(
                "SELECT game_id FROM session_games WHERE session_id = ?1
                 ORDER BY played_at DESC, id DESC LIMIT 2",
            )
            .unwrap();
        s.query_map([session], |r| r.get(0))
            .unwrap()
            .map(|r| r.unwrap())
            .collect()
    };
    let disabled_pack = "The Jackbox Party Pack 4";
    let players = [None, Some(1), Some(2), Some(3), Some(8), Some(9), Some(10)];
    let drawings = [None, Some(Drawing::Only), Some(Drawing::Exclude)];
    let lengths = [
        None,
        Some(Length::Short),
        Some(Length::Medium),
        Some(Length::Long),
    ];
    let packs: [Vec<String>; 3] = [
        vec![],
        vec!["The Jackbox Party Pack 7".into()],
        vec!["The Jackbox Party Pack 9".into(), "Standalone".into()],
    ];
    let mut picks = 0;
    let mut seed = 0u64;
    for p in players {
        for d in drawings {
            for l in lengths {
                for ff in [None, Some(true)] {
                    for pk in &packs {
                        for (sid, excl) in
                            [(None, false), (Some(session), false), (Some(session), true)]
                        {
                            seed += 1;
                            let req = PickRequest {
                                filter: GameFilter {
                                    player_count: p,
                                    drawing: d,
                                    length: l,
                                    family_friendly: ff,
                                    packs: pk.clone(),
                                    ..GameFilter::default()
                                },
                                session_id: sid,
                                exclude_played: excl,
                                select: false,
                            };
                            let mut rng = StdRng::seed_from_u64(seed);
                            let Ok(pick) = picker::pick(&conn, &req, &mut rng) else {
                                continue;
                            };
                            picks += 1;
                            let g = &pick.game;
                            assert!(pick.pool_size >= 1 && pick.pool_size <= pick.total_enabled);
                            assert_eq!(g.enabled, 1);
                            assert_ne!(g.pack_name, disabled_pack);
                            if let Some(n) = p {
                                assert!(g.min_players <= n && n <= g.max_players, "{g:?} {n}");
                            }
                            let drawing = g.game_type.as_deref() == Some("Drawing");
                            match d {
                                Some(Drawing::Only) => assert!(drawing),
                                Some(Drawing::Exclude) => assert!(!drawing),
                                None => {}
                            }
                            match (l, g.length_minutes) {
                                (Some(Length::Short), Some(m)) => assert!(m <= 15),
                                (Some(Length::Medium), m) => {
                                    assert!(matches!(m, Some(16..=25)))
                                }
                                (Some(Length::Long), m) => assert!(matches!(m, Some(26..))),
                                _ => {}
                            }
                            if ff == Some(true) {
                                assert_eq!(g.family_friendly, 1);
                            }
                            if !pk.is_empty() {
                                assert!(pk.contains(&g.pack_name));
                            }
                            if sid.is_some() {
                                assert!(!last_two.contains(&g.id), "repeat of a recent game");
                                if excl {
                                    assert!(!all.contains(&g.id), "repeat of a played game");
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    assert!(
        picks > 300,
        "too few successful picks ({picks}) to mean anything"
    );
}

#[test]
fn seed_makes_the_pick_reproducible() {
    let env = Env::new();
    env.init();
    let a = env.json(&["pick", "--seed", "7", "--players", "6"]);
    let b = env.json(&["pick", "--seed", "7", "--players", "6"]);
    assert_eq!(a, b);
    assert!(a["game"]["id"].as_i64().is_some());
    assert!(a["poolSize"].as_i64().unwrap() >= 1);
    assert_eq!(
        a["totalEnabled"].as_i64().unwrap(),
        env.count(
            "SELECT COUNT(*) FROM games g JOIN packs p ON p.name = g.pack_name
             WHERE g.enabled = 1 AND p.enabled = 1"
        )
    );
    // Over a sequence of seeds, more than one game comes out.
    let ids: HashSet<i64> = (0..20)
        .map(|s| {
            env.ok(&["pick", "-q", "--seed", &s.to_string()])
                .trim()
                .parse()
                .unwrap()
        })
        .collect();
    assert!(ids.len() > 5);
}

#[test]
fn pick_errors_match_the_spec() {
    let env = Env::new();
    env.init();
    let r = env.fails(
        &["pick", "--players", "500"],
        3,
        "No games match the current filters",
    );
    assert!(r.stdout.is_empty());
    env.fails(
        &["pick", "--players", "0"],
        4,
        "playerCount must be a positive integer",
    );
    env.fails(&["pick", "--session", "99"], 3, "Session not found");
    env.fails(&["pick", "--add"], 3, "No active session");
    // Invalid values of the closed sets are usage errors in the CLI.
    assert_eq!(env.run(&["pick", "--drawing", "sometimes"]).code, 2);
    assert_eq!(env.run(&["pick", "--length", "epic"]).code, 2);
}

#[test]
fn pick_body_validation_names_the_field() {
    use serde_json::json;
    let bad = [
        (
            json!({"playerCount": 0}),
            "playerCount must be a positive integer",
        ),
        (
            json!({"playerCount": "six"}),
            "playerCount must be a positive integer",
        ),
        (
            json!({"playerCount": 2.5}),
            "playerCount must be a positive integer",
        ),
        (
            json!({"drawing": "yes"}),
            "drawing must be \"only\" or \"exclude\"",
        ),
        (
            json!({"length": "epic"}),
            "length must be short, medium or long",
        ),
        (
            json!({"pack": 7}),
            "pack must be a string or a list of strings",
        ),
        (
            json!({"pack": ["a", 1]}),
            "pack must be a string or a list of strings",
        ),
        (
            json!({"sessionId": -1}),
            "sessionId must be a positive integer",
        ),
        (
            json!({"sessionId": "5"}),
            "sessionId must be a positive integer",
        ),
        (
            json!({"familyFriendly": "yes"}),
            "familyFriendly must be a boolean",
        ),
        (
            json!({"excludePlayed": "yes"}),
            "excludePlayed must be a boolean",
        ),
    ];
    for (body, message) in bad {
        let e = PickRequest::from_json(&body).unwrap_err();
        assert_eq!(e.message, message, "{body}");
        assert_eq!(e.http_status(), 400);
    }
    let ok = PickRequest::from_json(&json!({
        "playerCount": 6, "drawing": "exclude", "length": "short", "familyFriendly": true,
        "pack": ["The Jackbox Party Pack 7"], "sessionId": 3, "excludePlayed": true
    }))
    .unwrap();
    assert_eq!(ok.filter.player_count, Some(6));
    assert_eq!(
        ok.filter.packs,
        vec!["The Jackbox Party Pack 7".to_string()]
    );
    assert_eq!(ok.session_id, Some(3));
    assert!(ok.exclude_played);
    assert!(PickRequest::from_json(&json!(null)).is_ok());
    assert!(PickRequest::from_json(&json!({})).is_ok());

    // No match: 404 with poolSize 0 and totalEnabled.
    let env = Env::new();
    let conn = env.conn();
    let req = PickRequest::from_json(&json!({"playerCount": 500})).unwrap();
    let e = picker::pick(&conn, &req, &mut StdRng::seed_from_u64(1)).unwrap_err();
    assert_eq!(e.http_status(), 404);
    let body = e.to_json();
    assert_eq!(body["error"], "No games match the current filters");
    assert_eq!(body["poolSize"], 0);
    assert!(body["totalEnabled"].as_i64().unwrap() > 50);
}

#[test]
fn repeat_avoidance_excludes_the_last_two_then_everything_played() {
    let env = Env::new();
    import(
        &env,
        &[
            "P,One,1,8,10,0,1,Party,,,1,0",
            "P,Two,1,8,10,0,1,Party,,,1,0",
            "P,Three,1,8,10,0,1,Party,,,1,0",
        ],
    );
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", "One"]);
    env.ok(&["game", "add", "Two"]);
    // The active session is the default: only Three remains.
    for seed in 0..10 {
        let p = env.json(&["pick", "--seed", &seed.to_string()]);
        assert_eq!(p["game"]["title"], "Three");
        assert_eq!(p["poolSize"], 1);
        assert_eq!(p["totalEnabled"], 3);
    }
    // --add picks and adds in one step.
    let p = env.json(&["pick", "--add", "--seed", "1"]);
    assert_eq!(p["game"]["title"], "Three");
    assert_eq!(p["sessionGame"]["title"], "Three");
    assert_eq!(p["sessionGame"]["status"], "playing");
    assert_eq!(p["sessionGame"]["manually_added"], 0);
    // Now the last two are Two and Three: One comes back; with --exclude-played nothing does.
    let p = env.json(&["pick", "--seed", "3"]);
    assert_eq!(p["game"]["title"], "One");
    let r = env.fails(
        &["pick", "--exclude-played"],
        3,
        "No games match the current filters",
    );
    assert!(r.stderr.contains("hint:"));
    // Human output names the game and the pool.
    let out = env.ok(&["pick", "--seed", "3"]);
    assert!(out.contains("One (P)"), "{out}");
    assert!(out.contains("1 of 3"), "{out}");
}
