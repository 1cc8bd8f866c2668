//! P10, the live-chat burst of issue 21: the real daemon reads a Twitch channel
//! (`--twitch`) from the test suite's fake Twitch chat server (`tests/it/fake_twitch.rs`,
//! IRC over WebSocket, lines built from the captured fixture lines), which paces PRIVMSG
//! lines at `rate` per second for `secs` seconds from `users` distinct accounts, one in ten
//! a vote, while a poll is open. A subscribed WebSocket client records each `vote.received`;
//! latency is its arrival minus the moment the fake server wrote the vote's line to the
//! socket (same process, same clock). Afterwards every vote is recounted from the database
//! and the API against the plan, whose expected counts follow from the rules
//! (`docs/chat.md`): a viewer's live votes are spaced far beyond the one-second duplicate
//! window, and a poll keeps each viewer's last choice.

use crate::fake_twitch::{self, FakeTwitch, Transport, Viewer};
use crate::{http, mb, ms, percentile, proc_kb, ws};
use futures_util::StreamExt;
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio_tungstenite::tungstenite::Message;

pub const CHANNEL: &str = "jackboxbench";

/// The size of one burst.
#[derive(Debug, Clone, Copy)]
pub struct Size {
    /// Chat lines per second.
    pub rate: usize,
    pub secs: u64,
    /// Distinct accounts typing.
    pub users: usize,
}

/// The games the burst votes on (catalog ids and tickers).
pub struct Games {
    /// The game on now (`thisgame++` goes to it).
    pub now: i64,
    /// The poll's options, positions 1–3 (position 4 is "Other").
    pub options: [(i64, String); 3],
    /// Games outside the poll whose `TICKER++` is a game vote.
    pub others: [(i64, String); 2],
}

/// What one vote line asks for.
#[derive(Debug, Clone, PartialEq)]
enum Vote {
    /// A live vote: (catalog game, up).
    Live(i64, bool),
    /// A poll vote for a position.
    Poll(i64),
}

/// One line of the burst.
struct Line {
    text: String,
    /// The vote it carries (its index in `Plan::votes`).
    vote: Option<usize>,
}

/// Live votes per (username, catalog game, up).
type LiveCounts = BTreeMap<(String, i64, bool), i64>;

pub struct Plan {
    lines: Vec<Line>,
    /// (username, what) of every vote, in the order sent.
    votes: Vec<(String, Vote)>,
}

fn viewer(u: usize) -> Viewer {
    Viewer::new(
        &(500_000_000 + u).to_string(),
        &format!("viewer{u:05}"),
        &format!("Viewer{u:05}"),
    )
}

/// Ordinary chat, some of it close to a vote without being one.
const CHATTER: &[&str] = &[
    "LUL",
    "dank cam",
    "this round is wild",
    "PogChamp PogChamp",
    "who is winning?",
    "I vote 2 guys",
    "thisgame+",
    "2 please",
    "!voter 3",
    "gg",
    "안녕하세요",
    "привет чат",
];

/// Captured line shapes: ordinary lines take every one; votes the four whose text is
/// typed as is (the action and the reply frame it).
const SHAPES: &[&str] = &[
    "privmsg_plain",
    "privmsg_emotes",
    "privmsg_korean",
    "privmsg_cyrillic",
    "privmsg_reply",
    "privmsg_action",
];

impl Plan {
    /// Every line of the burst: line `k` is a vote when `k % 10 == 9`. Vote `i` comes from
    /// viewer `i % users` (so at full size a fifth of the viewers vote twice, 25 s apart, and
    /// the second poll vote picks another option); its kind cycles through ten:
    /// `thisgame++` ×3, `thisgame--`, `TICKER++` of a game outside the poll ×2, `!vote N`
    /// ×2, `TICKER++` of a poll option, a bare `N`.
    pub fn new(size: Size, g: &Games) -> Plan {
        let total = size.rate * size.secs as usize;
        let mut lines = Vec::with_capacity(total);
        let mut votes = Vec::new();
        for k in 0..total {
            if k % 10 != 9 {
                let who = viewer(k % size.users);
                let text = CHATTER[(k / 7) % CHATTER.len()];
                let shape = SHAPES[k % SHAPES.len()];
                lines.push(Line {
                    text: fake_twitch::privmsg(shape, CHANNEL, &who, text),
                    vote: None,
                });
                continue;
            }
            let i = k / 10;
            let u = i % size.users;
            let who = viewer(u);
            let pos = 1 + ((i / 10 + u) % 3) as i64;
            let (text, vote) = match i % 10 {
                0..=2 => ("thisgame++".to_string(), Vote::Live(g.now, true)),
                3 => ("thisgame--".to_string(), Vote::Live(g.now, false)),
                4 | 5 => {
                    let (id, t) = &g.others[i % 2];
                    (format!("{t}++"), Vote::Live(*id, true))
                }
                6 | 7 => (format!("!vote {pos}"), Vote::Poll(pos)),
                8 => (
                    format!("{}++", g.options[pos as usize - 1].1),
                    Vote::Poll(pos),
                ),
                _ => (pos.to_string(), Vote::Poll(pos)),
            };
            lines.push(Line {
                text: fake_twitch::privmsg(SHAPES[i % 4], CHANNEL, &who, &text),
                vote: Some(votes.len()),
            });
            votes.push((who.display.clone(), vote));
        }
        Plan { lines, votes }
    }

    /// The games the plan's live votes go to.
    fn games(&self) -> impl Iterator<Item = i64> {
        let mut g: Vec<i64> = self
            .votes
            .iter()
            .filter_map(|(_, v)| match v {
                Vote::Live(g, _) => Some(*g),
                Vote::Poll(_) => None,
            })
            .collect();
        g.sort_unstable();
        g.dedup();
        g.into_iter()
    }

    /// Expected live votes per (username, game, up), and each poll voter's last position.
    fn expected(&self) -> (LiveCounts, BTreeMap<String, i64>) {
        let mut live = BTreeMap::new();
        let mut poll = BTreeMap::new();
        for (who, v) in &self.votes {
            match v {
                Vote::Live(g, up) => *live.entry((who.clone(), *g, *up)).or_insert(0) += 1,
                Vote::Poll(p) => {
                    poll.insert(who.clone(), *p);
                }
            }
        }
        (live, poll)
    }
}

/// The figures of one burst.
pub struct Outcome {
    pub latencies: Vec<Duration>,
    pub lines: usize,
    /// Lines written per second by the fake server (first to last write).
    pub sent_rate: f64,
    /// Lines the daemon read per second over the burst (`messagesSeen`), and its slowest
    /// second.
    pub read_rate: f64,
    pub slowest_second: u64,
    /// From the last line written until the daemon had read every line and counted every
    /// vote.
    pub drain: Duration,
    pub votes_expected: usize,
    pub votes_counted: usize,
    pub live_expected: usize,
    pub live_counted: usize,
    pub poll_expected: usize,
    pub poll_counted: usize,
    /// `vote.received` events the client got, and how many were expected.
    pub events: usize,
    /// Every check of exactly-once that failed (empty: all held).
    pub problems: Vec<String>,
    pub rss_before: u64,
    pub rss_peak: u64,
    /// Highest RSS in the first and in the last third of the burst.
    pub rss_first_third: u64,
    pub rss_last_third: u64,
    pub rss_after: u64,
}

impl Outcome {
    pub fn p(&self, q: f64) -> Duration {
        percentile(&self.latencies, q)
    }
    /// Memory is bounded when the last third of the burst needs no more than the first
    /// third (plus 8 MB of slack for caches still warming) and settling gives memory back
    /// to at most the peak.
    pub fn memory_bounded(&self) -> bool {
        self.rss_last_third <= self.rss_first_third + 8 * 1024 && self.rss_after <= self.rss_peak
    }
}

/// Each game's stored (upvotes, downvotes).
fn counters(db: &Path, games: impl Iterator<Item = i64>) -> BTreeMap<i64, (i64, i64)> {
    let conn = rusqlite::Connection::open(db).expect("open database");
    games
        .map(|g| {
            let c = conn
                .query_row(
                    "SELECT upvotes, downvotes FROM games WHERE id = ?1",
                    [g],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .expect("game counters");
            (g, c)
        })
        .collect()
}

/// A daemon's `GET /api/chat/sources` counters for the burst's channel:
/// (state, messagesSeen, votesCounted).
async fn source(addr: SocketAddr) -> Option<(String, u64, u64)> {
    let mut c = http::Conn::connect(addr).await.ok()?;
    let r = c
        .send(&http::request("GET", "/api/chat/sources", None, None))
        .await
        .ok()?;
    let j = r.json();
    let s = j["sources"]
        .as_array()?
        .iter()
        .find(|s| s["channel"] == CHANNEL)?
        .clone();
    Some((
        s["state"].as_str()?.to_string(),
        s["messagesSeen"].as_u64()?,
        s["votesCounted"].as_u64()?,
    ))
}

/// Samples a process's `VmRSS` every 100 ms until stopped: (since start, kB).
struct RssSampler {
    stop: Arc<AtomicBool>,
    samples: Arc<Mutex<Vec<(Duration, u64)>>>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl RssSampler {
    fn start(pid: u32, t0: Instant) -> RssSampler {
        let stop = Arc::new(AtomicBool::new(false));
        let samples = Arc::new(Mutex::new(Vec::new()));
        let (s, v) = (stop.clone(), samples.clone());
        let thread = std::thread::spawn(move || {
            while !s.load(Ordering::Relaxed) {
                if let Some(kb) = proc_kb(pid, "VmRSS") {
                    v.lock().unwrap().push((t0.elapsed(), kb));
                }
                std::thread::sleep(Duration::from_millis(100));
            }
        });
        RssSampler {
            stop,
            samples,
            thread: Some(thread),
        }
    }
    fn finish(mut self) -> Vec<(Duration, u64)> {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
        std::mem::take(&mut self.samples.lock().unwrap())
    }
}

/// One burst against a daemon already reading [`CHANNEL`] from `fake`, on database `db`
/// (active session `session`, a poll open with the plan's options). The pacing runs on
/// this thread; the WebSocket client and the status watcher on `rt`.
#[allow(clippy::too_many_arguments)]
pub fn burst(
    rt: &tokio::runtime::Runtime,
    fake: &FakeTwitch,
    daemon: &crate::Server,
    db: &Path,
    token: &str,
    session: i64,
    plan: &Plan,
    size: Size,
) -> Outcome {
    let (addr, pid) = (daemon.addr, daemon.pid());
    // The client: every vote.received with its arrival time.
    let mut client = rt
        .block_on(ws::one(addr, token, session))
        .expect("WebSocket client subscribed");
    let arrivals: Arc<Mutex<Vec<(String, Instant)>>> = Arc::default();
    let got = arrivals.clone();
    let reader = rt.spawn(async move {
        while let Some(Ok(m)) = client.next().await {
            let Message::Text(t) = m else { continue };
            if !t.contains("\"type\":\"vote.received\"") {
                continue;
            }
            let at = Instant::now();
            let v: serde_json::Value = serde_json::from_str(&t).unwrap_or_default();
            if let Some(u) = v["data"]["vote"]["username"].as_str() {
                got.lock().unwrap().push((u.to_string(), at));
            }
        }
    });
    let (_, seen0, counted0) = rt.block_on(source(addr)).expect("chat source status");
    let counters_before = counters(db, plan.games());
    std::thread::sleep(Duration::from_secs(1));
    let rss_before = proc_kb(pid, "VmRSS").unwrap_or(0);
    let t0 = Instant::now();
    let sampler = RssSampler::start(pid, t0);

    // The daemon's reading, once per second (for the sustained rate).
    let watching = Arc::new(AtomicBool::new(true));
    let progress: Arc<Mutex<Vec<(Duration, u64)>>> = Arc::default();
    let watcher = {
        let (w, p) = (watching.clone(), progress.clone());
        rt.spawn(async move {
            let mut tick = tokio::time::interval(Duration::from_secs(1));
            while w.load(Ordering::Relaxed) {
                tick.tick().await;
                if let Some((_, seen, _)) = source(addr).await {
                    p.lock().unwrap().push((t0.elapsed(), seen));
                }
            }
        })
    };

    // The pacing: every 5 ms, the lines due by then. Vote lines are timed by the fake server
    // when written to the socket.
    let (written_tx, mut written_rx) = tokio::sync::mpsc::unbounded_channel();
    let per_line = 1.0 / size.rate as f64;
    let lines = &plan.lines;
    let mut k = 0;
    while k < lines.len() {
        let due = (t0.elapsed().as_secs_f64() / per_line) as usize + 1;
        while k < due.min(lines.len()) {
            let l = &lines[k];
            match l.vote {
                Some(i) => fake.send_channel_timed(CHANNEL, &l.text, i as u64, &written_tx),
                None => fake.send_channel(CHANNEL, &l.text),
            }
            k += 1;
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    drop(written_tx);
    let paced = t0.elapsed();

    // Until the daemon read every line and counted every vote (or 60 s without progress).
    let want_seen = seen0 + lines.len() as u64;
    let want_counted = counted0 + plan.votes.len() as u64;
    let mut written = HashMap::new();
    let mut last = (0, 0);
    let mut stalled = Instant::now();
    loop {
        while let Ok((i, at)) = written_rx.try_recv() {
            written.insert(i as usize, at);
        }
        let (_, seen, counted) = rt.block_on(source(addr)).unwrap_or_default();
        if seen >= want_seen && counted >= want_counted && written.len() == plan.votes.len() {
            break;
        }
        if (seen, counted) != last {
            last = (seen, counted);
            stalled = Instant::now();
        } else if stalled.elapsed() > Duration::from_secs(60) {
            println!("  the daemon stopped progressing: {seen}/{want_seen} lines read, {counted}/{want_counted} votes counted");
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    let drained = t0.elapsed();
    let first_write = written.values().min().copied();
    let last_write = written.values().max().copied();
    watching.store(false, Ordering::Relaxed);
    let _ = rt.block_on(watcher);
    // Late events, then settle.
    std::thread::sleep(Duration::from_secs(2));
    let (_, seen, counted) = rt.block_on(source(addr)).unwrap_or_default();
    std::thread::sleep(Duration::from_secs(3));
    let samples = sampler.finish();
    let rss_after = proc_kb(pid, "VmRSS").unwrap_or(0);
    reader.abort();

    // Latency: the k-th vote.received of a viewer is their k-th live vote.
    let mut pending: HashMap<&str, VecDeque<usize>> = HashMap::new();
    for (i, (who, v)) in plan.votes.iter().enumerate() {
        if matches!(v, Vote::Live(..)) {
            pending.entry(who.as_str()).or_default().push_back(i);
        }
    }
    let arrivals = std::mem::take(&mut *arrivals.lock().unwrap());
    let mut problems = Vec::new();
    let mut latencies = Vec::new();
    let mut unexpected = 0;
    for (who, at) in &arrivals {
        match pending.get_mut(who.as_str()).and_then(VecDeque::pop_front) {
            Some(i) => match written.get(&i) {
                Some(w) => latencies.push(at.saturating_duration_since(*w)),
                None => problems.push(format!("vote {i} was never written")),
            },
            None => unexpected += 1,
        }
    }
    latencies.sort();
    let missing: usize = pending.values().map(VecDeque::len).sum();
    if missing > 0 {
        problems.push(format!("{missing} vote.received never arrived"));
    }
    if unexpected > 0 {
        problems.push(format!(
            "{unexpected} vote.received more than the live votes"
        ));
    }

    // The recount.
    let (live_want, poll_want) = plan.expected();
    let conn = rusqlite::Connection::open(db).expect("open database");
    let mut live_got = LiveCounts::new();
    {
        let mut st = conn
            .prepare(
                "SELECT username, game_id, vote_type = 'up', COUNT(*) FROM live_votes
                 WHERE session_id = ?1 AND username GLOB 'Viewer[0-9]*' GROUP BY 1, 2, 3",
            )
            .expect("live votes");
        let rows = st
            .query_map([session], |r| {
                Ok(((r.get(0)?, r.get(1)?, r.get(2)?), r.get(3)?))
            })
            .expect("live votes");
        for r in rows {
            let (k, n) = r.expect("row");
            live_got.insert(k, n);
        }
    }
    let live_expected: i64 = live_want.values().sum();
    let live_counted: i64 = live_got.values().sum();
    let wrong = live_want
        .iter()
        .filter(|(k, n)| live_got.get(*k) != Some(n))
        .count()
        + live_got
            .keys()
            .filter(|k| !live_want.contains_key(*k))
            .count();
    if wrong > 0 {
        problems.push(format!(
            "{wrong} (viewer, game, direction) live-vote counts differ from the plan"
        ));
    }
    let poll_id: i64 = conn
        .query_row(
            "SELECT MAX(id) FROM polls WHERE session_id = ?1",
            [session],
            |r| r.get(0),
        )
        .expect("poll");
    let mut poll_got = BTreeMap::new();
    {
        let mut st = conn
            .prepare("SELECT username, position FROM poll_votes WHERE poll_id = ?1")
            .expect("poll votes");
        let rows = st
            .query_map([poll_id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?))
            })
            .expect("poll votes");
        for r in rows {
            let (u, p) = r.expect("row");
            poll_got.insert(u, p);
        }
    }
    if poll_got != poll_want {
        let differ = poll_want
            .iter()
            .filter(|(u, p)| poll_got.get(*u) != Some(p))
            .count();
        problems.push(format!(
            "poll: {} voters stored, {} planned, {differ} with another choice",
            poll_got.len(),
            poll_want.len()
        ));
    }
    // The API's counts: the poll's bars, and each voted game's counters, moved by exactly
    // the planned votes.
    let poll = rt
        .block_on(async {
            let mut api = http::Conn::connect(addr).await?;
            api.send(&http::request(
                "GET",
                &format!("/api/sessions/{session}/polls/current"),
                None,
                None,
            ))
            .await
        })
        .expect("GET the poll")
        .json();
    for p in 1..=3 {
        let want = poll_want.values().filter(|x| **x == p).count() as i64;
        let bar = poll["options"]
            .as_array()
            .and_then(|o| o.iter().find(|o| o["position"] == p))
            .and_then(|o| o["votes"].as_i64());
        if bar != Some(want) {
            problems.push(format!("poll option {p}: API says {bar:?}, planned {want}"));
        }
    }
    let counters_after = counters(db, counters_before.keys().copied());
    for (game, before) in &counters_before {
        let want = |up: bool| {
            live_want
                .iter()
                .filter(|((_, g, u), _)| *g == *game && *u == up)
                .map(|(_, n)| n)
                .sum::<i64>()
        };
        let after = counters_after[game];
        let before = *before;
        if (after.0 - before.0, after.1 - before.1) != (want(true), want(false)) {
            problems.push(format!(
                "game {game}: counters moved by {:?}, planned {:?}",
                (after.0 - before.0, after.1 - before.1),
                (want(true), want(false))
            ));
        }
    }
    if seen != want_seen {
        problems.push(format!("messagesSeen {seen}, lines sent {want_seen}"));
    }
    if counted != want_counted {
        problems.push(format!("votesCounted {counted}, votes sent {want_counted}"));
    }

    // The daemon's reading rate over the paced seconds.
    let progress = std::mem::take(&mut *progress.lock().unwrap());
    let mut slowest = u64::MAX;
    for w in progress.windows(2) {
        let (t, n) = w[1];
        if t <= paced {
            let rate = (n - w[0].1) as f64 / (t - w[0].0).as_secs_f64();
            slowest = slowest.min(rate as u64);
        }
    }
    let span = |a: Option<Instant>, b: Option<Instant>| match (a, b) {
        (Some(a), Some(b)) => b.duration_since(a).as_secs_f64(),
        _ => 0.0,
    };
    let third = paced / 3;
    let max_in = |from: Duration, to: Duration| {
        samples
            .iter()
            .filter(|(t, _)| *t >= from && *t <= to)
            .map(|(_, kb)| *kb)
            .max()
            .unwrap_or(0)
    };
    Outcome {
        latencies,
        lines: lines.len(),
        sent_rate: lines.len() as f64 / span(first_write, last_write).max(1e-9),
        read_rate: (seen - seen0) as f64 / drained.as_secs_f64(),
        slowest_second: if slowest == u64::MAX { 0 } else { slowest },
        drain: drained.saturating_sub(last_write.map_or(paced, |l| l.duration_since(t0))),
        votes_expected: plan.votes.len(),
        votes_counted: (counted - counted0) as usize,
        live_expected: live_expected as usize,
        live_counted: live_counted as usize,
        poll_expected: plan.votes.len() - live_expected as usize,
        poll_counted: ((counted - counted0) as usize).saturating_sub(live_counted as usize),
        events: arrivals.len(),
        problems,
        rss_before,
        rss_peak: samples.iter().map(|(_, kb)| *kb).max().unwrap_or(0),
        rss_first_third: max_in(Duration::ZERO, third),
        rss_last_third: max_in(third * 2, paced),
        rss_after,
    }
}

/// Prints the figures of one burst.
pub fn print(o: &Outcome, size: Size) {
    println!(
        "  {} lines ({}/s for {} s, {} viewers): written at {:.0} lines/s; the daemon read {:.0} lines/s (slowest second {}), all read and counted {} after the last line",
        o.lines,
        size.rate,
        size.secs,
        size.users,
        o.sent_rate,
        o.read_rate,
        o.slowest_second,
        ms(o.drain)
    );
    println!(
        "  votes: {} sent, {} counted (live {} of {}, poll {} of {}); {} vote.received for {} live votes",
        o.votes_expected,
        o.votes_counted,
        o.live_counted,
        o.live_expected,
        o.poll_counted,
        o.poll_expected,
        o.events,
        o.live_expected
    );
    println!(
        "  line -> vote.received: p50 {}, p99 {}, max {} ({} samples)",
        ms(o.p(50.0)),
        ms(o.p(99.0)),
        ms(o.p(100.0)),
        o.latencies.len()
    );
    println!(
        "  daemon RSS: before {}, peak {} (first third {}, last third {}), after settling {}",
        mb(o.rss_before),
        mb(o.rss_peak),
        mb(o.rss_first_third),
        mb(o.rss_last_third),
        mb(o.rss_after)
    );
    for p in &o.problems {
        println!("  PROBLEM: {p}");
    }
}

const TARGET: &str = "p99 <= 50 ms; every vote counted exactly once; memory bounded";

impl crate::Bench {
    /// P10: the burst of issue 21 on a fresh copy of the big database and a fresh daemon.
    pub fn p10(&mut self, rt: &tokio::runtime::Runtime) {
        let size = self.cfg.chat_burst;
        println!(
            "P10: live chat burst, {} lines/s for {} s from {} viewers, 1 in 10 a vote, poll open; fake Twitch over ws://, line written -> vote.received",
            size.rate, size.secs, size.users
        );
        let db = self.fresh_copy("p10.db");
        let token = self.token_on(&db);
        let games = pick_games(&db);
        // Started outside the bench's runtime: the fake server runs its own.
        let fake = FakeTwitch::start(Transport::Ws);
        let mut c = self.jackbox_on(&db);
        c.args(["serve", "--bind", "127.0.0.1:0", "--twitch", CHANNEL])
            .env("JACKBOX_TWITCH_IRC_URL", &fake.url);
        let daemon = crate::Server::start(c);
        let addr = daemon.addr;
        let deadline = Instant::now() + Duration::from_secs(30);
        while rt.block_on(source(addr)).map(|s| s.0).as_deref() != Some("connected")
            || fake.joined(CHANNEL) != 1
        {
            assert!(
                Instant::now() < deadline,
                "the daemon did not join the fake channel"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
        // Tonight: the game on now, and a poll of three others (position 4 is "Other").
        let session = self.active;
        rt.block_on(async {
            let mut api = http::Conn::connect(addr).await.expect("connect");
            let add = format!("{{\"game_id\":{}}}", games.now);
            let r = api
                .send(&http::request(
                    "POST",
                    &format!("/api/sessions/{session}/games"),
                    Some(&token),
                    Some(&add),
                ))
                .await
                .expect("add the game on now");
            assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
            let poll = serde_json::json!({
                "gameIds": games.options.iter().map(|o| o.0).collect::<Vec<_>>(),
                "durationSeconds": 3600,
            })
            .to_string();
            let r = api
                .send(&http::request(
                    "POST",
                    &format!("/api/sessions/{session}/polls"),
                    Some(&token),
                    Some(&poll),
                ))
                .await
                .expect("open the poll");
            assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
        });
        let t = Instant::now();
        let plan = Plan::new(size, &games);
        println!(
            "  {} lines planned ({} votes) in {:.1} s",
            plan.lines.len(),
            plan.votes.len(),
            t.elapsed().as_secs_f64()
        );
        let o = burst(rt, &fake, &daemon, &db, &token, session, &plan, size);
        drop(daemon);
        drop(fake);
        print(&o, size);
        let exact = o.problems.is_empty()
            && o.votes_counted == o.votes_expected
            && o.live_counted == o.live_expected
            && o.events == o.live_expected;
        let p99 = o.p(99.0);
        self.row(crate::Row {
            id: "P10",
            what: "chat burst: line -> vote.received",
            measured: format!(
                "p99 {}; {}/{} votes counted once; RSS {} -> peak {} -> {}",
                ms(p99),
                o.votes_counted,
                o.votes_expected,
                mb(o.rss_before),
                mb(o.rss_peak),
                mb(o.rss_after)
            ),
            reference: format!(
                "{} lines/s x {} s, {} viewers; p50 {}, max {}; {} live + {} poll votes, {} vote.received; daemon read {:.0} lines/s (slowest second {}); {}",
                size.rate,
                size.secs,
                size.users,
                ms(o.p(50.0)),
                ms(o.p(100.0)),
                o.live_counted,
                o.poll_counted,
                o.events,
                o.read_rate,
                o.slowest_second,
                if o.problems.is_empty() {
                    "recount exact".to_string()
                } else {
                    o.problems.join("; ")
                }
            ),
            target: TARGET,
            pass: Some(
                exact && !o.latencies.is_empty() && p99 <= Duration::from_millis(50) && o.memory_bounded(),
            ),
        });
    }
}

/// Six catalog games with tickers: the one on now, three poll options, two outside the poll.
fn pick_games(db: &Path) -> Games {
    let conn = rusqlite::Connection::open(db).expect("open database");
    let mut st = conn
        .prepare("SELECT id, ticker FROM games WHERE ticker IS NOT NULL ORDER BY id LIMIT 6")
        .expect("games");
    let g: Vec<(i64, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .expect("games")
        .collect::<Result<_, _>>()
        .expect("games");
    assert_eq!(
        g.len(),
        6,
        "the catalog has fewer than 6 games with tickers"
    );
    Games {
        now: g[0].0,
        options: [g[1].clone(), g[2].clone(), g[3].clone()],
        others: [g[4].clone(), g[5].clone()],
    }
}
