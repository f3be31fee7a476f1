//! The ONE mapping from core errors (and panics) to JavaScript errors.
//!
//! Every failure reaches JS as a plain `Error` whose
//! - `code` is `VERITY_` + the core kind upper-cased (`VERITY_INVALID_INPUT`,
//!   `VERITY_TOO_DEEP`, ...), stable across releases;
//! - `kind` is the core kind itself (`invalid_input`), as in the vectors;
//! - `path` is the `$`-rooted path at fault (`$.output[3].status`);
//! - `message` is the core's display form, `"{kind} at {path}: {message}"`,
//!   so the path is readable even where only the message is logged.
//!
//! A panic inside the core (a bug, never expected on input) is caught here
//! and surfaces as `code: "VERITY_INTERNAL"` instead of aborting the process.

use napi::bindgen_prelude::{JsObjectValue, JsValue};
use napi::{Env, JsError, Status};
use std::panic::{catch_unwind, AssertUnwindSafe};
use verity::{Error as CoreError, ErrorKind};

/// Code of a core error kind as exposed to JS (`VERITY_INVALID_INPUT`).
pub fn code_of(kind: ErrorKind) -> String {
    format!("VERITY_{}", kind.code().to_ascii_uppercase())
}

/// What failed, in a form that can cross threads (async tasks) before it is
/// turned into a JS error on the main thread.
#[derive(Debug)]
pub enum Failure {
    /// A typed core error.
    Core(CoreError),
    /// A panic caught at the boundary (a bug in verity, reported as such).
    Internal(String),
    /// The caller's `AbortSignal` fired (rejects as `AbortError`).
    Aborted,
    /// A JS exception raised while reading the input (a throwing getter or
    /// `toJSON`): re-thrown unchanged.
    Js(napi::Error),
}

impl From<CoreError> for Failure {
    fn from(e: CoreError) -> Self {
        Failure::Core(e)
    }
}

impl Failure {
    fn parts(&self) -> (String, &str, &str, String) {
        match self {
            Failure::Aborted => (
                "ABORT_ERR".to_owned(),
                "aborted",
                "$",
                "The operation was aborted".to_owned(),
            ),
            Failure::Js(e) => (
                "VERITY_INTERNAL".to_owned(),
                "internal",
                "$",
                format!("internal at $: {}", e.reason),
            ),
            Failure::Core(e) => (code_of(e.kind()), e.kind().code(), e.path(), e.to_string()),
            Failure::Internal(msg) => (
                "VERITY_INTERNAL".to_owned(),
                "internal",
                "$",
                format!("internal at $: verity bug (please report): {msg}"),
            ),
        }
    }

    /// The same failure with a core error re-rooted under `prefix` (`$[3]`).
    pub fn under(self, prefix: &str) -> Self {
        match self {
            Failure::Core(e) => Failure::Core(e.under(prefix)),
            other => other,
        }
    }

    /// The JS error for this failure (an `Error` with `code`, `kind`, `path`).
    pub fn into_napi(self, env: &Env) -> napi::Error {
        if let Failure::Js(e) = self {
            return e;
        }
        let (code, kind, path, message) = self.parts();
        let name = matches!(self, Failure::Aborted).then_some("AbortError");
        build(env, &code, kind, path, &message, name).unwrap_or_else(|_| {
            napi::Error::new(Status::GenericFailure, format!("{code}: {message}"))
        })
    }
}

fn build(
    env: &Env,
    code: &str,
    kind: &str,
    path: &str,
    message: &str,
    name: Option<&str>,
) -> napi::Result<napi::Error> {
    let base: napi::Error<String> = napi::Error::new(code.to_owned(), message.to_owned());
    let js = JsError::from(base).into_unknown(*env);
    let mut obj = js.coerce_to_object()?;
    obj.set_named_property("kind", kind)?;
    obj.set_named_property("path", path)?;
    if let Some(name) = name {
        obj.set_named_property("name", name)?;
    }
    Ok(napi::Error::from(obj.to_unknown()))
}

/// Runs `f`, catching panics, and keeps the typed failure (usable off the
/// main thread, in `Task::compute`).
pub fn guard<T>(f: impl FnOnce() -> Result<T, Failure>) -> Result<T, Failure> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result,
        Err(payload) => {
            let msg = payload
                .downcast_ref::<&str>()
                .map(|s| (*s).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_else(|| "panic".to_owned());
            Err(Failure::Internal(msg))
        }
    }
}

/// Runs `f` on the main thread: panics caught, failures thrown as JS errors.
pub fn call<T>(env: &Env, f: impl FnOnce() -> Result<T, Failure>) -> napi::Result<T> {
    guard(f).map_err(|failure| failure.into_napi(env))
}

impl From<napi::Error> for Failure {
    fn from(e: napi::Error) -> Self {
        Failure::Js(e)
    }
}

/// A typed failure shorthand: `invalid_input` at `path`.
pub fn invalid(path: impl Into<String>, message: impl Into<String>) -> Failure {
    Failure::Core(CoreError::invalid_input(path, message))
}
