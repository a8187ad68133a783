//! The scalar golden cases (`tests/golden/scalars/cases.json`), read as a
//! Rust host gives these values: decimals, dates and instants as text, a
//! duration as a `chrono::Duration`, an id as an `i64`.

#![allow(clippy::expect_used, clippy::panic)]

use chrono::Duration;
use helpdesk::scalars;
use serde_json::Value;

fn cases() -> Value {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/golden/scalars/cases.json"
    );
    let text = std::fs::read_to_string(path).expect("the scalar golden cases");
    serde_json::from_str(&text).expect("valid JSON")
}

/// The exact `Duration` of a decimal number of seconds (`"0.72"`), as a Rust
/// host would build it.
fn duration_of(seconds: &str) -> Duration {
    let decimal = scalars::parse_decimal("input", seconds).expect("a number of seconds");
    let nanos = decimal * helpdesk::Decimal::from(1_000_000_000);
    Duration::nanoseconds(i64::try_from(nanos.trunc().mantissa()).expect("in range"))
}

/// What the library reads from one input of `kind`, as the golden writes it.
fn read(kind: &str, input: &Value) -> helpdesk::Result<Value> {
    let text = || input.as_str().expect("a text input");
    Ok(match kind {
        "decimal" => scalars::format_decimal(scalars::parse_decimal("value", text())?).into(),
        "date" => scalars::format_date(scalars::parse_date("value", text())?).into(),
        "instant" => scalars::format_instant(scalars::parse_instant("value", text())?).into(),
        "duration_seconds" => scalars::whole_seconds("value", duration_of(text()))?
            .num_seconds()
            .into(),
        "id" => match input.as_i64() {
            Some(raw) => scalars::check_id("value", raw)?.into(),
            // An `i64` cannot be built from it: Rust callers cannot pass it.
            None => return Err(helpdesk::Error::invalid("value", "not an i64")),
        },
        other => panic!("unknown scalar kind {other}"),
    })
}

#[test]
fn scalar_golden_cases_read_the_same_in_rust() {
    let cases = cases();
    let mut checked = 0;
    for kind in ["decimal", "date", "instant", "duration_seconds", "id"] {
        for case in cases[kind].as_array().expect("a list of cases") {
            let got = read(kind, &case["input"]);
            match (&case["value"], &case["error"]) {
                (Value::Null, Value::String(code)) => {
                    let error = got.expect_err(&format!("{kind} {} is refused", case["input"]));
                    assert_eq!(error.code(), code, "{kind} {}", case["input"]);
                    if let helpdesk::Error::InvalidInput { field, .. } = error {
                        assert_eq!(field, "value", "the error names the field");
                    }
                }
                (wanted, _) => {
                    assert_eq!(got.ok().as_ref(), Some(wanted), "{kind} {}", case["input"])
                }
            }
            checked += 1;
        }
    }
    assert!(checked >= 40, "only {checked} scalar cases");
}
