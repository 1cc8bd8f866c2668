//! Writes a big chat log (the base JSON array) for the P4 measurement of `jackbox chat
//! import`: `cargo run --release --example gen_chat -- 1000000 big.json` (~80 MB).
//!
//! Messages start at 2026-03-15T19:00:00Z, 10 ms apart; about 5 % are votes.

use std::io::{BufWriter, Write};

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let n: u64 = args
        .next()
        .and_then(|a| a.parse().ok())
        .unwrap_or(1_000_000);
    let out: Box<dyn Write> = match args.next() {
        Some(path) if path != "-" => Box::new(std::fs::File::create(path)?),
        _ => Box::new(std::io::stdout().lock()),
    };
    let mut w = BufWriter::with_capacity(1 << 20, out);
    let start = chrono::DateTime::parse_from_rfc3339("2026-03-15T19:00:00Z")
        .expect("valid start")
        .with_timezone(&chrono::Utc);
    let texts = [
        "lol great",
        "who wins",
        "PogChamp",
        "hi chat",
        "so funny KEKW",
        "gg",
        "which pack?",
    ];
    w.write_all(b"[\n")?;
    for i in 0..n {
        if i > 0 {
            w.write_all(b",")?;
        }
        let t = start + chrono::Duration::milliseconds(i as i64 * 10);
        let message = match i % 20 {
            0 => "thisgame++".to_string(),
            7 => "thisgame-- meh".to_string(),
            _ => format!("{} {}", texts[(i % 7) as usize], i % 1000),
        };
        write!(
            w,
            "{{\"username\":\"user{}\",\"message\":\"{}\",\"timestamp\":\"{}\"}}",
            i % 20_000,
            message,
            t.to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
        )?;
    }
    w.write_all(b"\n]\n")?;
    w.flush()
}
