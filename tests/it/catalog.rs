//! Catalog management through the CLI: add/edit/remove/enable/favor, packs, CSV export and
//! import (round trip, hostile input, replace semantics) and the app-tag rule.

use crate::util::Env;
use serde_json::Value;

const HEADER: &str = "pack_name,title,min_players,max_players,length_minutes,has_audience,family_friendly,game_type,secondary_type,app_tag,enabled,favor_bias";

fn write(env: &Env, name: &str, text: &str) -> String {
    let path = env.path(name);
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_string()
}

fn game_id(env: &Env, title: &str) -> i64 {
    env.conn()
        .query_row(
            "SELECT id FROM games WHERE title = ?1 ORDER BY id LIMIT 1",
            [title],
            |r| r.get(0),
        )
        .unwrap()
}

#[test]
fn add_edit_and_the_duplicate_rule() {
    let env = Env::new();
    let g = env.json(&[
        "catalog",
        "add",
        "--pack",
        "Homebrew",
        "--title",
        "Charades",
        "--min-players",
        "2",
        "--max-players",
        "12",
        "--length",
        "30",
        "--audience",
        "--family-friendly",
        "--type",
        "Party",
        "--app-tag",
        "charades, charades-2",
        "--favor",
        "-1",
    ]);
    assert_eq!(g["pack_name"], "Homebrew");
    assert_eq!(g["min_players"], 2);
    assert_eq!(g["max_players"], 12);
    assert_eq!(g["length_minutes"], 30);
    assert_eq!(g["has_audience"], 1);
    assert_eq!(g["family_friendly"], 1);
    assert_eq!(g["game_type"], "Party");
    assert_eq!(g["secondary_type"], Value::Null);
    assert_eq!(g["app_tag"], "charades,charades-2");
    assert_eq!(g["enabled"], 1);
    assert_eq!(g["favor_bias"], -1);
    assert_eq!(g["play_count"], 0);
    let id = g["id"].as_i64().unwrap();

    // The same (pack, title) again: a conflict (exit 1).
    env.fails(
        &[
            "catalog",
            "add",
            "--pack",
            "Homebrew",
            "--title",
            "Charades",
            "--min-players",
            "2",
            "--max-players",
            "4",
        ],
        1,
        "A game titled \"Charades\" already exists in pack \"Homebrew\"",
    );
    // -q prints the id only.
    let q = env.ok(&[
        "catalog",
        "add",
        "-q",
        "--pack",
        "Homebrew",
        "--title",
        "Mime",
        "--min-players",
        "2",
        "--max-players",
        "4",
        "--disabled",
    ]);
    let mime: i64 = q.trim().parse().unwrap();
    assert_eq!(
        env.json(&["catalog", "show", &mime.to_string()])["enabled"],
        0
    );

    // edit changes only what is given; "" clears a nullable field.
    let e = env.json(&[
        "catalog",
        "edit",
        &id.to_string(),
        "--max-players",
        "10",
        "--audience",
        "false",
        "--length",
        "",
    ]);
    assert_eq!(e["max_players"], 10);
    assert_eq!(e["min_players"], 2);
    assert_eq!(e["has_audience"], 0);
    assert_eq!(e["family_friendly"], 1);
    assert_eq!(e["length_minutes"], Value::Null);
    assert_eq!(e["app_tag"], "charades,charades-2");
    assert_eq!(e["favor_bias"], -1);
    // Renaming onto another game of the pack is a conflict.
    env.fails(
        &["catalog", "edit", &id.to_string(), "--title", "Mime"],
        1,
        "A game titled \"Mime\" already exists in pack \"Homebrew\"",
    );
    // Invalid values name the field (exit 4); unknown ids are not found (exit 3).
    env.fails(
        &["catalog", "edit", &id.to_string(), "--min-players", "11"],
        4,
        "max_players must be an integer not less than min_players",
    );
    env.fails(
        &[
            "catalog",
            "add",
            "--pack",
            "H",
            "--title",
            "T",
            "--min-players",
            "0",
            "--max-players",
            "4",
        ],
        4,
        "min_players must be an integer of at least 1",
    );
    env.fails(
        &[
            "catalog",
            "add",
            "--pack",
            "H",
            "--title",
            "T",
            "--min-players",
            "1",
            "--max-players",
            "4",
            "--favor",
            "2",
        ],
        4,
        "favor_bias must be -1, 0 or 1",
    );
    env.fails(
        &["catalog", "edit", "9999", "--title", "X"],
        3,
        "Game not found",
    );
    env.fails(&["catalog", "show", "9999"], 3, "Game not found");
}

#[test]
fn an_app_tag_belongs_to_one_game() {
    let env = Env::new();
    let r = env.fails(
        &["catalog", "add", "--pack", "Homebrew", "--title", "Fake Quiplash", "--min-players",
          "3", "--max-players", "8", "--app-tag", "mine,quiplash3"],
        4,
        "app_tag \"quiplash3\" already belongs to Quiplash 3 (The Jackbox Party Pack 7); a tag belongs to one game",
    );
    assert!(r.stdout.is_empty());
    assert_eq!(
        env.count("SELECT COUNT(*) FROM games WHERE title = 'Fake Quiplash'"),
        0
    );
    let tk = game_id(&env, "Tee K.O. 2");
    env.fails(
        &["catalog", "edit", &tk.to_string(), "--app-tag", "awshirt2,drawful"],
        4,
        "app_tag \"drawful\" already belongs to Drawful (The Jackbox Party Pack); a tag belongs to one game",
    );
    // Moving a tag: free it first, then give it to the other game.
    let ff = game_id(&env, "Fibbage XL");
    let standalone: i64 =
        env.count("SELECT id FROM games WHERE pack_name = 'Standalone' AND title = 'Fibbage'");
    env.ok(&["catalog", "edit", &ff.to_string(), "--app-tag", ""]);
    let g = env.json(&[
        "catalog",
        "edit",
        &standalone.to_string(),
        "--app-tag",
        "fibbage",
    ]);
    assert_eq!(g["app_tag"], "fibbage");
}

#[test]
fn enable_disable_favor_and_remove() {
    let env = Env::new();
    let id = game_id(&env, "Quiplash 3").to_string();
    assert_eq!(env.json(&["catalog", "disable", &id])["enabled"], 0);
    assert_eq!(env.json(&["catalog", "disable", &id])["enabled"], 0);
    assert_eq!(env.json(&["catalog", "enable", &id])["enabled"], 1);
    assert_eq!(env.json(&["catalog", "favor", &id, "-1"])["favor_bias"], -1);
    assert_eq!(env.json(&["catalog", "favor", &id, "1"])["favor_bias"], 1);
    env.fails(
        &["catalog", "favor", &id, "2"],
        4,
        "favor_bias must be -1, 0 or 1",
    );
    env.fails(
        &["catalog", "favor", &id, "-2"],
        4,
        "favor_bias must be -1, 0 or 1",
    );
    env.fails(&["catalog", "enable", "9999"], 3, "Game not found");

    // A game played in a session cannot be deleted; an unplayed one can.
    env.ok(&["session", "create"]);
    env.ok(&["game", "add", &id]);
    let r = env.fails(
        &["catalog", "remove", &id],
        1,
        "Cannot delete a game that has been played in a session. Disable it instead.",
    );
    assert!(r.stderr.contains("jackbox catalog disable"));
    assert_eq!(
        env.count(&format!("SELECT COUNT(*) FROM games WHERE id = {id}")),
        1
    );
    let other = game_id(&env, "Joke Boat").to_string();
    let m = env.json(&["catalog", "remove", &other]);
    assert_eq!(
        m,
        serde_json::json!({ "message": "Game deleted successfully" })
    );
    env.fails(&["catalog", "remove", &other], 3, "Game not found");
}

#[test]
fn packs_list_toggle_and_favor() {
    let env = Env::new();
    env.init();
    let packs = env.json(&["catalog", "pack", "list"]);
    let pp7 = packs
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "The Jackbox Party Pack 7")
        .unwrap()
        .clone();
    assert_eq!(
        pp7,
        serde_json::json!({"name": "The Jackbox Party Pack 7", "enabled": 1, "favor_bias": 0,
            "total_count": 5, "enabled_count": 5})
    );
    let m = env.json(&["catalog", "pack", "disable", "The Jackbox Party Pack 7"]);
    assert_eq!(m["message"], "Pack disabled successfully");
    assert_eq!(m["gamesAffected"], 5);
    // Each game keeps its own flag, but none of them is picked.
    assert_eq!(
        env.count("SELECT COUNT(*) FROM games WHERE pack_name = 'The Jackbox Party Pack 7' AND enabled = 1"),
        5
    );
    for seed in 0..40 {
        let p = env.json(&["pick", "--seed", &seed.to_string()]);
        assert_ne!(p["game"]["pack_name"], "The Jackbox Party Pack 7");
    }
    env.fails(
        &["pick", "--pack", "The Jackbox Party Pack 7"],
        3,
        "No games match the current filters",
    );
    let m = env.json(&["catalog", "pack", "enable", "The Jackbox Party Pack 7"]);
    assert_eq!(m["message"], "Pack enabled successfully");
    let p = env.json(&["pick", "--pack", "The Jackbox Party Pack 7", "--seed", "1"]);
    assert_eq!(p["game"]["pack_name"], "The Jackbox Party Pack 7");
    assert_eq!(p["poolSize"], 5);

    let f = env.json(&["catalog", "pack", "favor", "The Jackbox Party Pack 7", "-1"]);
    assert_eq!(f["name"], "The Jackbox Party Pack 7");
    assert_eq!(f["favor_bias"], -1);
    assert_eq!(f["total_count"], 5);
    env.fails(
        &["catalog", "pack", "favor", "The Jackbox Party Pack 7", "3"],
        4,
        "favor_bias must be -1, 0 or 1",
    );
    env.fails(
        &["catalog", "pack", "disable", "No Such Pack"],
        3,
        "Pack not found",
    );
}

/// `catalog list --json` of a database.
fn listing(env: &Env) -> Value {
    env.json(&["catalog", "list"])
}

#[test]
fn export_then_replace_import_leaves_the_catalog_identical() {
    let env = Env::new();
    // Some edits so the export carries more than the seed, including hostile titles.
    env.ok(&[
        "catalog",
        "add",
        "--pack",
        "Homebrew, \"Deluxe\"",
        "--title",
        "Quotes \"and\", commas\nand a newline",
        "--min-players",
        "2",
        "--max-players",
        "5",
        "--type",
        "Word, Party",
        "--favor",
        "1",
        "--disabled",
    ]);
    env.ok(&["catalog", "favor", "3", "-1"]);
    let before = listing(&env);
    let csv = env.ok(&["catalog", "export"]);
    assert_eq!(csv.lines().next().unwrap(), format!("{HEADER},ticker"));
    let file = env.path("out.csv");
    env.ok(&["catalog", "export", "-o", file.to_str().unwrap()]);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), csv);

    let m = env.json(&["catalog", "import", file.to_str().unwrap(), "--replace"]);
    assert_eq!(m["imported"], 0);
    assert_eq!(m["updated"], before.as_array().unwrap().len());
    assert!(m["message"].is_string());
    assert_eq!(
        listing(&env),
        before,
        "same ids, fields, counters and timestamps"
    );

    // Into a fresh database: the same catalog apart from ids and creation times.
    let other = Env::new();
    other.ok(&["catalog", "import", file.to_str().unwrap(), "--replace"]);
    let strip = |v: Value| -> Vec<Value> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|g| {
                let mut g = g.clone();
                let o = g.as_object_mut().unwrap();
                o.remove("id");
                o.remove("created_at");
                g
            })
            .collect()
    };
    assert_eq!(strip(listing(&other)), strip(before));
    assert_eq!(other.ok(&["catalog", "export"]), csv);
    let hostile = other.json(&["catalog", "list", "--q", "newline"]);
    assert_eq!(hostile[0]["title"], "Quotes \"and\", commas\nand a newline");
    assert_eq!(hostile[0]["pack_name"], "Homebrew, \"Deluxe\"");
    assert_eq!(hostile[0]["game_type"], "Word, Party");
}

#[test]
fn hostile_csv_is_rejected_whole_naming_the_line() {
    let env = Env::new();
    env.init();
    let before = env.ok(&["catalog", "export"]);
    let good = "New Pack,Fine Game,2,8,15,1,1,Party,,,1,0";
    let cases = [
        (format!("{HEADER}\n{good}\nNew Pack,Short Row,2,8\n"), "CSV line 3: expected 12 columns, found 4"),
        (format!("{HEADER}\n{good}\nNew Pack,Thirteen,2,8,15,1,1,Party,,,1,0,extra\n"), "CSV line 3: expected 12 columns, found 13"),
        (format!("{HEADER}\n{good}\nNew Pack,Bad Int,two,8,15,1,1,,,,1,0\n"), "CSV line 3: min_players must be an integer"),
        (format!("{HEADER}\n{good}\nNew Pack,Min Max,9,8,15,1,1,,,,1,0\n"), "CSV line 3: max_players must be an integer not less than min_players"),
        (format!("{HEADER}\n{good}\nNew Pack,Favor,1,8,15,1,1,,,,1,5\n"), "CSV line 3: favor_bias must be -1, 0 or 1"),
        (format!("{HEADER}\n{good}\nNew Pack,Flag,1,8,15,maybe,1,,,,1,0\n"), "CSV line 3: has_audience must be 0 or 1"),
        (format!("{HEADER}\n\"New Pack\",\"Multi\nline\",1,8,15,1,1,,,,1,0\nNew Pack,,1,8,15,1,1,,,,1,0\n"), "CSV line 4: title is required"),
        (format!("{HEADER}\n{good}\n{good}\n"), "CSV line 3: \"Fine Game\" in pack \"New Pack\" already appears on line 2"),
        (format!("{HEADER}\n{good}\nNew Pack,Tag Thief,1,8,15,1,1,,,quiplash3,1,0\n"), "CSV line 3: app_tag \"quiplash3\" already belongs to Quiplash 3 (The Jackbox Party Pack 7); a tag belongs to one game"),
        ("title,pack_name\nx,y\n".to_string(), "CSV line 1: the header must be pack_name,title,min_players,max_players,length_minutes,has_audience,family_friendly,game_type,secondary_type,app_tag,enabled,favor_bias"),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let file = write(&env, &format!("bad{i}.csv"), text);
        // With --replace the tag thief would be legitimate: Quiplash 3 goes away.
        let modes: &[Option<&str>] = if message.contains("app_tag") {
            &[None]
        } else {
            &[None, Some("--replace")]
        };
        for extra in modes.iter().copied() {
            let mut args = vec!["catalog", "import", file.as_str()];
            args.extend(extra);
            env.fails(&args, 4, message);
        }
    }
    assert_eq!(
        env.ok(&["catalog", "export"]),
        before,
        "nothing was imported"
    );
}

#[test]
fn append_adds_and_updates_replace_keeps_played_games() {
    let env = Env::new();
    let total = env.count("SELECT COUNT(*) FROM games");
    // Append: one update of a seeded game (matched by pack + title), one new game.
    let text = format!(
        "{HEADER}\nThe Jackbox Party Pack 7,Quiplash 3,3,8,20,1,1,Writing,Party,quiplash3,1,1\nHomebrew,Charades,2,12,,0,1,Party,,,1,0\n"
    );
    let file = write(&env, "append.csv", &text);
    let m = env.json(&["catalog", "import", &file]);
    assert_eq!(m["imported"], 1);
    assert_eq!(m["updated"], 1);
    assert_eq!(env.count("SELECT COUNT(*) FROM games"), total + 1);
    let q3 = env.json(&[
        "catalog",
        "list",
        "--q",
        "Quiplash 3",
        "--pack",
        "The Jackbox Party Pack 7",
    ]);
    assert_eq!(q3[0]["length_minutes"], 20);
    assert_eq!(q3[0]["favor_bias"], 1);

    // Play two games, then replace the catalog with a file holding one of them (changed)
    // and one new game: the other played game survives untouched, the rest go.
    env.ok(&["session", "create"]);
    let q3_id = q3[0]["id"].as_i64().unwrap();
    let joke = game_id(&env, "Joke Boat");
    env.ok(&["game", "add", &q3_id.to_string()]);
    env.ok(&["game", "add", &joke.to_string()]);
    let text = format!(
        "{HEADER}\nThe Jackbox Party Pack 7,Quiplash 3,3,8,15,1,1,Writing,,quiplash3,0,0\nHomebrew,Mime,2,6,10,0,1,Party,,,1,0\n"
    );
    let file = write(&env, "replace.csv", &text);
    let m = env.json(&["catalog", "import", &file, "--replace"]);
    assert_eq!(m["imported"], 1);
    assert_eq!(m["updated"], 1);
    let titles: Vec<String> = env
        .json(&["catalog", "list"])
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["title"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(titles, vec!["Mime", "Joke Boat", "Quiplash 3"]);
    let q3 = env.json(&["catalog", "show", &q3_id.to_string()]);
    assert_eq!(q3["enabled"], 0, "updated, not deleted");
    assert_eq!(q3["play_count"], 1, "counters kept");
    assert_eq!(
        env.json(&["catalog", "show", &joke.to_string()])["play_count"],
        1
    );
    assert_eq!(env.count("SELECT COUNT(*) FROM session_games"), 2);
    // A file read from stdin works too.
    let r = env.run_stdin(&["--json", "catalog", "import", "-"], text.as_bytes());
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.json()["updated"], 2);
}

/// Every tag of `app-tags.md` names its game in the built-in catalog, and no tag is on two
/// games. (The inferred `fibbage`/`quiplash` standalone tags belong to Fibbage XL and
/// Quiplash XL, the releases that report them.)
#[test]
fn built_in_catalog_carries_the_app_tags() {
    let env = Env::new();
    let conn = env.conn();
    let tags = [
        ("ydkj2015", "You Don't Know Jack 2015"),
        ("drawful", "Drawful"),
        ("wordspud", "Word Spud"),
        ("lieswatter", "Lie Swatter"),
        ("fibbage", "Fibbage XL"),
        ("fibbage2", "Fibbage 2"),
        ("earwax", "Earwax"),
        ("auction", "Bidiots"),
        ("quiplash", "Quiplash XL"),
        ("bombintern", "Bomb Corp."),
        ("quiplash2", "Quiplash 2"),
        ("triviadeath", "Trivia Murder Party"),
        ("pollposition", "Guesspionage"),
        ("fakinit", "Fakin' It"),
        ("awshirt", "Tee K.O."),
        ("fibbage3", "Fibbage 3"),
        ("survivetheinternet", "Survive the Internet"),
        ("monstermingle", "Monster Seeking Monster"),
        ("bracketeering", "Bracketeering"),
        ("overdrawn", "Civic Doodle"),
        ("ydkj2018", "You Don't Know Jack: Full Stream"),
        ("splittheroom", "Split the Room"),
        ("rapbattle", "Mad Verse City"),
        ("slingshoot", "Zeeple Dome"),
        ("patentlystupid", "Patently Stupid"),
        ("triviadeath2", "Trivia Murder Party 2"),
        ("rolemodels", "Role Models"),
        ("jokeboat", "Joke Boat"),
        ("ridictionary", "Dictionarium"),
        ("pushthebutton", "Push the Button"),
        ("quiplash3", "Quiplash 3"),
        ("everyday", "The Devils and the Details"),
        ("worldchamps", "Champ'd Up"),
        ("jackbox-talks", "Talking Points"),
        ("blanky-blank", "Blather 'Round"),
        ("apply-yourself", "Job Job"),
        ("drawful-animate", "Drawful Animate"),
        ("the-wheel", "The Wheel of Enormous Proportions"),
        ("survey-bomb", "The Poll Mine"),
        ("murder-detectives", "Weapons Drawn"),
        ("fourbage", "Fibbage 4"),
        ("htmf", "Roomerang"),
        ("antique-freak", "Junktopia"),
        ("range-game", "Nonsensory"),
        ("lineup", "Quixort"),
        ("awshirt2", "Tee K.O. 2"),
        ("nopus-opus", "Dodo Re Mi"),
        ("risky-text", "FixyText"),
        ("time-trivia", "Timejinx"),
        ("us-them", "Hypnotorious"),
        ("you-ruined-it", "Doominate"),
        ("mic-game", "Hear Say"),
        ("cookies", "Cookie Haus"),
        ("dirty-detectives", "Suspectives"),
        ("trivia-rpg", "Legends of Trivia"),
        ("quiplash3-tjsp", "Quiplash 3"),
        ("awshirt-tjsp", "Tee K.O."),
        ("triviadeath2-tjsp", "Trivia Murder Party 2"),
        ("fakinit2", "Fakin' It All Night Long"),
        ("drawful3", "Dirty Drawful"),
        ("captcha", "Let Me Finish"),
        ("bigsurvey", "The Jackbox Survey Scramble"),
        ("drawful2", "Drawful 2"),
        ("drawful2international", "Drawful 2"),
        ("quiplash2-international", "Quiplash 2 InterLASHional"),
        ("guesspionage-crowdplay", "Guesspionage Crowdplay"),
        ("acquisitions-inc", "Acquisitions, Inc."),
    ];
    for (tag, title) in tags {
        let g = jackbox::core::catalog::find_by_app_tag(&conn, tag)
            .unwrap()
            .unwrap_or_else(|| panic!("no game has tag {tag}"));
        assert_eq!(g.title, title, "tag {tag}");
    }
    let games = env.json(&["catalog", "list"]);
    let mut seen = std::collections::HashSet::new();
    for g in games.as_array().unwrap() {
        for tag in g["app_tag"]
            .as_str()
            .unwrap_or("")
            .split(',')
            .filter(|t| !t.is_empty())
        {
            assert!(seen.insert(tag.to_string()), "tag {tag} on two games");
        }
        let (min, max) = (
            g["min_players"].as_i64().unwrap(),
            g["max_players"].as_i64().unwrap(),
        );
        assert!(1 <= min && min <= max, "{g}");
    }
    assert_eq!(games.as_array().unwrap().len(), 68);
}
