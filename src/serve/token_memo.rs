//! Token checks answered from memory: the last answers of `core::auth::check` for minted
//! tokens and database admins' tokens, each kept with the auth epoch it was computed in
//! (`Db::auth_epoch`). An answer is reused only while the epoch is unchanged, i.e. while no
//! commit of any process since may have changed `api_tokens` or `admins`: a revocation, by
//! the daemon or the CLI, reaches the very next request.

use super::db::Db;
use crate::core::auth::{Claims, Principal};
use std::collections::HashMap;
use std::sync::Mutex;

/// Answers kept at most (one per token in use); beyond, the memo starts afresh.
const ENTRIES: usize = 1024;

#[derive(Default)]
pub struct TokenMemo {
    answers: Mutex<HashMap<String, (u64, Principal)>>,
}

impl TokenMemo {
    /// The principal `token` was found to be in the current epoch, if any.
    pub fn get(&self, db: &Db, token: &str) -> Option<Principal> {
        let epoch = db.auth_epoch()?;
        let answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        match answers.get(token) {
            Some((e, p)) if *e == epoch => Some(p.clone()),
            _ => None,
        }
    }

    /// Keeps `principal`, the answer of a check that read the database after `epoch` was
    /// taken (`Db::vouch`). Only tokens whose validity lives in `api_tokens` or `admins`:
    /// the legacy key's lives in `settings`, which every write touches.
    pub fn keep(&self, epoch: Option<u64>, token: &str, claims: &Claims, principal: &Principal) {
        let Some(epoch) = epoch else { return };
        let memorable =
            claims.jti.is_some() || claims.kg.as_deref().is_some_and(|kg| kg.starts_with("db:"));
        if !memorable {
            return;
        }
        let mut answers = self.answers.lock().unwrap_or_else(|p| p.into_inner());
        if answers.len() >= ENTRIES && !answers.contains_key(token) {
            answers.clear();
        }
        answers.insert(token.to_string(), (epoch, principal.clone()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::jwt::{self, Role};
    use crate::core::tokens::{self, NewToken};
    use std::sync::Arc;

    const SECRET: &[u8] = b"memo-test-secret-0123456789abcdef";

    /// A kept answer is served from memory while nothing commits, and a revocation with no
    /// other write in between ends it at once: by the daemon's writer (its update hook sees
    /// `api_tokens` change), and by another connection to the file, as the CLI does (the
    /// WAL index header moves on without the writer vouching for it).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_revocation_ends_a_kept_answer_at_once() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("memo.db");
        let db = Db::open(&path, 1, Arc::new(tokio::sync::Notify::new())).unwrap();
        let memo = TokenMemo::default();
        for other_process in [false, true] {
            let new = NewToken::new("script", Role::Admin, None).unwrap();
            let minted = db
                .write(move |c| tokens::mint(c, SECRET, &new))
                .await
                .unwrap();
            let claims = jwt::verify(SECRET, &minted.token).unwrap();
            let principal = Principal {
                name: minted.name.clone(),
                role: Role::Admin,
                claims: claims.clone(),
            };
            // What `serve::auth::authenticate` does on a miss: the header, then the check.
            let seen = db.stamp();
            memo.keep(db.vouch(seen), &minted.token, &claims, &principal);
            assert_eq!(
                memo.get(&db, &minted.token),
                Some(principal.clone()),
                "kept and served from memory"
            );
            let id = minted.id;
            if other_process {
                let mut cli = crate::store::open(&path).unwrap();
                tokens::revoke(&mut cli, id).unwrap();
            } else {
                db.write(move |c| tokens::revoke(c, id)).await.unwrap();
            }
            assert_eq!(memo.get(&db, &minted.token), None, "revoked");
        }
    }
}
