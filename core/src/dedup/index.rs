//! `DedupIndex`: the seed's 201/409 template dedup as an in-memory,
//! thread-safe index.
//!
//! Semantics: within one `(org_id, workspace_id)` at most one *active*
//! template has a given config hash. `create` answers created (201) or
//! conflict (409, with the existing template's id); the same config in
//! another workspace is created; a deleted template no longer blocks.
//!
//! Mapping onto a database (what a host does instead of, or in front of,
//! this index): a column `config_hash` filled with
//! [`super::template_config_hash`] and the seed's partial unique index
//!
//! ```sql
//! CREATE UNIQUE INDEX IF NOT EXISTS ux_templates_org_ws_confighash_active
//!   ON prompt_templates (org_id, workspace_id, config_hash)
//!   WHERE deleted_at IS NULL;
//! ```
//!
//! `create` = `INSERT`; a unique violation on that index is the conflict
//! (answer 409 after `SELECT id ... WHERE org_id=? AND workspace_id=? AND
//! config_hash=? AND deleted_at IS NULL`), never a 500. `delete` =
//! `UPDATE ... SET deleted_at = now()`. `check_duplicate` = that `SELECT`.
//! The database, like this index, decides atomically, so concurrent
//! identical creates give exactly one created.

use super::template::{template_config_hash, TemplateConfigHash};
use crate::error::{Error, Result};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::{Mutex, MutexGuard};

/// Result of [`DedupIndex::create`]. JSON form:
/// `{"status": "created", "template_id", "config_hash"}` or
/// `{"status": "conflict", "existing_template_id", "config_hash"}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CreateOutcome {
    /// The template was registered (HTTP 201).
    Created {
        /// The id given to `create`.
        template_id: String,
        /// Its config hash.
        config_hash: String,
    },
    /// An active template with the same config exists (HTTP 409).
    Conflict {
        /// The template that already holds this config.
        existing_template_id: String,
        /// The shared config hash.
        config_hash: String,
    },
}

impl CreateOutcome {
    /// True for [`CreateOutcome::Created`].
    pub fn is_created(&self) -> bool {
        matches!(self, CreateOutcome::Created { .. })
    }

    /// The config hash either way.
    pub fn config_hash(&self) -> &str {
        match self {
            CreateOutcome::Created { config_hash, .. }
            | CreateOutcome::Conflict { config_hash, .. } => config_hash,
        }
    }
}

/// Result of [`DedupIndex::check_duplicate`]: `{"exact_match", "template_id"}`
/// (`template_id` null when there is no match).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DuplicateCheck {
    exact_match: bool,
    template_id: Option<String>,
}

impl DuplicateCheck {
    /// Whether an active template in the workspace has the same config hash.
    pub fn exact_match(&self) -> bool {
        self.exact_match
    }

    /// That template's id.
    pub fn template_id(&self) -> Option<&str> {
        self.template_id.as_deref()
    }
}

type Scope = (String, String);

#[derive(Default)]
struct State {
    /// (scope, config_hash) → active template id: the partial unique index.
    active: HashMap<(Scope, String), String>,
    /// (scope, template_id) → (config_hash, deleted): every template ever created.
    templates: HashMap<(Scope, String), (String, bool)>,
}

/// In-memory, thread-safe template dedup index (all methods take `&self`).
#[derive(Default)]
pub struct DedupIndex {
    state: Mutex<State>,
}

impl DedupIndex {
    /// An empty index.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers `template_id` with `config` unless an active template in
    /// the same `(org_id, workspace_id)` has the same config hash.
    ///
    /// Errors: empty ids (`$.org_id`, ...), a `template_id` already used in
    /// the workspace (`$.template_id`, even if deleted: ids are not reused),
    /// and every [`super::template_config_hash`] error.
    pub fn create(
        &self,
        org_id: &str,
        workspace_id: &str,
        template_id: &str,
        config: &Value,
    ) -> Result<CreateOutcome> {
        let hash = template_config_hash(config)?;
        self.create_hashed(org_id, workspace_id, template_id, &hash)
    }

    /// [`Self::create`] with a config hash computed beforehand.
    pub fn create_hashed(
        &self,
        org_id: &str,
        workspace_id: &str,
        template_id: &str,
        hash: &TemplateConfigHash,
    ) -> Result<CreateOutcome> {
        let scope = scope(org_id, workspace_id)?;
        non_empty("template_id", template_id)?;
        let config_hash = hash.config_hash().to_owned();
        let mut state = self.lock();
        let id_key = (scope.clone(), template_id.to_owned());
        if state.templates.contains_key(&id_key) {
            return Err(Error::invalid_input(
                "$.template_id",
                format!("template id {template_id:?} already exists in this workspace"),
            ));
        }
        let active_key = (scope, config_hash.clone());
        if let Some(existing) = state.active.get(&active_key) {
            return Ok(CreateOutcome::Conflict {
                existing_template_id: existing.clone(),
                config_hash,
            });
        }
        state.active.insert(active_key, template_id.to_owned());
        state.templates.insert(id_key, (config_hash.clone(), false));
        Ok(CreateOutcome::Created {
            template_id: template_id.to_owned(),
            config_hash,
        })
    }

    /// Whether an active template in `(org_id, workspace_id)` has the same config.
    pub fn check_duplicate(
        &self,
        org_id: &str,
        workspace_id: &str,
        config: &Value,
    ) -> Result<DuplicateCheck> {
        let hash = template_config_hash(config)?;
        let scope = scope(org_id, workspace_id)?;
        let state = self.lock();
        let template_id = state
            .active
            .get(&(scope, hash.config_hash().to_owned()))
            .cloned();
        Ok(DuplicateCheck {
            exact_match: template_id.is_some(),
            template_id,
        })
    }

    /// Soft-deletes a template: it stops blocking its config. Returns
    /// whether an active template was deleted (false: unknown or already deleted).
    pub fn delete(&self, org_id: &str, workspace_id: &str, template_id: &str) -> bool {
        let scope = (org_id.to_owned(), workspace_id.to_owned());
        let mut state = self.lock();
        let Some((config_hash, deleted)) = state
            .templates
            .get_mut(&(scope.clone(), template_id.to_owned()))
        else {
            return false;
        };
        if *deleted {
            return false;
        }
        *deleted = true;
        let config_hash = config_hash.clone();
        state.active.remove(&(scope, config_hash));
        true
    }

    /// Every update completes before the guard drops and none can panic
    /// half-way, so a poisoned lock still holds consistent state.
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

fn non_empty(name: &str, value: &str) -> Result<()> {
    if value.is_empty() {
        return Err(Error::invalid_input(
            format!("$.{name}"),
            "must not be empty",
        ));
    }
    Ok(())
}

fn scope(org_id: &str, workspace_id: &str) -> Result<Scope> {
    non_empty("org_id", org_id)?;
    non_empty("workspace_id", workspace_id)?;
    Ok((org_id.to_owned(), workspace_id.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;
    use std::sync::Arc;

    fn config() -> Value {
        json!({
            "system_instructions": "Be concise and accurate",
            "user_prompt_template": "What is AVEA known for?",
            "country_set": ["CH", "US"],
            "model_id": "gpt-4o",
            "inference_params": {"temperature": 0.7, "max_tokens": 1000}
        })
    }

    #[test]
    fn five_concurrent_identical_creates_give_one_created() {
        let index = Arc::new(DedupIndex::new());
        let barrier = Arc::new(std::sync::Barrier::new(5));
        let handles: Vec<_> = (0..5)
            .map(|i| {
                let (index, barrier) = (Arc::clone(&index), Arc::clone(&barrier));
                std::thread::spawn(move || {
                    barrier.wait();
                    index
                        .create("default", "ws-a", &format!("t{i}"), &config())
                        .unwrap()
                })
            })
            .collect();
        let outcomes: Vec<CreateOutcome> = handles.into_iter().map(|h| h.join().unwrap()).collect();
        let created: Vec<_> = outcomes.iter().filter(|o| o.is_created()).collect();
        assert_eq!(created.len(), 1);
        let CreateOutcome::Created {
            template_id: winner,
            ..
        } = created[0]
        else {
            unreachable!()
        };
        for outcome in outcomes.iter().filter(|o| !o.is_created()) {
            assert_eq!(
                outcome,
                &CreateOutcome::Conflict {
                    existing_template_id: winner.clone(),
                    config_hash: outcome.config_hash().to_owned(),
                }
            );
        }
    }

    #[test]
    fn scope_delete_and_check() {
        let index = DedupIndex::new();
        assert!(index
            .create("o", "ws-a", "t1", &config())
            .unwrap()
            .is_created());
        assert!(index
            .create("o", "ws-b", "t2", &config())
            .unwrap()
            .is_created());
        assert!(index
            .create("o2", "ws-a", "t3", &config())
            .unwrap()
            .is_created());
        let check = index.check_duplicate("o", "ws-a", &config()).unwrap();
        assert!(check.exact_match());
        assert_eq!(check.template_id(), Some("t1"));
        assert_eq!(
            serde_json::to_value(&check).unwrap(),
            json!({"exact_match": true, "template_id": "t1"})
        );
        assert!(index.delete("o", "ws-a", "t1"));
        assert!(!index.delete("o", "ws-a", "t1"));
        assert!(!index.delete("o", "ws-a", "nope"));
        let check = index.check_duplicate("o", "ws-a", &config()).unwrap();
        assert_eq!(
            serde_json::to_value(&check).unwrap(),
            json!({"exact_match": false, "template_id": null})
        );
        let again = index.create("o", "ws-a", "t4", &config()).unwrap();
        assert!(again.is_created());
        let conflict = index.create("o", "ws-a", "t5", &config()).unwrap();
        let json = serde_json::to_value(&conflict).unwrap();
        assert_eq!(json["status"], "conflict");
        assert_eq!(json["existing_template_id"], "t4");
    }

    #[test]
    fn bad_ids_and_reused_ids_are_errors() {
        let index = DedupIndex::new();
        assert_eq!(
            index.create("", "w", "t", &config()).unwrap_err().path(),
            "$.org_id"
        );
        assert_eq!(
            index.create("o", "w", "", &config()).unwrap_err().path(),
            "$.template_id"
        );
        index.create("o", "w", "t", &config()).unwrap();
        index.delete("o", "w", "t");
        let mut other = config();
        other["model_id"] = json!("gpt-4.1");
        assert_eq!(
            index.create("o", "w", "t", &other).unwrap_err().path(),
            "$.template_id"
        );
        assert_eq!(
            index.create("o", "w", "u", &json!({})).unwrap_err().path(),
            "$.user_prompt_template"
        );
    }
}
