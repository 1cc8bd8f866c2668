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
