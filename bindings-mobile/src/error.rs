//! The one module that maps `helpdesk::Error` to the foreign error type.

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
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error, e.g. `entity` and `id`.
        fields: HashMap<String, String>,
    },
    /// The actor may see the record but may not do this to it.
    Forbidden {
        /// The stable machine-readable code, e.g. `forbidden`.
        code: String,
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// The input is malformed or violates a rule; nothing was written.
    InvalidInput {
        /// The stable machine-readable code, e.g. `invalid_input`.
        code: String,
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error, e.g. `field` and `reason`.
        fields: HashMap<String, String>,
    },
    /// The record is not in a state that allows the operation.
    InvalidState {
        /// The stable machine-readable code, e.g. `invalid_state`.
        code: String,
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// The operation collides with something already stored.
    Conflict {
        /// The stable machine-readable code, e.g. `conflict`.
        code: String,
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// The store failed, is damaged, or was written by a newer version.
    Storage {
        /// The stable machine-readable code: `storage`, `schema_too_new` or `corrupt_store`.
        code: String,
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
    /// A bug: a broken invariant in the library.
    Internal {
        /// The stable machine-readable code, e.g. `internal`.
        code: String,
        /// The message a person can act on.
        detail: String,
        /// The structured fields of the error.
        fields: HashMap<String, String>,
    },
}

/// Shared by every variant, so that a host can read them on the base class
/// (Kotlin `e.code()` on any `HelpdeskException`).
#[uniffi::export]
impl HelpdeskError {
    /// The stable machine-readable code of the error, e.g. `not_found`.
    pub fn code(&self) -> String {
        self.parts().0.to_string()
    }

    /// The message a person can act on.
    pub fn detail(&self) -> String {
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
                detail,
                fields,
            }
            | HelpdeskError::Forbidden {
                code,
                detail,
                fields,
            }
            | HelpdeskError::InvalidInput {
                code,
                detail,
                fields,
            }
            | HelpdeskError::InvalidState {
                code,
                detail,
                fields,
            }
            | HelpdeskError::Conflict {
                code,
                detail,
                fields,
            }
            | HelpdeskError::Storage {
                code,
                detail,
                fields,
            }
            | HelpdeskError::Internal {
                code,
                detail,
                fields,
            } => (code, detail, fields),
        }
    }

    /// An `invalid_input` error about the binding-level `field` (e.g. a malformed decimal).
    pub(crate) fn invalid_input(field: &str, reason: impl Into<String>) -> Self {
        let reason = reason.into();
        HelpdeskError::InvalidInput {
            code: "invalid_input".into(),
            detail: format!("invalid {field}: {reason}"),
            fields: HashMap::from([("field".into(), field.into()), ("reason".into(), reason)]),
        }
    }
}

impl fmt::Display for HelpdeskError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} ({})", self.detail(), self.code())
    }
}

impl std::error::Error for HelpdeskError {}

impl From<helpdesk::Error> for HelpdeskError {
    fn from(error: helpdesk::Error) -> Self {
        use helpdesk::ErrorKind;
        let code = error.code().to_string();
        let detail = error.to_string();
        let fields: HashMap<String, String> = error
            .fields()
            .into_iter()
            .map(|(name, value)| (name.to_string(), value))
            .collect();
        match error.kind() {
            ErrorKind::NotFound => HelpdeskError::NotFound {
                code,
                detail,
                fields,
            },
            ErrorKind::Forbidden => HelpdeskError::Forbidden {
                code,
                detail,
                fields,
            },
            ErrorKind::InvalidInput => HelpdeskError::InvalidInput {
                code,
                detail,
                fields,
            },
            ErrorKind::InvalidState => HelpdeskError::InvalidState {
                code,
                detail,
                fields,
            },
            ErrorKind::Conflict => HelpdeskError::Conflict {
                code,
                detail,
                fields,
            },
            ErrorKind::Storage => HelpdeskError::Storage {
                code,
                detail,
                fields,
            },
            // `ErrorKind` is non-exhaustive: a kind added later is reported as internal
            // (keeping its precise code) until this binding learns it.
            ErrorKind::Internal | _ => HelpdeskError::Internal {
                code,
                detail,
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
    fn invalid_input_names_the_field() {
        let error = HelpdeskError::invalid_input("amount", "not a decimal");
        assert_eq!(error.code(), "invalid_input");
        assert_eq!(error.detail(), "invalid amount: not a decimal");
    }
}
