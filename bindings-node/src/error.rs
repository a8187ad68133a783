//! The one place where core errors become JavaScript errors.
//!
//! A [`helpdesk::Error`] becomes a JavaScript error whose `message` is the
//! core's message, with three more properties:
//!
//! - `code`: the stable machine-readable code (`not_found`, `invalid_input`, …);
//! - `kind`: the coarse family (`not_found`, `forbidden`, `invalid_input`,
//!   `invalid_state`, `conflict`, `storage`, `internal`);
//! - `fields`: the structured fields, as an object of strings.
//!
//! The error is an instance of the package's `HelpdeskError` class: that
//! class is JavaScript (`helpdesk.js`, the package entry), which hands this
//! addon a factory `(message, code, kind, fields) => new HelpdeskError(…)`
//! when it loads ([`register_error_factory`]); every error is made by
//! calling it. Without a factory (the raw addon or `index.js` loaded on
//! their own), or if it fails, the error is a plain `Error` with the same
//! three properties.
//!
//! A Rust panic becomes an `internal` error (see [`from_panic`]); it never
//! takes the process down.

use napi::bindgen_prelude::{FnArgs, FunctionRef, JsObjectValue, Object, Unknown};
use napi::{Env, JsValue};
use napi_derive::napi;
use std::any::Any;
use std::collections::BTreeMap;

/// The arguments of the error factory: message, code, kind, fields.
type FactoryArgs = FnArgs<(String, String, String, BTreeMap<String, String>)>;

/// The registered error factory of one JavaScript environment (kept in
/// the environment's instance data, released with it).
struct ErrorFactory(FunctionRef<FactoryArgs, Unknown<'static>>);

/// Registers `factory`, called as `factory(message, code, kind, fields)`,
/// to make every error this addon raises (the package entry passes one
/// that builds a `HelpdeskError`). Not part of the typed API.
#[napi(js_name = "__registerErrorFactory", skip_typescript, catch_unwind)]
pub fn register_error_factory(
    env: Env,
    factory: FunctionRef<FactoryArgs, Unknown<'static>>,
) -> napi::Result<()> {
    if let Some(registered) = env.get_instance_data::<ErrorFactory>()? {
        registered.0 = factory;
        return Ok(());
    }
    env.set_instance_data(ErrorFactory(factory), (), |_| {})
}

/// The JavaScript error for `error`, ready to be thrown or to reject a
/// Promise with (must be called on the JavaScript thread).
pub fn to_js(env: &Env, error: &helpdesk::Error) -> napi::Error {
    if let Some(made) = from_factory(env, error) {
        return made;
    }
    match build(env, error) {
        Ok(object) => napi::Error::from(object.to_unknown()),
        // Building the object failed (the engine is out of memory or shutting
        // down): fall back to a plain error that still carries the code.
        Err(_) => napi::Error::new(napi::Status::GenericFailure, error.to_string()),
    }
}

/// The error made by the registered factory, if there is one and it
/// returns an object.
fn from_factory(env: &Env, error: &helpdesk::Error) -> Option<napi::Error> {
    let registered = env.get_instance_data::<ErrorFactory>().ok().flatten()?;
    let factory = registered.0.borrow_back(env).ok()?;
    let fields = error
        .fields()
        .into_iter()
        .map(|(name, value)| (name.to_string(), value))
        .collect();
    let args = (
        error.to_string(),
        error.code().to_string(),
        kind_name(error.kind()),
        fields,
    );
    let made = factory.call(args.into()).ok()?;
    matches!(made.get_type(), Ok(napi::ValueType::Object)).then(|| napi::Error::from(made))
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
