//! Node.js binding of helpdesk.
#![allow(unsafe_code)]
use napi_derive::napi;

/// The version of the helpdesk library.
#[napi]
pub fn version() -> String {
    helpdesk::version().to_string()
}
