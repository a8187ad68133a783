//! The one place where core errors become JavaScript errors.
//!
//! A [`helpdesk::Error`] becomes a JavaScript `Error` whose `message` is the
//! core's message, with three more properties:
//!
//! - `code`: the stable machine-readable code (`not_found`, `invalid_input`, …);
//! - `kind`: the coarse family (`not_found`, `forbidden`, `invalid_input`,
//!   `invalid_state`, `conflict`, `storage`, `internal`);
//! - `fields`: the structured fields, as an object of strings.
//!
//! A Rust panic becomes an `internal` error (see [`from_panic`]); it never
//! takes the process down.

use napi::bindgen_prelude::{JsObjectValue, Object};
use napi::{Env, JsValue};
use std::any::Any;

/// The JavaScript error for `error`, ready to be thrown or to reject a
/// Promise with (must be called on the JavaScript thread).
pub fn to_js(env: &Env, error: &helpdesk::Error) -> napi::Error {
    match build(env, error) {
        Ok(object) => napi::Error::from(object.to_unknown()),
        // Building the object failed (the engine is out of memory or shutting
        // down): fall back to a plain error that still carries the code.
        Err(_) => napi::Error::new(napi::Status::GenericFailure, error.to_string()),
    }
}

fn build<'env>(env: &'env Env, error: &helpdesk::Error) -> napi::Result<Object<'env>> {
    let mut object = env.create_error(napi::Error::new(
        napi::Status::GenericFailure,
        error.to_string(),
    ))?;
    object.set_named_property("code", error.code())?;
    object.set_named_property("kind", kind_name(error.kind()))?;
    let mut fields = Object::new(env)?;
    for (name, value) in error.fields() {
        fields.set_named_property(name, value)?;
    }
    object.set_named_property("fields", fields)?;
    Ok(object)
}

/// The snake_case name of a kind, as core serialises it (`not_found`, …).
fn kind_name(kind: helpdesk::ErrorKind) -> String {
    match serde_json::to_value(kind) {
        Ok(serde_json::Value::String(name)) => name,
        _ => "internal".to_string(),
    }
}

/// The `internal` error a caught panic becomes.
pub fn from_panic(payload: Box<dyn Any + Send>) -> helpdesk::Error {
    let message = if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic with a non-text payload".to_string()
    };
    helpdesk::Error::Internal {
        message: format!("panic in the helpdesk library: {message}"),
    }
}
