//! The ONE async machinery: every `…Async` entry point converts its inputs
//! on the main thread, then runs a core call on the libuv thread pool via
//! [`JsonTask`] and resolves with a plain JS value (or rejects with the same
//! errors as the sync variant).
//!
//! Cancellation (`AbortSignal`): an already-aborted signal rejects at once;
//! aborting later cancels work not yet started, and batch jobs check the
//! flag between items. The rejection is an `Error` named `AbortError` with
//! `code: "ABORT_ERR"`, as Node's own APIs do.

use crate::error::{guard, Failure};
use crate::output::Json;
use napi::bindgen_prelude::{
    AbortSignal, AsyncTask, FromNapiValue, JsObjectValue, Object, Unknown,
};
use napi::{Env, Task, ValueType};
use napi_derive::napi;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

/// Set when the caller's `AbortSignal` fires; checked by batch jobs.
#[derive(Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// `Err(Aborted)` once the signal has fired.
    pub fn check(&self) -> Result<(), Failure> {
        if self.0.load(Ordering::Relaxed) {
            Err(Failure::Aborted)
        } else {
            Ok(())
        }
    }
}

type Work = Box<dyn FnOnce(&Cancel) -> Result<Json, Failure> + Send>;

/// A core call run off the main thread, resolving to a JSON result.
pub struct JsonTask {
    work: Option<Work>,
    cancel: Cancel,
}

#[napi]
impl Task for JsonTask {
    type Output = Result<Json, Failure>;
    type JsValue = Json;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let cancel = self.cancel.clone();
        Ok(match self.work.take() {
            Some(work) => guard(|| {
                cancel.check()?;
                work(&cancel)
            }),
            None => Err(Failure::Internal("task ran twice".to_owned())),
        })
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<Json> {
        output.map_err(|f| f.into_napi(&env))
    }
}

/// Schedules `work` on the thread pool, wired to the optional `signal`.
pub fn spawn(
    signal: Option<Unknown>,
    work: impl FnOnce(&Cancel) -> Result<Json, Failure> + Send + 'static,
) -> Result<AsyncTask<JsonTask>, Failure> {
    let cancel = Cancel::default();
    let mut abort_signal = None;
    if let Some(signal) = signal {
        if signal.get_type()? == ValueType::Object {
            let obj = Object::from_unknown(signal)?;
            if obj.get_named_property::<bool>("aborted").unwrap_or(false) {
                cancel.0.store(true, Ordering::Relaxed);
            }
            let napi_signal = AbortSignal::from_unknown(signal)?;
            let flag = cancel.clone();
            napi_signal.on_abort(move || flag.0.store(true, Ordering::Relaxed));
            abort_signal = Some(napi_signal);
        } else if !matches!(signal.get_type()?, ValueType::Undefined | ValueType::Null) {
            return Err(crate::error::invalid("$.signal", "expected an AbortSignal"));
        }
    }
    let task = JsonTask {
        work: Some(Box::new(work)),
        cancel,
    };
    Ok(AsyncTask::with_optional_signal(task, abort_signal))
}
