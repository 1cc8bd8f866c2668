//! The import graph of `src/core`, read from the source: its top-level modules (a file
//! `core/x.rs` or a folder `core/x/`) and the edges their `use` lines and
//! `crate::core::…`/`super::…` paths draw. The core must have no cycle (issue 25), so each
//! module can be read knowing only what lies below it. Test code (`#[cfg(test)] mod …`,
//! `tests.rs`) is left out: a test may set up rows through the modules above.
//! It also checks that core code reads no environment variable and names no `reqwest` type
//! (issue 25, point 3). `tools/check-core-cycles.sh` runs these tests alone.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One `.rs` file of the core: its module path below `core` and its code without comments,
/// string literals and test modules.
struct File {
    module: Vec<String>,
    code: String,
}

fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rs_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Blanks comments, string and char literals (so a `"crate::core::x"` in a message draws no
/// edge), keeping the rest byte for byte.
fn strip(src: &str) -> String {
    let b = src.as_bytes();
    let mut out = String::with_capacity(src.len());
    let mut i = 0;
    while i < b.len() {
        if b[i..].starts_with(b"//") {
            while i < b.len() && b[i] != b'\n' {
                i += 1;
            }
        } else if b[i..].starts_with(b"/*") {
            let mut depth = 0;
            while i < b.len() {
                if b[i..].starts_with(b"/*") {
                    depth += 1;
                    i += 2;
                } else if b[i..].starts_with(b"*/") {
                    depth -= 1;
                    i += 2;
                    if depth == 0 {
                        break;
                    }
                } else {
                    i += 1;
                }
            }
        } else if b[i] == b'r' && (b.get(i + 1) == Some(&b'"') || b.get(i + 1) == Some(&b'#')) {
            // A raw string: r"…", r#"…"#.
            let mut j = i + 1;
            let mut hashes = 0;
            while b.get(j) == Some(&b'#') {
                hashes += 1;
                j += 1;
            }
            if b.get(j) != Some(&b'"') {
                out.push('r');
                i += 1;
                continue;
            }
            let close: Vec<u8> = std::iter::once(b'"')
                .chain(std::iter::repeat_n(b'#', hashes))
                .collect();
            j += 1;
            while j < b.len() && !b[j..].starts_with(&close) {
                j += 1;
            }
            i = j + close.len();
            out.push_str("\"\"");
        } else if b[i] == b'"' {
            i += 1;
            while i < b.len() && b[i] != b'"' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if b[i] == b'\'' && (b.get(i + 2) == Some(&b'\'') || b.get(i + 1) == Some(&b'\\')) {
            // A char literal ('x', '\n', '\''); a lifetime has no closing quote.
            i += 1;
            while i < b.len() && b[i] != b'\'' {
                i += if b[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("' '");
        } else {
            let c = src[i..].chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// Removes `#[cfg(test)] mod name { … }` blocks.
fn without_tests(code: &str) -> String {
    let mut code = code.to_string();
    while let Some(at) = code.find("#[cfg(test)]") {
        let rest = &code[at..];
        let Some(open) = rest.find('{') else { break };
        let head = &rest[..open];
        if !head.contains("mod ") {
            // Some other item under cfg(test): drop the attribute only.
            code.replace_range(at..at + "#[cfg(test)]".len(), "");
            continue;
        }
        let mut depth = 0;
        let mut end = rest.len();
        for (k, c) in rest[open..].char_indices() {
            match c {
                '{' => depth += 1,
                '}' => {
                    depth -= 1;
                    if depth == 0 {
                        end = open + k + 1;
                        break;
                    }
                }
                _ => {}
            }
        }
        code.replace_range(at..at + end, "");
    }
    code
}

fn core_files() -> Vec<File> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut paths = Vec::new();
    rs_files(&root, &mut paths);
    let mut files = Vec::new();
    for path in paths {
        let rel = path.strip_prefix(&root).unwrap().with_extension("");
        let mut module: Vec<String> = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect();
        if module.last().is_some_and(|m| m == "mod") {
            module.pop();
        }
        if module.last().is_some_and(|m| m == "tests") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        files.push(File {
            module,
            code: without_tests(&strip(&src)),
        });
    }
    files
}

/// The paths a `use` tree names: `a::{b, c::{d as e}}` → `a::b`, `a::c::d`.
fn expand(prefix: &[String], tree: &str, out: &mut Vec<Vec<String>>) {
    let tree = tree.trim();
    if tree.is_empty() {
        return;
    }
    if let Some(inner) = tree.strip_prefix('{') {
        let inner = inner.strip_suffix('}').unwrap_or(inner);
        let (mut depth, mut start) = (0, 0);
        for (i, c) in inner.char_indices() {
            match c {
                '{' => depth += 1,
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    expand(prefix, &inner[start..i], out);
                    start = i + 1;
                }
                _ => {}
            }
        }
        expand(prefix, &inner[start..], out);
        return;
    }
    if let Some(at) = tree.find("::{") {
        let mut p = prefix.to_vec();
        p.extend(tree[..at].split("::").map(|s| s.trim().to_string()));
        expand(&p, &tree[at + 2..], out);
        return;
    }
    let path = tree.split(" as ").next().unwrap();
    let mut p = prefix.to_vec();
    p.extend(path.split("::").map(|s| s.trim().to_string()));
    out.push(p);
}

/// The top-level core module a path from `module` lands in, if it is in the core.
fn resolve(module: &[String], path: &[String], tops: &BTreeSet<String>) -> Option<String> {
    let path: Vec<&str> = path
        .iter()
        .map(|s| s.as_str())
        .filter(|s| !s.is_empty())
        .collect();
    let full: Vec<String> = match path.first()? {
        &"crate" => {
            if path.get(1) != Some(&"core") {
                return None;
            }
            path[2..].iter().map(|s| s.to_string()).collect()
        }
        &"super" | &"self" => {
            let mut cur = module.to_vec();
            let mut rest = &path[..];
            while let Some(&s) = rest.first() {
                match s {
                    "super" => {
                        cur.pop()?;
                    }
                    "self" => {}
                    _ => break,
                }
                rest = &rest[1..];
            }
            cur.extend(rest.iter().map(|s| s.to_string()));
            cur
        }
        first => {
            // A path relative to the module: only `core/mod.rs` naming a top module counts.
            if module.is_empty() && tops.contains(*first) {
                return Some(first.to_string());
            }
            return None;
        }
    };
    let first = full.first()?;
    if tops.contains(first) {
        Some(first.clone())
    } else {
        // `crate::core::Name`: an item `core/mod.rs` re-exports.
        Some(format!("::{first}"))
    }
}

/// `core/mod.rs`'s `pub use m::{A, B}` and `pub use m::*`: which module a re-exported name
/// comes from.
fn reexports(root: &File, tops: &BTreeSet<String>) -> (BTreeMap<String, String>, Vec<String>) {
    let (mut names, mut globs) = (BTreeMap::new(), Vec::new());
    for stmt in use_statements(&root.code) {
        let mut paths = Vec::new();
        expand(&[], &stmt, &mut paths);
        for p in paths {
            if p.len() == 2 && tops.contains(&p[0]) {
                if p[1] == "*" {
                    globs.push(p[0].clone());
                } else {
                    names.insert(p[1].clone(), p[0].clone());
                }
            }
        }
    }
    (names, globs)
}

fn use_statements(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let b = code.as_bytes();
    let mut from = 0;
    while let Some(k) = code[from..].find("use ") {
        let at = from + k;
        from = at + 4;
        let word_start = at == 0 || !(b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_');
        if !word_start {
            continue;
        }
        if let Some(end) = code[at..].find(';') {
            out.push(code[at + 4..at + end].trim().to_string());
            from = at + end;
        }
    }
    out
}

/// Inline paths outside `use` lines: `crate::core::x::…` and `super::…`.
fn inline_paths(code: &str) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for start in ["crate::core::", "super::"] {
        let mut from = 0;
        while let Some(k) = code[from..].find(start) {
            let at = from + k;
            from = at + start.len();
            let b = code.as_bytes();
            if at > 0
                && (b[at - 1].is_ascii_alphanumeric() || b[at - 1] == b'_' || b[at - 1] == b':')
            {
                continue;
            }
            let end = code[at..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
                .map_or(code.len(), |e| at + e);
            out.push(
                code[at..end]
                    .split("::")
                    .map(str::to_string)
                    .filter(|s| !s.is_empty())
                    .collect(),
            );
        }
    }
    out
}

/// module → (module it uses → files that use it).
type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn core_graph() -> Graph {
    let files = core_files();
    let tops: BTreeSet<String> = files
        .iter()
        .filter_map(|f| f.module.first().cloned())
        .collect();
    let root = files
        .iter()
        .find(|f| f.module.is_empty())
        .expect("core/mod.rs");
    let (names, globs) = reexports(root, &tops);
    let mut graph = Graph::new();
    for f in files.iter().filter(|f| !f.module.is_empty()) {
        let me = &f.module[0];
        let mut paths = Vec::new();
        let mut rest = f.code.clone();
        for stmt in use_statements(&f.code) {
            expand(&[], &stmt, &mut paths);
            rest = rest.replacen(&stmt, "", 1);
        }
        paths.extend(inline_paths(&rest));
        for p in paths {
            let Some(target) = resolve(&f.module, &p, &tops) else {
                continue;
            };
            let target = match target.strip_prefix("::") {
                Some(name) => match names.get(name) {
                    Some(m) => m.clone(),
                    None if name.starts_with(char::is_uppercase) && !globs.is_empty() => {
                        globs[0].clone()
                    }
                    None => continue,
                },
                None => target,
            };
            if &target != me {
                graph
                    .entry(me.clone())
                    .or_default()
                    .entry(target)
                    .or_default()
                    .insert(f.module.join("/"));
            }
        }
    }
    for t in &tops {
        graph.entry(t.clone()).or_default();
    }
    graph
}

/// Strongly connected components with more than one module (Tarjan).
fn cycles(graph: &Graph) -> Vec<Vec<String>> {
    struct T<'a> {
        g: &'a Graph,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'a>(t: &mut T<'a>, v: &'a str) {
        let n = t.index.len();
        t.index.insert(v, n);
        t.low.insert(v, n);
        t.stack.push(v);
        for w in t.g[v].keys() {
            let w = w.as_str();
            if !t.g.contains_key(w) {
                continue;
            }
            if !t.index.contains_key(w) {
                visit(t, w);
                let lw = t.low[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(lw);
            } else if t.stack.contains(&w) {
                let iw = t.index[w];
                let lv = t.low.get_mut(v).unwrap();
                *lv = (*lv).min(iw);
            }
        }
        if t.low[v] == t.index[v] {
            let mut comp = Vec::new();
            loop {
                let w = t.stack.pop().unwrap();
                comp.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if comp.len() > 1 {
                comp.sort();
                t.out.push(comp);
            }
        }
    }
    let mut t = T {
        g: graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !t.index.contains_key(v.as_str()) {
            visit(&mut t, v);
        }
    }
    t.out
}

#[test]
fn core_has_no_import_cycle() {
    let graph = core_graph();
    // The reader sees the modules it found, so a change that hides an edge shows.
    assert!(graph.len() > 20, "read only {} core modules", graph.len());
    assert!(graph["lineup"].contains_key("sessions"), "{graph:?}");
    let found = cycles(&graph);
    if found.is_empty() {
        // The layers, from the bottom: each module imports only modules on earlier lines
        // (shown by `tools/check-core-cycles.sh`).
        let mut level: BTreeMap<&str, usize> = BTreeMap::new();
        while level.len() < graph.len() {
            for (m, uses) in &graph {
                if level.contains_key(m.as_str()) {
                    continue;
                }
                let below: Option<Vec<usize>> = uses
                    .keys()
                    .map(|u| level.get(u.as_str()).copied())
                    .collect();
                if let Some(below) = below {
                    level.insert(m, below.into_iter().max().map_or(0, |l| l + 1));
                }
            }
        }
        let top = level.values().copied().max().unwrap_or(0);
        for l in 0..=top {
            let on: Vec<&str> = level
                .iter()
                .filter(|(_, v)| **v == l)
                .map(|(m, _)| *m)
                .collect();
            eprintln!("{l}: {}", on.join(", "));
        }
    }
    let mut report = String::new();
    for comp in &found {
        report.push_str(&format!("cycle among: {}\n", comp.join(" ")));
        for a in comp {
            for (b, files) in &graph[a] {
                if comp.contains(b) {
                    let files: Vec<_> = files.iter().map(String::as_str).collect();
                    report.push_str(&format!("  {a} -> {b}  (in {})\n", files.join(", ")));
                }
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core's modules import each other in a loop; move the shared piece below both:\n{report}"
    );
}

#[test]
fn cycle_finder_sees_a_loop() {
    let mut g = Graph::new();
    for (a, b) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        g.entry(a.into()).or_default().entry(b.into()).or_default();
        g.entry(b.into()).or_default();
    }
    assert_eq!(cycles(&g), vec![vec!["a", "b", "c"]]);
    let mut paths = Vec::new();
    expand(&[], "super::{a, b::{self, C as D}}", &mut paths);
    assert_eq!(
        paths,
        vec![
            vec!["super", "a"],
            vec!["super", "b", "self"],
            vec!["super", "b", "C"]
        ]
    );
}

/// What core code must not name (issue 25, point 3): the environment is read by the faces
/// (`src/env.rs`, clap's `env`) and handed in as values, and HTTP clients live in the faces.
const FORBIDDEN_IN_CORE: &[(&str, &str)] = &[
    (
        "env::var",
        "reads the environment (read it in src/env.rs and pass the value in)",
    ),
    (
        "reqwest",
        "uses the HTTP client's types (the core parses URLs with `url`)",
    ),
];

/// The forbidden names `code` (comments and strings already blanked) contains, whole words.
fn forbidden_names(code: &str) -> Vec<&'static str> {
    let word = |c: char| c.is_alphanumeric() || c == '_';
    FORBIDDEN_IN_CORE
        .iter()
        .filter(|(name, _)| {
            code.match_indices(name).any(|(at, _)| {
                !code[..at].ends_with(word) && {
                    // `env::var` also catches `env::var_os` and `env::vars`.
                    let after = &code[at + name.len()..];
                    name.starts_with("env::") || !after.starts_with(word)
                }
            })
        })
        .map(|(name, _)| *name)
        .collect()
}

#[test]
fn core_reads_no_environment_and_names_no_http_client() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut paths = Vec::new();
    rs_files(&root, &mut paths);
    assert!(paths.len() > 20, "read only {} core files", paths.len());
    let mut report = String::new();
    // Test code too: a core test that sets a variable would hide a reader.
    for path in paths {
        let code = strip(&std::fs::read_to_string(&path).unwrap());
        for name in forbidden_names(&code) {
            let why = FORBIDDEN_IN_CORE
                .iter()
                .find(|(n, _)| *n == name)
                .unwrap()
                .1;
            let rel = path.strip_prefix(&root).unwrap().display();
            report.push_str(&format!("  core/{rel}: `{name}` {why}\n"));
        }
    }
    assert!(
        report.is_empty(),
        "the core must take its configuration as values:\n{report}"
    );
}

#[test]
fn forbidden_names_are_found_in_code_only() {
    let code = strip("let v = std::env::var_os(\"X\"); // reqwest\nlet s = \"env::var\";");
    assert_eq!(forbidden_names(&code), ["env::var"]);
    assert_eq!(
        forbidden_names(&strip("fn f(u: &reqwest::Url) {}")),
        ["reqwest"]
    );
    assert!(forbidden_names(&strip("let t = std::env::temp_dir(); let myreqwest = 1;")).is_empty());
}
