//! The one reading and writing of the scalar values that cross a language
//! boundary: exact decimals, calendar dates, instants, durations and ids.
//!
//! Every binding converts its language's own value (a Python `Decimal`, a
//! JavaScript `Date`, a Kotlin `Duration`, …) to the parts below and lets
//! these functions decide, so the four languages accept the same values and
//! refuse the others with the same error: `invalid_input` naming the field.
//! `tests/golden/scalars/cases.json` holds the edge cases every suite
//! replays.
//!
//! The rules:
//! - **Decimal** (money, quantities, rates): the text
//!   `[+-]digits[.digits][(e|E)[+-]digits]`, nothing around it (no spaces,
//!   no `NaN`, no `Infinity`), held exactly: at most 28 digits after the
//!   point and a magnitude below 2^96 / 10^scale; a value that would need
//!   rounding is refused, never rounded. `1e3` is `1000`, `1.50e1` is
//!   `15.0` (the digits written keep their scale), `-0` is `0`.
//! - **Date**: `YYYY-MM-DD`, years 1 to 9999.
//! - **Instant**: RFC 3339 with `Z` or an offset (`2026-03-02T10:00:00+01:00`),
//!   any fraction of a second, converted to UTC; years 1 to 9999 in UTC.
//!   Written back as RFC 3339 in UTC with `Z`, with 3, 6 or 9 fractional
//!   digits only when the instant has a fraction. Working-time arithmetic
//!   counts whole seconds: an instant's fraction is dropped there (floored).
//! - **Duration**: exact as the language holds it (nanoseconds in Rust and
//!   Kotlin, microseconds in Python, milliseconds in JavaScript). Working
//!   time is counted in whole seconds, so a working duration with a fraction
//!   of a second is refused ([`whole_seconds`]), never cut; a clock may move
//!   by any duration.
//! - **Id**: a whole number from 1 to 2^53 − 1 (the largest integer every
//!   language holds exactly).
//! - **Bytes** (a raw mail, an attachment's content): the language's own
//!   byte string; in JSON, standard base64 with padding (RFC 4648 §4),
//!   nothing around it ([`parse_base64`]).

use crate::{Error, Result};
use chrono::{DateTime, Datelike, Duration, NaiveDate, SecondsFormat, Utc};
use rust_decimal::Decimal;

/// The first year an instant or a date may be in.
pub const MIN_YEAR: i32 = 1;
/// The last year an instant or a date may be in.
pub const MAX_YEAR: i32 = 9999;
/// The largest id: 2^53 − 1, exact in a JavaScript number and a double.
pub const MAX_ID: i64 = (1 << 53) - 1;
/// The longest decimal text read (28 digits, a sign, a point and an
/// exponent fit many times over); longer text is refused before parsing.
const MAX_DECIMAL_TEXT: usize = 100;
/// The largest exponent magnitude written in a decimal (`1e28` is the
/// largest power of ten a decimal holds).
const MAX_EXPONENT: i64 = 64;

/// At most 40 characters of hostile text, for an error message.
fn shown(text: &str) -> String {
    match text.char_indices().nth(40) {
        Some((end, _)) => format!("{:?}…", &text[..end]),
        None => format!("{text:?}"),
    }
}

/// Reads an exact decimal (see the module rules); `field` names the input
/// in the error.
pub fn parse_decimal(field: &'static str, text: &str) -> Result<Decimal> {
    let refuse = |why: &str| {
        Error::invalid(
            field,
            format!(
                "{} is not an exact decimal number ({why}; write e.g. \"12.50\")",
                shown(text)
            ),
        )
    };
    if text.len() > MAX_DECIMAL_TEXT {
        return Err(refuse("too long"));
    }
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, fraction),
        None => (mantissa, ""),
    };
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(whole) || !(fraction.is_empty() || all_digits(fraction)) {
        return Err(refuse("digits with an optional point expected"));
    }
    if mantissa.ends_with('.') {
        return Err(refuse("digits expected after the point"));
    }
    let exponent: i64 = match exponent {
        None => 0,
        Some(e) => {
            let digits = e.strip_prefix(['+', '-']).unwrap_or(e);
            if !all_digits(digits) {
                return Err(refuse("digits expected after the exponent"));
            }
            match e.parse::<i64>() {
                Ok(e) if e.abs() <= MAX_EXPONENT => e,
                _ => return Err(refuse("exponent out of range")),
            }
        }
    };
    // Move the point by the exponent in the text itself, so the digits are
    // read once, exactly, by `from_str_exact`.
    let digits = format!("{whole}{fraction}");
    let point = whole.len() as i64 + exponent;
    let plain = if point <= 0 {
        format!("0.{}{digits}", "0".repeat(point.unsigned_abs() as usize))
    } else if point as usize >= digits.len() {
        format!("{digits}{}", "0".repeat(point as usize - digits.len()))
    } else {
        let (a, b) = digits.split_at(point as usize);
        format!("{a}.{b}")
    };
    let mut value = Decimal::from_str_exact(&plain)
        .map_err(|_| refuse("more than 28 decimal places or too large to hold exactly"))?;
    value.set_sign_negative(negative && !value.is_zero());
    Ok(value)
}

/// Writes a decimal as the text [`parse_decimal`] reads back to the same
/// value and scale (`"254.10"`, `"-3"`, `"0"`).
pub fn format_decimal(value: Decimal) -> String {
    value.to_string()
}

/// Refuses a date outside years 1 to 9999.
pub fn check_date(field: &'static str, date: NaiveDate) -> Result<NaiveDate> {
    if (MIN_YEAR..=MAX_YEAR).contains(&date.year()) {
        Ok(date)
    } else {
        Err(Error::invalid(
            field,
            format!("{date} is outside the years {MIN_YEAR} to {MAX_YEAR}"),
        ))
    }
}

/// Reads a calendar date `YYYY-MM-DD` (years 1 to 9999).
pub fn parse_date(field: &'static str, text: &str) -> Result<NaiveDate> {
    let bytes = text.as_bytes();
    let shaped = bytes.len() == 10
        && bytes.iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| shaped)
        .ok_or_else(|| {
            Error::invalid(
                field,
                format!("{} is not a calendar date YYYY-MM-DD", shown(text)),
            )
        })?;
    check_date(field, date)
}

/// Writes a date as `YYYY-MM-DD`.
pub fn format_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

/// Refuses an instant outside years 1 to 9999 (in UTC).
pub fn check_instant(field: &'static str, instant: DateTime<Utc>) -> Result<DateTime<Utc>> {
    if (MIN_YEAR..=MAX_YEAR).contains(&instant.year()) {
        Ok(instant)
    } else {
        Err(Error::invalid(
            field,
            format!(
                "{} is outside the years {MIN_YEAR} to {MAX_YEAR}",
                instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
            ),
        ))
    }
}

/// Reads an RFC 3339 instant with `Z` or an offset, as UTC.
pub fn parse_instant(field: &'static str, text: &str) -> Result<DateTime<Utc>> {
    let instant = DateTime::parse_from_rfc3339(text).map_err(|_| {
        Error::invalid(
            field,
            format!(
                "{} is not an RFC 3339 instant (e.g. \"2026-03-02T09:00:00Z\")",
                shown(text)
            ),
        )
    })?;
    check_instant(field, instant.with_timezone(&Utc))
}

/// Writes an instant as RFC 3339 in UTC with `Z` (`"2026-03-02T09:00:00Z"`,
/// `"2026-03-02T09:00:00.250Z"`).
pub fn format_instant(instant: DateTime<Utc>) -> String {
    instant.to_rfc3339_opts(SecondsFormat::AutoSi, true)
}

/// The instant `seconds` and `nanos` after 1970-01-01T00:00:00Z (years 1
/// to 9999).
pub fn instant_from_unix(field: &'static str, seconds: i64, nanos: u32) -> Result<DateTime<Utc>> {
    let instant = DateTime::from_timestamp(seconds, nanos)
        .ok_or_else(|| Error::invalid(field, "outside the years 1 to 9999"))?;
    check_instant(field, instant)
}

/// The instant `millis` milliseconds after 1970-01-01T00:00:00Z, as a
/// JavaScript `Date` holds it: a finite whole number (years 1 to 9999).
pub fn instant_from_unix_millis(field: &'static str, millis: f64) -> Result<DateTime<Utc>> {
    if !millis.is_finite() || millis.fract() != 0.0 {
        return Err(Error::invalid(field, "not a valid date (Invalid Date)"));
    }
    // Whole and finite; out-of-range values saturate and are refused below.
    let instant = DateTime::from_timestamp_millis(millis as i64)
        .ok_or_else(|| Error::invalid(field, "outside the years 1 to 9999"))?;
    check_instant(field, instant)
}

/// A duration of whole seconds, as the calendar counts them; a fraction of
/// a second is refused, never dropped.
pub fn whole_seconds(field: &'static str, duration: Duration) -> Result<Duration> {
    if duration.subsec_nanos() == 0 {
        Ok(duration)
    } else {
        Err(Error::invalid(
            field,
            format!(
                "{duration} has a fraction of a second: working time is counted in whole seconds"
            ),
        ))
    }
}

/// A duration of `millis` milliseconds (a JavaScript number): finite and a
/// whole number of milliseconds, so that it is read exactly.
pub fn duration_from_millis(field: &'static str, millis: f64) -> Result<Duration> {
    if !millis.is_finite() || millis.abs() > 1e15 {
        return Err(Error::invalid(
            field,
            format!("{millis} is not a finite duration in milliseconds"),
        ));
    }
    if millis.fract() != 0.0 {
        return Err(Error::invalid(
            field,
            format!("{millis} has a fraction of a millisecond"),
        ));
    }
    // Whole and within ±1e15: the cast is exact.
    Ok(Duration::milliseconds(millis as i64))
}

/// A whole number from 0 to 2^53 − 1 given as a JavaScript number (a
/// random seed, say); fractions, negatives, `NaN` and `Infinity` are refused.
pub fn whole_from_f64(field: &'static str, raw: f64) -> Result<u64> {
    if raw.is_finite() && raw.fract() == 0.0 && (0.0..=MAX_ID as f64).contains(&raw) {
        // Whole and within the exact range: the cast is exact.
        Ok(raw as u64)
    } else {
        Err(Error::invalid(
            field,
            format!("{raw} is not a whole number from 0 to {MAX_ID}"),
        ))
    }
}

/// Refuses an id that is not a whole number from 1 to 2^53 − 1.
pub fn check_id(field: &'static str, raw: i64) -> Result<i64> {
    if (1..=MAX_ID).contains(&raw) {
        Ok(raw)
    } else {
        Err(Error::invalid(
            field,
            format!("{raw} is not an id (a whole number from 1 to {MAX_ID})"),
        ))
    }
}

/// An id given as a JavaScript number: a whole number from 1 to 2^53 − 1;
/// fractions, `NaN` and `Infinity` are refused.
pub fn id_from_f64(field: &'static str, raw: f64) -> Result<i64> {
    if raw.is_finite() && raw.fract() == 0.0 && (1.0..=MAX_ID as f64).contains(&raw) {
        // Whole and within the exact range: the cast is exact.
        Ok(raw as i64)
    } else {
        Err(Error::invalid(
            field,
            format!("{raw} is not an id (a whole number from 1 to {MAX_ID})"),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decimal(text: &str) -> Option<String> {
        parse_decimal("x", text).ok().map(format_decimal)
    }

    #[test]
    fn decimals_are_exact_and_keep_their_scale() {
        for (text, value) in [
            ("254.10", "254.10"),
            ("-3", "-3"),
            ("+3", "3"),
            ("1e3", "1000"),
            ("1.50e1", "15.0"),
            ("1.5E-2", "0.015"),
            ("-0", "0"),
            ("-0.00", "0.00"),
            ("0.0000000000001", "0.0000000000001"),
            (
                "0.0000000000000000000000000001",
                "0.0000000000000000000000000001",
            ),
            (
                "79228162514264337593543950335",
                "79228162514264337593543950335",
            ),
            ("007", "7"),
        ] {
            assert_eq!(decimal(text).as_deref(), Some(value), "{text}");
        }
    }

    #[test]
    fn decimals_that_need_rounding_or_are_not_numbers_are_refused() {
        for text in [
            "",
            " 7 ",
            "7 ",
            "NaN",
            "Infinity",
            "abc",
            "12,5",
            "1.2.3",
            ".5",
            "5.",
            "1e",
            "e3",
            "1e+",
            "--1",
            "0x10",
            "1e999",
            "0.00000000000000000000000000001",
            "79228162514264337593543950336",
        ] {
            let error = parse_decimal("price", text).err();
            assert!(
                matches!(error, Some(Error::InvalidInput { field: "price", .. })),
                "{text:?}: {error:?}"
            );
        }
    }

    #[test]
    fn dates_are_strict_iso_days_in_years_1_to_9999() {
        assert_eq!(
            parse_date("d", "0001-01-01").ok().map(format_date),
            Some("0001-01-01".into())
        );
        assert_eq!(
            parse_date("d", "9999-12-31").ok().map(format_date),
            Some("9999-12-31".into())
        );
        for bad in [
            "",
            "2026-3-4",
            "2026-02-30",
            "0000-01-01",
            "2026-03-04T00:00:00Z",
            " 2026-03-04",
        ] {
            assert!(parse_date("d", bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn instants_are_read_in_any_offset_and_written_in_utc() {
        let read = |t: &str| parse_instant("at", t).ok().map(format_instant);
        assert_eq!(
            read("2026-03-02T10:00:00+01:00").as_deref(),
            Some("2026-03-02T09:00:00Z")
        );
        assert_eq!(
            read("2026-03-02T09:00:00.25Z").as_deref(),
            Some("2026-03-02T09:00:00.250Z")
        );
        assert_eq!(
            read("0001-01-01T00:00:00Z").as_deref(),
            Some("0001-01-01T00:00:00Z")
        );
        assert_eq!(read("0001-01-01T00:30:00+01:00"), None, "year 0 in UTC");
        assert_eq!(read("2026-03-02T09:00:00"), None, "no offset");
        assert!(instant_from_unix_millis("at", f64::NAN).is_err());
        assert!(instant_from_unix_millis("at", 0.5).is_err());
        assert!(instant_from_unix_millis("at", 8.64e15).is_err());
        assert!(instant_from_unix("at", 253_402_300_800, 0).is_err());
        assert!(instant_from_unix("at", 253_402_300_799, 999_999_999).is_ok());
    }

    #[test]
    fn durations_with_a_fraction_of_a_second_are_refused() {
        assert!(whole_seconds("d", Duration::milliseconds(720)).is_err());
        assert!(whole_seconds("d", Duration::seconds(-5)).is_ok());
        assert_eq!(
            duration_from_millis("d", 5000.0).ok(),
            Some(Duration::seconds(5))
        );
        assert_eq!(
            duration_from_millis("d", 720.0).ok(),
            Some(Duration::milliseconds(720))
        );
        for bad in [0.5, f64::NAN, f64::INFINITY, 1e30] {
            assert!(duration_from_millis("d", bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn ids_are_whole_numbers_from_1_to_2_pow_53_minus_1() {
        assert_eq!(check_id("t", 1).ok(), Some(1));
        assert_eq!(check_id("t", MAX_ID).ok(), Some(MAX_ID));
        for bad in [0, -1, MAX_ID + 1] {
            assert!(check_id("t", bad).is_err(), "{bad}");
        }
        assert_eq!(whole_from_f64("seed", 0.0).ok(), Some(0));
        for bad in [0.5, -1.0, f64::NAN, 9007199254740992.0] {
            assert!(whole_from_f64("seed", bad).is_err(), "{bad}");
        }
        assert_eq!(id_from_f64("t", 3.0).ok(), Some(3));
        for bad in [1.9, f64::NAN, f64::INFINITY, -1.0, 0.0, 9007199254740992.0] {
            assert!(id_from_f64("t", bad).is_err(), "{bad}");
        }
    }
}

/// An exact decimal written in JSON as a number (`1.5`, `4`): the amounts
/// of working time a policy allows (`Within`), which hosts write as
/// numbers. Read from a JSON number (by its shortest decimal form, so the
/// `1.5` or `0.1` a person wrote is that decimal exactly) or from decimal
/// text; written as an integer when whole, else as the number whose
/// shortest form is the decimal's digits (at most 15 significant digits,
/// which every amount the library accepts keeps to). Not for money: money
/// is decimal text.
pub mod decimal_number {
    use rust_decimal::prelude::ToPrimitive;
    use rust_decimal::Decimal;
    use serde::{de, Deserializer, Serializer};

    /// Writes `value` as a JSON number.
    pub fn serialize<S: Serializer>(value: &Decimal, s: S) -> Result<S::Ok, S::Error> {
        if value.fract().is_zero() {
            if let Some(whole) = value.to_i64() {
                return s.serialize_i64(whole);
            }
        }
        let float: f64 = value
            .normalize()
            .to_string()
            .parse()
            .map_err(serde::ser::Error::custom)?;
        s.serialize_f64(float)
    }

    /// Reads a JSON number or decimal text.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Decimal, D::Error> {
        struct Visitor;
        impl de::Visitor<'_> for Visitor {
            type Value = Decimal;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a number")
            }

            fn visit_u64<E: de::Error>(self, v: u64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }

            fn visit_i64<E: de::Error>(self, v: i64) -> Result<Decimal, E> {
                Ok(Decimal::from(v))
            }

            fn visit_f64<E: de::Error>(self, v: f64) -> Result<Decimal, E> {
                // Rust writes a float in its shortest round-trip form.
                self.visit_str(&v.to_string())
            }

            fn visit_str<E: de::Error>(self, v: &str) -> Result<Decimal, E> {
                super::parse_decimal("number", v).map_err(E::custom)
            }
        }
        d.deserialize_any(Visitor)
    }
}

/// Reads standard base64 with padding (RFC 4648 §4); `field` names the
/// input in the error.
pub fn parse_base64(field: &'static str, text: &str) -> Result<Vec<u8>> {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD
        .decode(text)
        .map_err(|e| Error::invalid(field, format!("not standard base64: {e}")))
}

/// Writes bytes as standard base64 with padding.
pub fn format_base64(bytes: &[u8]) -> String {
    use base64::Engine;
    base64::engine::general_purpose::STANDARD.encode(bytes)
}

/// Optional bytes written in JSON as standard base64 text, `null` for
/// none (see [`parse_base64`]).
pub mod base64_bytes {
    use serde::{Deserialize, Deserializer, Serializer};

    /// Writes `value` as base64 text, or `null`.
    pub fn serialize<S: Serializer>(value: &Option<Vec<u8>>, s: S) -> Result<S::Ok, S::Error> {
        match value {
            Some(bytes) => s.serialize_str(&super::format_base64(bytes)),
            None => s.serialize_none(),
        }
    }

    /// Reads base64 text, or `null`.
    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Vec<u8>>, D::Error> {
        Option::<String>::deserialize(d)?
            .map(|text| super::parse_base64("bytes", &text).map_err(serde::de::Error::custom))
            .transpose()
    }
}
