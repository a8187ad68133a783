//! The error every function of the binding raises: [`HelpdeskError`] (Kotlin
//! `HelpdeskException`, a sealed class with one subclass per kind; Swift `HelpdeskError`).
//!
//! It is declared in the core (`helpdesk::uniffi_support::HelpdeskError`, with its mapping
//! from `helpdesk::Error`), not here: a scalar or id refused while uniffi lifts it (a
//! malformed decimal, an id of 0, a duration with a fraction of a second) fails in the core's
//! custom types, and uniffi's `handle_failed_lift` for a function returning
//! `Result<_, HelpdeskError>` downcasts that failure to this very type and raises it as the
//! typed `InvalidInput`. For a function without a `Result`, uniffi raises an
//! `InternalException` ("Failed to convert arg …") instead: that is why every exported
//! function taking such a value returns a `Result`, even when the core call cannot fail.
//!
//! Every error has the same three parts as in Python and Node: `code`, `message` (the human
//! text) and `fields`. Swift names them so (`case InvalidInput(code:message:fields:)`).
//! Kotlin cannot: uniffi makes each variant a subclass of `kotlin.Exception` and generates
//! `override val message get() = "code=…, detail=…, fields=…"` itself, so a constructor
//! property named `message` does not compile (`'message' hides member of supertype 'Throwable'
//! and needs an 'override' modifier`, and `Conflicting declarations` with that generated
//! override). `uniffi-core.toml` therefore renames the field to `detail` in Kotlin only
//! (`[bindings.kotlin.rename]` of the core's namespace), and the base class has `message()`,
//! a method returning the same text as `detail` (Kotlin's `e.message` property stays uniffi's
//! summary of all three).

pub use helpdesk::uniffi_support::HelpdeskError;
