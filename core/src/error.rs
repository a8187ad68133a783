//! The one error type of the library.
//!
//! Every variant has a stable, machine-readable [`Error::code`], a coarse
//! [`ErrorKind`] that bindings map to one exception class each, structured
//! [`Error::fields`], and a message a person can act on.

use serde::{Deserialize, Serialize};

/// The coarse family of an [`Error`]; each binding maps a kind to one
/// exception class (Python), `code` family (Node) or sealed subclass (Kotlin).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ErrorKind {
    /// The record does not exist, or the actor may not see it (VIS-9).
    NotFound,
    /// The actor may see the record but may not do this to it.
    Forbidden,
    /// The input is malformed or violates a rule; nothing was written.
    InvalidInput,
    /// The record is not in a state that allows the operation.
    InvalidState,
    /// The operation collides with something already stored (a duplicate).
    Conflict,
    /// The store failed, is corrupted, or was written by a newer version.
    Storage,
    /// A bug: a panic caught at a binding boundary, or a broken invariant.
    Internal,
}

/// Everything that can go wrong in a helpdesk operation.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The record does not exist or is not visible to the actor.
    #[error("{entity} {id} was not found (or you may not see it)")]
    NotFound {
        /// The kind of record, e.g. `ticket`.
        entity: &'static str,
        /// The identifier that was looked up.
        id: String,
    },
    /// The actor may not perform the action.
    #[error("forbidden: {action} ({reason})")]
    Forbidden {
        /// What was attempted, e.g. `change ticket #42`.
        action: String,
        /// Which rule refused it, e.g. `portal users read only (VIS-8)`.
        reason: String,
    },
    /// An input field is invalid.
    #[error("invalid {field}: {reason}")]
    InvalidInput {
        /// The offending input field, e.g. `subject`.
        field: &'static str,
        /// What is wrong with it and how to fix it.
        reason: String,
    },
    /// The record's state forbids the operation.
    #[error("{entity} {id} is {state}: {reason}")]
    InvalidState {
        /// The kind of record.
        entity: &'static str,
        /// Its identifier or reference.
        id: String,
        /// Its current state.
        state: String,
        /// What to do about it.
        reason: String,
    },
    /// A uniqueness rule would be broken.
    #[error("{entity} already exists: {reason}")]
    Conflict {
        /// The kind of record.
        entity: &'static str,
        /// Which value collides.
        reason: String,
    },
    /// The store failed.
    #[error("storage error: {message}")]
    Storage {
        /// The underlying failure.
        message: String,
    },
    /// The store was written by a newer version of this library.
    #[error("the store has schema version {found}, newer than {supported} which this version understands: upgrade helpdesk")]
    SchemaTooNew {
        /// The version found in the store.
        found: i64,
        /// The newest version this build knows.
        supported: i64,
    },
    /// The file is not a helpdesk store (not SQLite, or damaged).
    #[error("{path} is not a usable helpdesk store: {message}")]
    CorruptStore {
        /// The file that was opened.
        path: String,
        /// What the database engine said.
        message: String,
    },
    /// A bug (a panic caught at a boundary, or a broken invariant).
    #[error("internal error: {message}")]
    Internal {
        /// A description of the failure.
        message: String,
    },
    /// A coupon cannot be redeemed (CPN-4).
    #[error("coupon {typed}: {refusal}")]
    CouponRefused {
        /// The code as it was typed.
        typed: String,
        /// Why it was refused.
        refusal: CouponRefusal,
    },
}

/// Why a coupon was refused (CPN-4); each has its own error code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error)]
#[non_exhaustive]
pub enum CouponRefusal {
    /// No coupon of the company has this code (`coupon_unknown`).
    #[error("no coupon has this code")]
    Unknown,
    /// A character was mistyped or two were swapped: the check character
    /// does not match (`coupon_mistyped`).
    #[error("the code is mistyped: check each character")]
    Mistyped,
    /// Its validity or its program's has ended, or not begun (`coupon_expired`).
    #[error("the coupon is not valid today")]
    Expired,
    /// It has no points left for a reward, or its program's usage limit is
    /// reached (`coupon_used`).
    #[error("the coupon has already been used")]
    Used,
    /// It is reserved for one customer, and the redeeming customer was not
    /// given or is another (`coupon_reserved`).
    #[error("the coupon is reserved for one customer: give the redeeming customer, who must be that customer")]
    Reserved,
}

impl CouponRefusal {
    /// The stable error code.
    pub fn code(self) -> &'static str {
        match self {
            CouponRefusal::Unknown => "coupon_unknown",
            CouponRefusal::Mistyped => "coupon_mistyped",
            CouponRefusal::Expired => "coupon_expired",
            CouponRefusal::Used => "coupon_used",
            CouponRefusal::Reserved => "coupon_reserved",
        }
    }
}

impl Error {
    /// The stable machine-readable code of this error, e.g. `not_found`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::NotFound { .. } => "not_found",
            Error::Forbidden { .. } => "forbidden",
            Error::InvalidInput { .. } => "invalid_input",
            Error::InvalidState { .. } => "invalid_state",
            Error::Conflict { .. } => "conflict",
            Error::Storage { .. } => "storage",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::CorruptStore { .. } => "corrupt_store",
            Error::Internal { .. } => "internal",
            Error::CouponRefused { refusal, .. } => refusal.code(),
        }
    }

    /// The family this error belongs to.
    pub fn kind(&self) -> ErrorKind {
        match self {
            Error::NotFound { .. } => ErrorKind::NotFound,
            Error::Forbidden { .. } => ErrorKind::Forbidden,
            Error::InvalidInput { .. } => ErrorKind::InvalidInput,
            Error::InvalidState { .. } => ErrorKind::InvalidState,
            Error::Conflict { .. } => ErrorKind::Conflict,
            Error::Storage { .. } | Error::SchemaTooNew { .. } | Error::CorruptStore { .. } => {
                ErrorKind::Storage
            }
            Error::Internal { .. } => ErrorKind::Internal,
            Error::CouponRefused { refusal, .. } => match refusal {
                CouponRefusal::Unknown | CouponRefusal::Mistyped => ErrorKind::InvalidInput,
                _ => ErrorKind::InvalidState,
            },
        }
    }

    /// The structured fields of this error, as `(name, value)` pairs.
    pub fn fields(&self) -> Vec<(&'static str, String)> {
        match self {
            Error::NotFound { entity, id } => {
                vec![("entity", entity.to_string()), ("id", id.clone())]
            }
            Error::Forbidden { action, reason } => {
                vec![("action", action.clone()), ("reason", reason.clone())]
            }
            Error::InvalidInput { field, reason } => {
                vec![("field", field.to_string()), ("reason", reason.clone())]
            }
            Error::InvalidState {
                entity,
                id,
                state,
                reason,
            } => vec![
                ("entity", entity.to_string()),
                ("id", id.clone()),
                ("state", state.clone()),
                ("reason", reason.clone()),
            ],
            Error::Conflict { entity, reason } => {
                vec![("entity", entity.to_string()), ("reason", reason.clone())]
            }
            Error::Storage { message } | Error::Internal { message } => {
                vec![("message", message.clone())]
            }
            Error::SchemaTooNew { found, supported } => {
                vec![
                    ("found", found.to_string()),
                    ("supported", supported.to_string()),
                ]
            }
            Error::CorruptStore { path, message } => {
                vec![("path", path.clone()), ("message", message.clone())]
            }
            Error::CouponRefused { typed, refusal } => {
                vec![("typed", typed.clone()), ("reason", refusal.to_string())]
            }
        }
    }

    /// Shorthand for [`Error::NotFound`].
    pub fn not_found(entity: &'static str, id: impl ToString) -> Self {
        Error::NotFound {
            entity,
            id: id.to_string(),
        }
    }

    /// Shorthand for [`Error::InvalidInput`].
    pub fn invalid(field: &'static str, reason: impl Into<String>) -> Self {
        Error::InvalidInput {
            field,
            reason: reason.into(),
        }
    }

    /// What every operation of a closed desk or store fails with
    /// (`invalid_state`).
    pub fn closed() -> Self {
        Error::InvalidState {
            entity: "desk",
            id: String::new(),
            state: "closed".into(),
            reason: "it was closed; open it again to go on".into(),
        }
    }

    /// Shorthand for [`Error::Forbidden`].
    pub fn forbidden(action: impl Into<String>, reason: impl Into<String>) -> Self {
        Error::Forbidden {
            action: action.into(),
            reason: reason.into(),
        }
    }

    /// Shorthand for [`Error::Storage`].
    pub fn storage(message: impl ToString) -> Self {
        Error::Storage {
            message: message.to_string(),
        }
    }
}

/// The result type of every fallible helpdesk operation.
pub type Result<T, E = Error> = std::result::Result<T, E>;
