//! Running store work off the JavaScript thread.
//!
//! Every store operation is a [`DeskTask`]: the closure (one core call plus
//! the conversion of its result) runs on a libuv worker thread, and the
//! Promise settles on the JavaScript thread with the value or with the error
//! built by [`crate::error::to_js`]. A panic in the closure is caught and
//! becomes an `internal` error (`extern "C"` worker callbacks would abort the
//! process otherwise).

use napi::bindgen_prelude::{AsyncTask, ToNapiValue, TypeName};
use napi::{Env, Task};
use std::panic::{catch_unwind, AssertUnwindSafe};

type Work<T> = Box<dyn FnOnce() -> helpdesk::Result<T> + Send>;

/// One store operation, run on a worker thread.
pub struct DeskTask<T> {
    work: Option<Work<T>>,
}

/// Wraps `work` in a task whose Promise resolves to its result.
pub fn run<T, F>(work: F) -> AsyncTask<DeskTask<T>>
where
    T: ToNapiValue + TypeName + Send + 'static,
    F: FnOnce() -> helpdesk::Result<T> + Send + 'static,
{
    AsyncTask::new(DeskTask {
        work: Some(Box::new(work)),
    })
}

impl<T> Task for DeskTask<T>
where
    T: ToNapiValue + TypeName + Send + 'static,
{
    type Output = helpdesk::Result<T>;
    type JsValue = T;

    fn compute(&mut self) -> napi::Result<Self::Output> {
        let Some(work) = self.work.take() else {
            return Ok(Err(helpdesk::Error::Internal {
                message: "a task was run twice".into(),
            }));
        };
        Ok(catch_unwind(AssertUnwindSafe(work))
            .unwrap_or_else(|payload| Err(crate::error::from_panic(payload))))
    }

    fn resolve(&mut self, env: Env, output: Self::Output) -> napi::Result<T> {
        output.map_err(|error| crate::error::to_js(&env, &error))
    }
}
