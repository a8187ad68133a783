//! A coupon code as a customer types it (CPN-3): any text is read without
//! panicking, and a valid code's canonical form reads as itself.
#![no_main]

use helpdesk::coupon_code::{parse, Parsed};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|typed: &str| {
    if let Parsed::Valid(code) = parse(typed) {
        assert!(matches!(parse(&code), Parsed::Valid(again) if again == code));
    }
});
