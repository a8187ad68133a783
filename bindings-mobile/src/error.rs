//! The one module that maps `helpdesk::Error` to the foreign error type.
//!
//! Every error has the same three parts as in Python and Node: `code`, `message` (the human
//! text) and `fields`. Swift names them so (`case InvalidInput(code:message:fields:)`).
//! Kotlin cannot: uniffi makes each variant a subclass of `kotlin.Exception` and generates
//! `override val message get() = "code=…, detail=…, fields=…"` itself, so a constructor
//! property named `message` does not compile (`'message' hides member of supertype 'Throwable'
//! and needs an 'override' modifier`, and `Conflicting declarations` with that generated
//! override). `uniffi.toml` therefore renames the field to `detail` in Kotlin only
//! (`[bindings.kotlin.rename]`), and the base class has `message()`, a method returning the
//! same text as `detail` (Kotlin's `e.message` property stays uniffi's summary of all three).
//!
//! A value refused while it is lifted (a malformed decimal, an id of 0, a duration with a
//! fraction of a second) is also this error: the custom types of [`crate::types`] and
//! [`crate::records`] fail with a `HelpdeskError`, and uniffi's `handle_failed_lift` for a
//! function returning `Result<_, HelpdeskError>` downcasts the lift failure to it and raises
//! it as the typed `InvalidInput`. For a function without a `Result`, uniffi raises an
//! `InternalException` ("Failed to convert arg …") instead: that is why every exported
//! function taking such a value returns a `Result`, even when the core call cannot fail.

use std::collections::HashMap;
use std::fmt;

/// Every error a helpdesk operation can raise, one variant per kind of
/// `helpdesk::Error`. Kotlin: `HelpdeskException` (a sealed class, one subclass per kind);
/// Swift: `HelpdeskError`. Every variant carries the core's precise, stable `code`
/// (e.g. `not_found`, `schema_too_new`), its message and its structured fields.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Error)]
pub enum HelpdeskError {
    /// The record does not exist, or the actor may not see it.
    NotFound {
        /// The stable machine-readable code, e.g. `not_found`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error, e.g. `entity` and `id`.
        fields: HashMap<String, String>,
    },
    /// The actor may see the record but may not do this to it.
    Forbidden {
        /// The stable machine-readable code, e.g. `forbidden`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// The input is malformed or violates a rule; nothing was written.
    InvalidInput {
        /// The stable machine-readable code, e.g. `invalid_input`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error, e.g. `field` and `reason`.
        fields: HashMap<String, String>,
    },
    /// The record is not in a state that allows the operation.
    InvalidState {
        /// The stable machine-readable code, e.g. `invalid_state`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// The operation collides with something already stored.
    Conflict {
        /// The stable machine-readable code, e.g. `conflict`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// The store failed, is damaged, or was written by a newer version.
    Storage {
        /// The stable machine-readable code: `storage`, `schema_too_new` or `corrupt_store`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// A bug: a broken invariant in the library.
    Internal {
        /// The stable machine-readable code, e.g. `internal`.
        code: String,
        /// The message a person can act on (`detail` in Kotlin, where `message` is `Throwable`'s).
        message: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
}

/// Shared by every variant, so that a host can read them on the base class
/// (Kotlin `e.code()`, `e.message()` on any `HelpdeskException`).
#[uniffi::export]
impl HelpdeskError {
    /// The stable machine-readable code of the error, e.g. `not_found`.
    pub fn code(&self) -> String {
        self.parts().0.to_string()
    }

    /// The message a person can act on (Kotlin: the same text as a variant's `detail`).
    pub fn message(&self) -> String {
        self.parts().1.to_string()
    }

    /// The structured fields of the error.
    pub fn fields(&self) -> HashMap<String, String> {
        self.parts().2.clone()
    }
}

impl HelpdeskError {
    fn parts(&self) -> (&str, &str, &HashMap<String, String>) {
        match self {
            HelpdeskError::NotFound {
                code,
                message,
                fields,
            }
            | HelpdeskError::Forbidden {
                code,
                message,
                fields,
            }
            | HelpdeskError::InvalidInput {
                code,
                message,
                fields,
            }
            | HelpdeskError::InvalidState {
                code,
                message,
                fields,
            }
            | HelpdeskError::Conflict {
                code,
                message,
                fields,
            }
            | HelpdeskError::Storage {
                code,
                message,
                fields,
            }
            | HelpdeskError::Internal {
                code,
                message,
                fields,
            } => (code, message, fields),
        }
    }
}

impl fmt::Display for HelpdeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.message(), self.code())
    }
}

impl std::error::Error for HelpdeskError {}

impl From<helpdesk::Error> for HelpdeskError {
    fn from(error: helpdesk::Error) -> Self {
        use helpdesk::ErrorKind;
        let code = error.code().to_string();
        let message = error.to_string();
        let fields: HashMap<String, String> = error
            .fields()
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect();
        match error.kind() {
            ErrorKind::NotFound => HelpdeskError::NotFound {
                code,
                message,
                fields,
            },
            ErrorKind::Forbidden => HelpdeskError::Forbidden {
                code,
                message,
                fields,
            },
            ErrorKind::InvalidInput => HelpdeskError::InvalidInput {
                code,
                message,
                fields,
            },
            ErrorKind::InvalidState => HelpdeskError::InvalidState {
                code,
                message,
                fields,
            },
            ErrorKind::Conflict => HelpdeskError::Conflict {
                code,
                message,
                fields,
            },
            ErrorKind::Storage => HelpdeskError::Storage {
                code,
                message,
                fields,
            },
            // `ErrorKind` is non-exhaustive: a kind added later is reported as internal
            // (keeping its precise code) until this binding learns it.
            ErrorKind::Internal | _ => HelpdeskError::Internal {
                code,
                message,
                fields,
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_by_kind_and_keeps_the_precise_code() {
        let error: HelpdeskError = helpdesk::Error::SchemaTooNew {
            found: 9,
            supported: 1,
        }
        .into();
        assert!(matches!(error, HelpdeskError::Storage { .. }));
        assert_eq!(error.code(), "schema_too_new");
        let HelpdeskError::Storage { fields, .. } = error else {
            unreachable!()
        };
        assert_eq!(fields.get("found").map(String::as_str), Some("9"));
    }

    #[test]
    fn coupon_refusals_keep_their_own_codes() {
        use helpdesk::CouponRefusal;
        let refused = |refusal| -> HelpdeskError {
            helpdesk::Error::CouponRefused {
                typed: "ABCD-EFGH".into(),
                refusal,
            }
            .into()
        };
        let used = refused(CouponRefusal::Used);
        assert!(matches!(used, HelpdeskError::InvalidState { .. }));
        assert_eq!(used.code(), "coupon_used");
        assert_eq!(
            used.fields().get("code").map(String::as_str),
            Some("ABCD-EFGH")
        );
        assert!(used.fields().contains_key("reason"));
        let mistyped = refused(CouponRefusal::Mistyped);
        assert!(matches!(mistyped, HelpdeskError::InvalidInput { .. }));
        assert_eq!(mistyped.code(), "coupon_mistyped");
        for (refusal, code) in [
            (CouponRefusal::Unknown, "coupon_unknown"),
            (CouponRefusal::Expired, "coupon_expired"),
            (CouponRefusal::Reserved, "coupon_reserved"),
        ] {
            assert_eq!(refused(refusal).code(), code);
        }
    }

    #[test]
    fn invalid_input_keeps_the_core_message_and_names_the_field() {
        let error: HelpdeskError = helpdesk::Error::invalid("amount", "not a decimal").into();
        assert!(matches!(error, HelpdeskError::InvalidInput { .. }));
        assert_eq!(error.code(), "invalid_input");
        assert_eq!(
            error.message(),
            helpdesk::Error::invalid("amount", "not a decimal").to_string()
        );
        assert_eq!(
            error.fields().get("field").map(String::as_str),
            Some("amount")
        );
    }
}
