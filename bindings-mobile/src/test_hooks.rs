//! Test-only exports (`testOnly*` in Kotlin), compiled only with the cargo feature `test-hooks`
//! (`make test` builds the library the JUnit suite loads with it; a default build, the one the
//! checked-in Swift is generated from, has none of them). Not part of the API.
//!
//! Each `test_only_read_*` takes one scalar exactly as an operation does, so the whole of its
//! lift runs (the host's conversion in the generated code, then the core's reading in
//! `helpdesk::uniffi_support`), and returns what the core read, written back by the
//! core (`scalars::format_*`; whole seconds and ids as numbers): the golden scalar cases
//! (`tests/golden/scalars/cases.json`) compare that with their `value`.

use crate::types::{LocalDate, SignedDuration, UtcDateTime};
use crate::HelpdeskError;
use helpdesk::{scalars, Decimal, TicketId};

/// Panics with `message`. Proves that uniffi catches a Rust panic at the boundary and raises
/// it in Kotlin as `InternalException` (Swift: a thrown `UniffiInternalError`, as for every
/// throwing operation) instead of crashing the process.
#[uniffi::export]
#[allow(clippy::panic)]
pub fn test_only_panic(message: String) -> Result<String, HelpdeskError> {
    panic!("{message}")
}

/// Returns `value` unchanged (same digits, same scale): `BigDecimal` ⇄ `Decimal` is exact.
/// A value the core cannot hold is refused as `invalid_input`, as by every operation.
#[uniffi::export]
pub fn test_only_decimal_round_trip(value: Decimal) -> Result<Decimal, HelpdeskError> {
    Ok(value)
}

/// Returns `value` unchanged (nanosecond-exact): `Instant` ⇄ `DateTime<Utc>` is exact.
#[uniffi::export]
pub fn test_only_instant_round_trip(value: UtcDateTime) -> Result<UtcDateTime, HelpdeskError> {
    Ok(value)
}

/// The decimal the core read, as the core writes it (`"1000"` for `1E+3`).
#[uniffi::export]
pub fn test_only_read_decimal(value: Decimal) -> Result<String, HelpdeskError> {
    Ok(scalars::format_decimal(value))
}

/// The date the core read, as `YYYY-MM-DD`.
#[uniffi::export]
pub fn test_only_read_date(value: LocalDate) -> Result<String, HelpdeskError> {
    Ok(scalars::format_date(value))
}

/// The instant the core read, as RFC 3339 in UTC with `Z`.
#[uniffi::export]
pub fn test_only_read_instant(value: UtcDateTime) -> Result<String, HelpdeskError> {
    Ok(scalars::format_instant(value))
}

/// The duration the core read, in whole seconds (a fraction was already refused).
#[uniffi::export]
pub fn test_only_read_duration(value: SignedDuration) -> Result<i64, HelpdeskError> {
    Ok(value.num_seconds())
}

/// The id the core read (any id type lifts alike; a ticket's stands for them all).
#[uniffi::export]
pub fn test_only_read_id(value: TicketId) -> Result<i64, HelpdeskError> {
    Ok(value.0)
}
