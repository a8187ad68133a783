//! The one place that turns core errors and Rust panics into Python
//! exceptions, and the helper every store call goes through.
//!
//! The exception classes are defined in Python (`helpdesk/_errors.py`): one
//! root `HelpdeskError` and one subclass per [`ErrorKind`], each carrying the
//! precise `code` and the structured `fields` of the core error.

use helpdesk::{Error, ErrorKind};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::PyDict;
use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};

/// The Python module that defines the exception classes.
const ERRORS_MODULE: &str = "helpdesk._errors";

/// The Python exception class of an error kind. Kinds added later map to
/// `InternalError` until this binding learns them.
fn class_name(kind: ErrorKind) -> &'static str {
    match kind {
        ErrorKind::NotFound => "NotFound",
        ErrorKind::Forbidden => "Forbidden",
        ErrorKind::InvalidInput => "InvalidInput",
        ErrorKind::InvalidState => "InvalidState",
        ErrorKind::Conflict => "Conflict",
        ErrorKind::Storage => "StorageError",
        ErrorKind::Internal => "InternalError",
        _ => "InternalError",
    }
}

/// Converts a core error into the matching `helpdesk.HelpdeskError` subclass.
pub fn to_py_err(py: Python<'_>, err: &Error) -> PyErr {
    let build = || -> PyResult<PyErr> {
        let class = py.import(ERRORS_MODULE)?.getattr(class_name(err.kind()))?;
        let fields = PyDict::new(py);
        for (name, value) in err.fields() {
            fields.set_item(name, value)?;
        }
        Ok(PyErr::from_value(class.call1((
            err.to_string(),
            err.code(),
            fields,
        ))?))
    };
    // Should building the exception itself fail (the package is broken),
    // raise that failure rather than hide the original error.
    build().unwrap_or_else(|failure| {
        let wrapped = PyRuntimeError::new_err(format!("{err} (and raising it failed)"));
        wrapped.set_cause(py, Some(failure));
        wrapped
    })
}

/// The message of a caught panic.
fn panic_message(payload: &(dyn Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_owned()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a non-text payload".to_owned()
    }
}

/// Runs one core call with the GIL released (so other Python threads run
/// meanwhile), catching a Rust panic and turning it into
/// `helpdesk.InternalError` (code `internal`), and a core error into its
/// exception.
pub fn run<T, F>(py: Python<'_>, work: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce() -> helpdesk::Result<T> + Send,
{
    match py.detach(|| catch_unwind(AssertUnwindSafe(work))) {
        Ok(Ok(value)) => Ok(value),
        Ok(Err(err)) => Err(to_py_err(py, &err)),
        Err(payload) => {
            let message = format!(
                "Rust panic in helpdesk: {}",
                panic_message(payload.as_ref())
            );
            Err(to_py_err(py, &Error::Internal { message }))
        }
    }
}
