//! dedup: RFC 8785 canonical JSON, template config hashes, prompt hashes,
//! idempotency keys and the in-memory `DedupIndex`.
//!
//! JSON text/bytes arguments go through the core's strict parser
//! (`parse_strict`: duplicate keys, lone surrogates, `1e400` are errors), as
//! `verity hash` and the Python package do; JS objects are converted by
//! [`crate::input`].

use crate::error::invalid;
use crate::error::{call, Failure};
use crate::input::{self, Doc, OwnedJson};
use crate::output::Json;
use crate::tasks::{self, Cancel, JsonTask};
use napi::bindgen_prelude::{AsyncTask, Buffer, FromNapiValue, Unknown};
use napi::{Env, JsDate, JsString, JsValue, ValueType};
use napi_derive::napi;
use serde_json::Value;
use std::sync::Arc;
use verity::dedup::{self, DedupIndex as CoreDedupIndex, Timestamp};

/// A document argument, text/bytes parsed strictly (RFC 8785 input rules).
fn strict_document(env: &Env, arg: Unknown) -> Result<Value, Failure> {
    input::with_document(env, arg, |doc| match doc {
        Doc::Value(v) => Ok(v),
        Doc::Bytes(b) => Ok(dedup::parse_strict(b)?),
    })
}

/// A point in time: Unix seconds (integer), RFC 3339 text, or a `Date`.
fn timestamp_arg(arg: Unknown, name: &str) -> Result<Timestamp, Failure> {
    let path = verity::error::field_path("$", name);
    match arg.get_type()? {
        ValueType::String => Ok(Timestamp::Rfc3339(input::js_string(
            JsString::from_unknown(arg)?,
            || path.clone(),
        )?)),
        ValueType::Number => {
            let x = input::number_arg(arg, name)?;
            if x.fract() != 0.0 || x.abs() > 9_007_199_254_740_992.0 {
                return Err(invalid(
                    path,
                    format!("expected integral Unix seconds, got {x}"),
                ));
            }
            Ok(Timestamp::UnixSeconds(x as i64))
        }
        ValueType::Object if arg.is_date()? => {
            let ms = JsDate::from_unknown(arg)?.value_of()?;
            if !ms.is_finite() {
                return Err(invalid(path, "invalid Date"));
            }
            Ok(Timestamp::UnixSeconds((ms / 1000.0).floor() as i64))
        }
        _ => Err(invalid(
            path,
            "expected Unix seconds, an RFC 3339 string or a Date",
        )),
    }
}

/// RFC 8785 (JCS) canonical bytes of a JSON value (object, JSON text or bytes).
#[napi(ts_args_type = "value: JsonInput")]
pub fn canonical_json(env: Env, value: Unknown) -> napi::Result<Buffer> {
    call(&env, || {
        let parsed = strict_document(&env, value)?;
        Ok(dedup::canonical_json(&parsed)?.into())
    })
}

/// The dedup key of a prompt template: `{config_hash, canonical, normalization_version}`.
#[napi(
    ts_args_type = "config: JsonInput",
    ts_return_type = "TemplateConfigHash"
)]
pub fn template_config_hash(env: Env, config: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let parsed = strict_document(&env, config)?;
        Json::frozen_of(&dedup::template_config_hash(&parsed)?)
    })
}

/// The normalised template document that `templateConfigHash` canonicalises and hashes.
#[napi(ts_args_type = "config: JsonInput", ts_return_type = "JsonObject")]
pub fn normalize_template_config(env: Env, config: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let parsed = strict_document(&env, config)?;
        Ok(Json::plain(dedup::normalize_template_config(&parsed)?))
    })
}

/// `templateConfigHash` over many configs (results in input order); the first error fails all.
#[napi(
    ts_args_type = "configs: ReadonlyArray<JsonInput>",
    ts_return_type = "TemplateConfigHash[]"
)]
pub fn template_config_hash_many(env: Env, configs: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let docs = owned_documents(&env, configs, "configs")?;
        hash_many(docs, &Cancel::default())
    })
}

fn owned_documents(env: &Env, list: Unknown, name: &str) -> Result<Vec<OwnedJson>, Failure> {
    input::array_arg(list, name)?
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            input::with_document(env, item, |doc| {
                Ok(match doc {
                    Doc::Value(v) => OwnedJson::Value(v),
                    Doc::Bytes(b) => OwnedJson::Bytes(b.to_vec()),
                })
            })
            .map_err(|e| e.under(&verity::error::index_path("$", i)))
        })
        .collect()
}

fn hash_many(docs: Vec<OwnedJson>, cancel: &Cancel) -> Result<Json, Failure> {
    let mut out = Vec::with_capacity(docs.len());
    for (i, doc) in docs.into_iter().enumerate() {
        cancel.check()?;
        let at = |e: verity::Error| Failure::Core(e.under(&verity::error::index_path("$", i)));
        let value = match doc {
            OwnedJson::Value(v) => v,
            OwnedJson::Bytes(b) => dedup::parse_strict(&b).map_err(at)?,
        };
        out.push(dedup::template_config_hash(&value).map_err(at)?);
    }
    Json::frozen_of(&out)
}

/// `templateConfigHashMany` on the libuv thread pool (the event loop keeps running).
#[napi(
    ts_args_type = "configs: ReadonlyArray<JsonInput>, signal?: AbortSignal | undefined | null",
    ts_return_type = "Promise<TemplateConfigHash[]>"
)]
pub fn template_config_hash_many_async(
    env: Env,
    configs: Unknown,
    signal: Option<Unknown>,
) -> napi::Result<AsyncTask<JsonTask>> {
    call(&env, || {
        let docs = owned_documents(&env, configs, "configs")?;
        tasks::spawn(signal, move |cancel| hash_many(docs, cancel))
    })
}

/// ECMAScript/RFC 8785 text of a finite number (`1e+21`, `0.1`, `-0` → `0`).
#[napi(ts_args_type = "x: number")]
pub fn canonical_number(env: Env, x: Unknown) -> napi::Result<String> {
    call(&env, || {
        Ok(dedup::canonical_number(input::number_arg(x, "x")?)?)
    })
}

/// The text normalisation of template prompts (NFC, CRLF → LF, trimmed lines and ends).
#[napi(ts_args_type = "text: string")]
pub fn normalize_text(env: Env, text: Unknown) -> napi::Result<String> {
    call(&env, || {
        Ok(dedup::normalize_text(&input::string_arg(text, "text")?))
    })
}

/// Parses JSON text strictly (duplicate keys, lone surrogates, `1e400`, depth > 128 and
/// input > 8 MiB are errors): what `canonicalJson` and `templateConfigHash` read.
#[napi(
    ts_args_type = "text: string | Uint8Array",
    ts_return_type = "JsonValue"
)]
pub fn parse_strict(env: Env, text: Unknown) -> napi::Result<Json> {
    call(&env, || Ok(Json::plain(strict_document(&env, text)?)))
}

fn texts_arg(list: Unknown) -> Result<Vec<String>, Failure> {
    input::array_arg(list, "texts")?
        .into_iter()
        .enumerate()
        .map(|(i, t)| input::string_arg(t, &format!("texts[{i}]")))
        .collect()
}

fn sha_many(texts: &[String], cancel: &Cancel) -> Result<Json, Failure> {
    let mut out = Vec::with_capacity(texts.len());
    for text in texts {
        cancel.check()?;
        out.push(Value::String(dedup::rendered_prompt_sha256(text)));
    }
    Ok(Json::frozen(Value::Array(out)))
}

/// `renderedPromptSha256` over many prompts (results in input order).
#[napi(
    ts_args_type = "texts: ReadonlyArray<string>",
    ts_return_type = "string[]"
)]
pub fn rendered_prompt_sha256_many(env: Env, texts: Unknown) -> napi::Result<Json> {
    call(&env, || sha_many(&texts_arg(texts)?, &Cancel::default()))
}

/// `renderedPromptSha256Many` on the libuv thread pool.
#[napi(
    ts_args_type = "texts: ReadonlyArray<string>, signal?: AbortSignal | null",
    ts_return_type = "Promise<string[]>"
)]
pub fn rendered_prompt_sha256_many_async(
    env: Env,
    texts: Unknown,
    signal: Option<Unknown>,
) -> napi::Result<AsyncTask<JsonTask>> {
    call(&env, || {
        let texts = texts_arg(texts)?;
        tasks::spawn(signal, move |cancel| sha_many(&texts, cancel))
    })
}

/// SHA-256 hex of the exact UTF-8 bytes of a rendered prompt.
#[napi(ts_args_type = "text: string")]
pub fn rendered_prompt_sha256(env: Env, text: Unknown) -> napi::Result<String> {
    call(&env, || {
        let text = input::string_arg(text, "text")?;
        Ok(dedup::rendered_prompt_sha256(&text))
    })
}

/// `probe:{org}:{workspace}:{template}:{provider}:{model}:{YYYYMMDDHH}` (components escaped).
#[napi(
    ts_args_type = "orgId: string, workspaceId: string, templateId: string, provider: string, model: string, at: Timestamp"
)]
pub fn probe_idempotency_key(
    env: Env,
    org_id: Unknown,
    workspace_id: Unknown,
    template_id: Unknown,
    provider: Unknown,
    model: Unknown,
    at: Unknown,
) -> napi::Result<String> {
    call(&env, || {
        Ok(dedup::probe_idempotency_key(
            &input::string_arg(org_id, "org_id")?,
            &input::string_arg(workspace_id, "workspace_id")?,
            &input::string_arg(template_id, "template_id")?,
            &input::string_arg(provider, "provider")?,
            &input::string_arg(model, "model")?,
            &timestamp_arg(at, "at")?,
        )?)
    })
}

/// `run:{org}:{workspace}:{template}:{version}:{country}:{YYYYMMDDHH}` (components escaped).
#[napi(
    ts_args_type = "orgId: string, workspaceId: string, templateId: string, version: string, country: string, at: Timestamp"
)]
pub fn run_idempotency_key(
    env: Env,
    org_id: Unknown,
    workspace_id: Unknown,
    template_id: Unknown,
    version: Unknown,
    country: Unknown,
    at: Unknown,
) -> napi::Result<String> {
    call(&env, || {
        Ok(dedup::run_idempotency_key(
            &input::string_arg(org_id, "org_id")?,
            &input::string_arg(workspace_id, "workspace_id")?,
            &input::string_arg(template_id, "template_id")?,
            &input::string_arg(version, "version")?,
            &input::string_arg(country, "country")?,
            &timestamp_arg(at, "at")?,
        )?)
    })
}

/// A probe/run idempotency key parsed back into its (unescaped) components.
#[napi(ts_args_type = "key: string", ts_return_type = "IdempotencyKey")]
pub fn parse_idempotency_key(env: Env, key: Unknown) -> napi::Result<Json> {
    call(&env, || {
        let key = input::string_arg(key, "key")?;
        Json::frozen_of(&dedup::parse_idempotency_key(&key)?)
    })
}

/// In-memory, thread-safe template dedup index: 201 (`created`) / 409
/// (`conflict`) per `(org_id, workspace_id)`; deleted templates do not block.
#[napi]
pub struct DedupIndex {
    inner: Arc<CoreDedupIndex>,
}

impl Default for DedupIndex {
    fn default() -> Self {
        Self::new()
    }
}

#[napi]
impl DedupIndex {
    /// An empty index.
    #[napi(constructor)]
    pub fn new() -> Self {
        DedupIndex {
            inner: Arc::new(CoreDedupIndex::new()),
        }
    }

    /// Registers `templateId` unless an active template in the workspace has the same config.
    #[napi(
        ts_args_type = "orgId: string, workspaceId: string, templateId: string, config: JsonInput",
        ts_return_type = "CreateOutcome"
    )]
    pub fn create(
        &self,
        env: Env,
        org_id: Unknown,
        workspace_id: Unknown,
        template_id: Unknown,
        config: Unknown,
    ) -> napi::Result<Json> {
        call(&env, || {
            let org_id = input::string_arg(org_id, "org_id")?;
            let workspace_id = input::string_arg(workspace_id, "workspace_id")?;
            let template_id = input::string_arg(template_id, "template_id")?;
            let config = strict_document(&env, config)?;
            Json::frozen_of(
                &self
                    .inner
                    .create(&org_id, &workspace_id, &template_id, &config)?,
            )
        })
    }

    /// `{exact_match, template_id}`: whether an active template in the workspace has this config.
    #[napi(
        ts_args_type = "orgId: string, workspaceId: string, config: JsonInput",
        ts_return_type = "DuplicateCheck"
    )]
    pub fn check_duplicate(
        &self,
        env: Env,
        org_id: Unknown,
        workspace_id: Unknown,
        config: Unknown,
    ) -> napi::Result<Json> {
        call(&env, || {
            let org_id = input::string_arg(org_id, "org_id")?;
            let workspace_id = input::string_arg(workspace_id, "workspace_id")?;
            let config = strict_document(&env, config)?;
            Json::frozen_of(
                &self
                    .inner
                    .check_duplicate(&org_id, &workspace_id, &config)?,
            )
        })
    }

    /// Soft-deletes a template; `true` when an active template was deleted.
    #[napi(ts_args_type = "orgId: string, workspaceId: string, templateId: string")]
    pub fn delete(
        &self,
        env: Env,
        org_id: Unknown,
        workspace_id: Unknown,
        template_id: Unknown,
    ) -> napi::Result<bool> {
        call(&env, || {
            Ok(self.inner.delete(
                &input::string_arg(org_id, "org_id")?,
                &input::string_arg(workspace_id, "workspace_id")?,
                &input::string_arg(template_id, "template_id")?,
            ))
        })
    }
}
