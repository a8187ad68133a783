//! The scalars of the binding's own functions (decimals, dates, instants, durations) and the
//! line index: their uniffi custom types are declared once, in the core
//! (`helpdesk::uniffi_support`, where each is lifted by one call of `helpdesk::scalars`, the
//! reading every binding shares); they are foreign types there (`rust_decimal`, `chrono`,
//! `usize`), so this crate uses the core's conversions with `uniffi::use_remote_type!`.
//!
//! The rules (see the core's module for the details): a **Decimal** is exact (Kotlin
//! `java.math.BigDecimal`, Swift `Foundation.Decimal`); a **Date** is `YYYY-MM-DD`, years 1
//! to 9999 (Kotlin `java.time.LocalDate`, Swift `String`); an **Instant** is any instant of
//! the years 1 to 9999, to the nanosecond (Kotlin `java.time.Instant`, Swift `Date`); a
//! **Duration** is whole seconds, signed (Kotlin `java.time.Duration`, Swift `Int64`), a
//! fraction of a second is refused; an **Id** is a whole number from 1 to 2^53 − 1. Anything
//! else is refused as `HelpdeskError.InvalidInput` (code `invalid_input`) naming the kind of
//! value (`decimal`, `date`, `instant`, `duration`) or the id's entity (`ticket`, `user`, …).

pub use helpdesk::uniffi_support::{LineIndex, LocalDate, SignedDuration, UtcDateTime};
use helpdesk::Decimal;

uniffi::use_remote_type!(helpdesk::Decimal);
uniffi::use_remote_type!(helpdesk::LocalDate);
uniffi::use_remote_type!(helpdesk::UtcDateTime);
uniffi::use_remote_type!(helpdesk::SignedDuration);
uniffi::use_remote_type!(helpdesk::LineIndex);
