//! The in-repo uniffi bindgen: `cargo run -p helpdesk-mobile --bin uniffi-bindgen -- generate
//! --library <cdylib> --language kotlin --out-dir <dir>` (the Makefile does this).

fn main() {
    uniffi::uniffi_bindgen_main()
}
