//! Decimals and calendar dates, which JavaScript has no exact type for.
//!
//! - A `rust_decimal::Decimal` (money, quantities, percentages) is a decimal
//!   string with its scale (`'254.10'`, `'0'`), as in the core's JSON; an
//!   input string that is not a number is `invalid_input` naming its field.
//! - A `chrono::NaiveDate` (an invoice date, a validity end) is a
//!   `'YYYY-MM-DD'` string; an input that is not such a date is
//!   `invalid_input` naming its field.
//!
//! Inputs are read exactly as the core reads its JSON (serde), so a value a
//! golden file or a host's JSON holds means the same here.

use chrono::NaiveDate;
use rust_decimal::Decimal;

/// A decimal string as the core's `Decimal` (`'12.50'`, `'-3'`, `'1e3'`).
pub fn decimal(field: &'static str, text: &str) -> helpdesk::Result<Decimal> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        helpdesk::Error::invalid(
            field,
            format!("{text:?} is not a decimal number (a string such as '12.50')"),
        )
    })
}

/// An optional decimal string as the core's `Decimal`.
pub fn opt_decimal(field: &'static str, text: Option<String>) -> helpdesk::Result<Option<Decimal>> {
    text.map(|t| decimal(field, &t)).transpose()
}

/// A `'YYYY-MM-DD'` string as the core's `NaiveDate`.
pub fn date(field: &'static str, text: &str) -> helpdesk::Result<NaiveDate> {
    serde_json::from_value(serde_json::Value::String(text.to_string())).map_err(|_| {
        helpdesk::Error::invalid(
            field,
            format!("{text:?} is not a calendar date 'YYYY-MM-DD'"),
        )
    })
}

/// An optional `'YYYY-MM-DD'` string as the core's `NaiveDate`.
pub fn opt_date(field: &'static str, text: Option<String>) -> helpdesk::Result<Option<NaiveDate>> {
    text.map(|t| date(field, &t)).transpose()
}

/// A JavaScript number as the core's `u32`: napi would wrap `-1` to
/// 4294967295 and truncate `1.5` to 1, so the number is checked here; any
/// other number is `invalid_input` naming `field`.
pub fn whole_u32(field: &'static str, value: f64) -> helpdesk::Result<u32> {
    if value.is_finite() && value.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&value) {
        // Checked just above: a whole number in range, the cast is exact.
        Ok(value as u32)
    } else {
        Err(helpdesk::Error::invalid(
            field,
            format!("a whole number from 0 to {}, not {value}", u32::MAX),
        ))
    }
}

/// An optional JavaScript number as the core's `u32` (see [`whole_u32`]).
pub fn opt_u32(field: &'static str, value: Option<f64>) -> helpdesk::Result<Option<u32>> {
    value.map(|v| whole_u32(field, v)).transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decimals_keep_their_scale_and_reject_non_numbers() {
        assert_eq!(
            decimal("x", "254.10").map(|d| d.to_string()).ok(),
            Some("254.10".into())
        );
        assert_eq!(
            decimal("x", "-3").map(|d| d.to_string()).ok(),
            Some("-3".into())
        );
        for bad in ["", "abc", "12,5", "NaN", "1.2.3"] {
            let error = decimal("price", bad).err().map(|e| e.code());
            assert_eq!(error, Some("invalid_input"), "{bad:?}");
        }
    }

    #[test]
    fn dates_are_iso_calendar_days() {
        assert_eq!(
            date("d", "2026-03-04").map(|d| d.to_string()).ok(),
            Some("2026-03-04".into())
        );
        for bad in ["", "2026-02-30", "04/03/2026", "2026-03-04T00:00:00Z"] {
            assert!(date("d", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn whole_numbers_are_checked() {
        assert_eq!(whole_u32("n", 3.0).ok(), Some(3));
        for bad in [-1.0, 1.5, f64::NAN, f64::INFINITY, 4_294_967_296.0] {
            assert!(whole_u32("n", bad).is_err(), "{bad}");
        }
    }
}
