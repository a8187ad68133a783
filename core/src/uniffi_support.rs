//! The uniffi support of the core (cargo feature `uniffi`, off by default): what the
//! Kotlin/Swift binding (`bindings-mobile`) needs beyond the derives on the records and enums.
//!
//! The records, enums and inputs the binding exposes derive `uniffi::Record` / `uniffi::Enum`
//! where they are declared (`#[cfg_attr(feature = "uniffi", derive(uniffi::Record))]`), so
//! the core is the one declaration of every type Kotlin and Swift see; this module declares,
//! once, the types those derives need and the binding's error:
//!
//! - [`HelpdeskError`]: every error a call can raise (Kotlin `HelpdeskException`, Swift
//!   `HelpdeskError`), one variant per [`crate::ErrorKind`], with the core's precise `code`,
//!   its message and its fields. It is declared here, not in the binding, because a scalar or
//!   id refused while uniffi lifts it (below) must fail with the very error type the
//!   binding's functions return: uniffi's `handle_failed_lift` downcasts the lift failure to
//!   it and raises it as the typed `InvalidInput` (else it would be an `InternalException`).
//! - The ids ([`crate::TicketId`], …): custom types over `i64` (Kotlin `Long`, Swift `Int64`),
//!   a whole number from 1 to 2^53 − 1 checked by [`scalars::check_id`] as they are lifted; a
//!   refused id names its entity (`ticket`, `user`, …), as the lift does not know the argument
//!   or record field it fills. Two ids are plain `i64` because the core declares them so:
//!   `TeamSettings.field_service_project` and `DocumentRef.id`.
//! - The scalars, each lifted by one call of [`crate::scalars`] (the one reading every binding
//!   shares) and never parsed here:
//!   - **Decimal** ([`Decimal`]: money, quantities, rates) over its exact decimal text
//!     (Kotlin `java.math.BigDecimal`, Swift `Foundation.Decimal`), read by
//!     [`scalars::parse_decimal`]: at most 28 digits after the point, a magnitude below
//!     2^96 / 10^scale; a value needing rounding is refused, never rounded.
//!   - **Date** ([`LocalDate`]) over its ISO text `YYYY-MM-DD`, years 1 to 9999 (Kotlin
//!     `java.time.LocalDate`, Swift `String`), read by [`scalars::parse_date`].
//!   - **Instant** ([`UtcDateTime`]) over uniffi's timestamp (Kotlin `java.time.Instant`,
//!     Swift `Date`), any instant of the years 1 to 9999 to the nanosecond, checked by
//!     [`scalars::instant_from_unix`].
//!   - **Duration** ([`SignedDuration`]: working time) over the exact decimal text of its
//!     seconds (Kotlin `java.time.Duration`, Swift `Int64` seconds): whole seconds, signed; a
//!     fraction of a second reaches the core and is refused ([`scalars::whole_seconds`]).
//!   - **Line index** ([`LineIndex`], `usize` in the core: `InvoiceLine.reverses`,
//!     `OrderLineRef.line`, …) over `u32` (Kotlin `UInt`, Swift `UInt32`).
//!   - **Time of day** ([`crate::calendar::ClockTime`]) over its `"HH:MM"` / `"HH:MM:SS"`
//!     text (`00:00` to `24:00`; `java.time.LocalTime` cannot say `24:00`).
//!
//!   A refused value is [`HelpdeskError::InvalidInput`] (code `invalid_input`) whose
//!   `fields["field"]` names the kind of value: `decimal`, `date`, `instant`, `duration`, or
//!   an id's entity.
//!
//! The scalar types are foreign to the core (`rust_decimal`, `chrono`), so their custom types
//! are `remote`: a crate exposing them in its own functions (the binding) adds
//! `uniffi::use_remote_type!(helpdesk::Decimal)` and so on. The binding's Kotlin and Swift
//! configuration of this namespace (`helpdesk`: Kotlin package, Swift module, the host types
//! of the custom types) is in `bindings-mobile/uniffi-core.toml`.

use crate::calendar::ClockTime;
use crate::scalars;
use crate::{
    CalendarId, CompanyId, CouponId, CouponProgramId, FieldServiceProjectId, FieldServiceTaskId,
    InvoiceId, JournalId, LeaveId, LocationId, MessageId, OpportunityId, OutboxId, PartnerId,
    ProductId, RatingId, RepairId, SaleOrderId, SalesTeamId, SlaPolicyId, StageId, TagId, TaxId,
    TeamId, TicketId, TicketTypeId, TimeEntryId, TransferId, UnitCategoryId, UnitId, UserId,
};
use chrono::{DateTime, Utc};
use rust_decimal::Decimal;
use std::collections::HashMap;
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

// ---- the error ----

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

impl From<crate::Error> for HelpdeskError {
    fn from(error: crate::Error) -> Self {
        use crate::ErrorKind;
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
            // Every kind is matched here, in the core: a kind added later fails to build until
            // it is mapped.
            ErrorKind::Internal => HelpdeskError::Internal {
                code,
                message,
                fields,
            },
        }
    }
}

// ---- ids ----

/// The custom type of each id: over `i64`, checked by `scalars::check_id` as it is lifted.
macro_rules! id_types {
    ($($name:ident => $field:literal),* $(,)?) => {$(
        uniffi::custom_type!($name, i64, {
                        lower: |id| id.0,
            try_lift: |raw| Ok($name(
                scalars::check_id($field, raw).map_err(HelpdeskError::from)?,
            )),
        });
    )*};
}

// A refused id names its entity, in snake_case like the core's fields.
id_types!(
    CompanyId => "company",
    PartnerId => "partner",
    UserId => "user",
    TeamId => "team",
    StageId => "stage",
    TagId => "tag",
    TicketTypeId => "ticket_type",
    TicketId => "ticket",
    MessageId => "message",
    OutboxId => "outbox",
    CalendarId => "calendar",
    ProductId => "product",
    SlaPolicyId => "sla_policy",
    LeaveId => "leave",
    TaxId => "tax",
    JournalId => "journal",
    SaleOrderId => "sale_order",
    InvoiceId => "invoice",
    CouponProgramId => "coupon_program",
    CouponId => "coupon",
    UnitCategoryId => "unit_category",
    UnitId => "unit",
    TimeEntryId => "time_entry",
    LocationId => "location",
    TransferId => "transfer",
    RepairId => "repair",
    FieldServiceProjectId => "field_service_project",
    FieldServiceTaskId => "field_service_task",
    SalesTeamId => "sales_team",
    OpportunityId => "opportunity",
    RatingId => "rating",
);

// ---- scalars ----

/// The field a refused decimal names.
const DECIMAL: &str = "decimal";
/// The field a refused date names.
const DATE: &str = "date";
/// The field a refused instant names.
const INSTANT: &str = "instant";
/// The field a refused duration names.
const DURATION: &str = "duration";

/// The index of a line in an invoice (`usize` in the core), as the `line` argument of
/// `updateCreditNoteLine` takes it: Kotlin `UInt`, Swift `UInt32`.
pub type LineIndex = usize;

uniffi::custom_type!(LineIndex, u32, {
    remote,
    // An invoice never has 2^32 lines; saturating keeps `lower` total.
    lower: |index| u32::try_from(index).unwrap_or(u32::MAX),
    try_lift: |raw| Ok(LineIndex::try_from(raw)?),
});

/// An instant in UTC (`chrono::DateTime<Utc>`): Kotlin `java.time.Instant`, Swift `Date`.
pub type UtcDateTime = DateTime<Utc>;

/// A calendar date (`chrono::NaiveDate`, years 1 to 9999): Kotlin `java.time.LocalDate`, Swift
/// `String` (ISO `YYYY-MM-DD`).
pub type LocalDate = chrono::NaiveDate;

/// A signed duration of whole seconds (`chrono::Duration`): Kotlin `java.time.Duration`, Swift
/// `Int64` seconds. Crosses as the exact decimal number of seconds (see `bindings-mobile/uniffi-core.toml`).
pub type SignedDuration = chrono::Duration;

uniffi::custom_type!(Decimal, String, {
    remote,
    lower: |value| scalars::format_decimal(value),
    try_lift: |text| Ok(lift_decimal(&text)?),
});

uniffi::custom_type!(LocalDate, String, {
    remote,
    lower: |date| scalars::format_date(date),
    try_lift: |text| Ok(lift_date(&text)?),
});

// Over uniffi's timestamp (seconds and nanoseconds from the epoch), which Kotlin's `Instant` and
// Swift's `Date` map to; `SystemTime` itself holds far more than the years 1 to 9999.
uniffi::custom_type!(UtcDateTime, SystemTime, {
    remote,
    lower: |value| SystemTime::from(value),
    try_lift: |value| Ok(lift_instant(value)?),
});

// Over the decimal text of its seconds, not whole seconds: a host's sub-second part must reach
// the core to be refused, where an integer would have dropped it on the host's side.
uniffi::custom_type!(SignedDuration, String, {
    remote,
    lower: |duration| lower_duration(duration),
    try_lift: |text| Ok(lift_duration(&text)?),
});

/// A decimal from its text (a Kotlin `BigDecimal.toString()`, a Swift `Decimal.description`).
pub fn lift_decimal(text: &str) -> Result<Decimal, HelpdeskError> {
    Ok(scalars::parse_decimal(DECIMAL, text)?)
}

/// A date from its ISO text (a Kotlin `LocalDate.toString()`, a Swift `String`).
pub fn lift_date(text: &str) -> Result<LocalDate, HelpdeskError> {
    Ok(scalars::parse_date(DATE, text)?)
}

/// An instant from a uniffi timestamp, through the core's seconds and nanoseconds from the
/// epoch.
pub fn lift_instant(time: SystemTime) -> Result<UtcDateTime, HelpdeskError> {
    let (seconds, nanos) = match time.duration_since(UNIX_EPOCH) {
        Ok(after) => (
            i64::try_from(after.as_secs()).unwrap_or(i64::MAX),
            after.subsec_nanos(),
        ),
        // Before the epoch: whole seconds floored, nanoseconds counted forwards from them.
        // Saturated values are far outside the years 1 to 9999, so the core refuses them.
        Err(before) => {
            let before = before.duration();
            let seconds = i64::try_from(before.as_secs()).map_or(i64::MIN, |s| -s);
            match before.subsec_nanos() {
                0 => (seconds, 0),
                nanos => (seconds.saturating_sub(1), 1_000_000_000 - nanos),
            }
        }
    };
    Ok(scalars::instant_from_unix(INSTANT, seconds, nanos)?)
}

/// A duration from the exact decimal text of its seconds (`"3600"`, `"-0.720000000"`):
/// read by the core's decimal reading, then refused by the core unless whole seconds.
pub fn lift_duration(text: &str) -> Result<SignedDuration, HelpdeskError> {
    let seconds = scalars::parse_decimal(DURATION, text)?;
    let whole = seconds.trunc();
    // The fraction in nanoseconds, rounded away from zero: a fraction below a nanosecond stays
    // a fraction for `whole_seconds` to refuse (a Kotlin `Duration` has none; hand-written
    // text may).
    let nanos = ((seconds - whole) * Decimal::from(1_000_000_000))
        .round_dp_with_strategy(0, rust_decimal::RoundingStrategy::AwayFromZero);
    let duration = i64::try_from(whole)
        .ok()
        .and_then(chrono::Duration::try_seconds)
        .zip(i64::try_from(nanos).ok())
        .and_then(|(whole, nanos)| whole.checked_add(&chrono::Duration::nanoseconds(nanos)))
        .ok_or_else(|| {
            crate::Error::invalid(
                DURATION,
                format!("{text} s is beyond the longest duration (about 292 million years)"),
            )
        })?;
    Ok(scalars::whole_seconds(DURATION, duration)?)
}

/// The exact decimal text of a duration's seconds (`"3600"`, `"-1.5"`): what Kotlin reads back
/// into a `java.time.Duration` and Swift into `Int64` (the core's durations are whole seconds).
pub fn lower_duration(duration: SignedDuration) -> String {
    // `num_seconds` truncates towards zero and `subsec_nanos` carries the same sign.
    let seconds =
        Decimal::from(duration.num_seconds()) + Decimal::new(i64::from(duration.subsec_nanos()), 9);
    scalars::format_decimal(seconds.normalize())
}

uniffi::custom_type!(ClockTime, String, {
    lower: |time| time.to_string(),
    try_lift: |text| Ok(text.parse::<ClockTime>().map_err(HelpdeskError::from)?),
});

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Duration;
    use std::time::Duration as StdDuration;

    #[test]
    fn maps_by_kind_and_keeps_the_precise_code() {
        let error: HelpdeskError = crate::Error::SchemaTooNew {
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
        use crate::CouponRefusal;
        let refused = |refusal| -> HelpdeskError {
            crate::Error::CouponRefused {
                typed: "ABCD-EFGH".into(),
                refusal,
            }
            .into()
        };
        let used = refused(CouponRefusal::Used);
        assert!(matches!(used, HelpdeskError::InvalidState { .. }));
        assert_eq!(used.code(), "coupon_used");
        assert_eq!(
            used.fields().get("typed").map(String::as_str),
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
        let error: HelpdeskError = crate::Error::invalid("amount", "not a decimal").into();
        assert!(matches!(error, HelpdeskError::InvalidInput { .. }));
        assert_eq!(error.code(), "invalid_input");
        assert_eq!(
            error.message(),
            crate::Error::invalid("amount", "not a decimal").to_string()
        );
        assert_eq!(
            error.fields().get("field").map(String::as_str),
            Some("amount")
        );
    }

    fn refused_field(error: HelpdeskError) -> Option<String> {
        match error {
            HelpdeskError::InvalidInput { fields, .. } => fields.get("field").cloned(),
            _ => None,
        }
    }

    #[test]
    fn decimals_are_read_by_the_core_exponent_included() -> Result<(), HelpdeskError> {
        assert_eq!(lift_decimal("12.50")?.to_string(), "12.50");
        assert_eq!(lift_decimal("1E+3")?.to_string(), "1000");
        assert_eq!(lift_decimal("1.5E-7")?.to_string(), "0.00000015");
        for bad in [" 7 ", "", "1.2.3", "1E+999"] {
            let error = lift_decimal(bad).err().map(refused_field);
            assert_eq!(error, Some(Some("decimal".into())), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn dates_are_strict_iso_days() -> Result<(), HelpdeskError> {
        assert_eq!(lift_date("0001-01-01")?.to_string(), "0001-01-01");
        for bad in ["+10000-01-01", "0000-12-31", "2026-3-4"] {
            let error = lift_date(bad).err().map(refused_field);
            assert_eq!(error, Some(Some("date".into())), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn instants_before_the_epoch_keep_their_nanoseconds() -> Result<(), HelpdeskError> {
        let before = UNIX_EPOCH - StdDuration::new(1, 250_000_000);
        assert_eq!(
            scalars::format_instant(lift_instant(before)?),
            "1969-12-31T23:59:58.750Z"
        );
        let last = UNIX_EPOCH + StdDuration::new(253_402_300_799, 999_999_999);
        assert_eq!(
            scalars::format_instant(lift_instant(last)?),
            "9999-12-31T23:59:59.999999999Z"
        );
        let beyond = UNIX_EPOCH + StdDuration::new(253_402_300_800, 0);
        let error = lift_instant(beyond).err().map(refused_field);
        assert_eq!(error, Some(Some("instant".into())));
        Ok(())
    }

    #[test]
    fn durations_with_a_fraction_are_refused_not_cut() -> Result<(), HelpdeskError> {
        assert_eq!(lift_duration("3600.000000000")?, Duration::hours(1));
        assert_eq!(lift_duration("-5")?, Duration::seconds(-5));
        for bad in [
            "0.720000000",
            "-0.5",
            "0.0000000001",
            "1e30",
            "9223372036854775807.5",
        ] {
            let error = lift_duration(bad).err().map(refused_field);
            assert_eq!(error, Some(Some("duration".into())), "{bad:?}");
        }
        Ok(())
    }

    #[test]
    fn durations_are_lowered_exactly() -> Result<(), HelpdeskError> {
        assert_eq!(lower_duration(Duration::hours(-4)), "-14400");
        assert_eq!(lower_duration(Duration::milliseconds(-1500)), "-1.5");
        assert_eq!(lower_duration(Duration::zero()), "0");
        assert_eq!(
            lift_duration(&lower_duration(Duration::days(3)))?,
            Duration::days(3)
        );
        Ok(())
    }
}
