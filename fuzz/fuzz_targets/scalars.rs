//! Every reading of a value from outside (`helpdesk::scalars`): text never
//! panics, and what is accepted writes back to text that reads the same.
#![no_main]

use helpdesk::scalars::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(value) = parse_decimal("value", text) {
        let written = format_decimal(value);
        let again = parse_decimal("value", &written).expect("a written decimal reads back");
        assert_eq!(again, value);
        assert_eq!(format_decimal(again), written);
    }
    if let Ok(date) = parse_date("value", text) {
        assert_eq!(parse_date("value", &format_date(date)).ok(), Some(date));
    }
    if let Ok(instant) = parse_instant("value", text) {
        assert_eq!(
            parse_instant("value", &format_instant(instant)).ok(),
            Some(instant)
        );
    }
});
