//! Turns the Rust guide (docs/guide-rust.md) into a function the guide test
//! compiles and runs, so that a snippet that no longer builds or behaves fails
//! `cargo test` instead of misleading a reader.
//!
//! The guide's snippets read, in order, as the body of one function returning
//! `helpdesk::Result<()>` (the guide says so); that is exactly what is written.

// A build script reports a broken guide by panicking: cargo shows the message.
#![allow(clippy::expect_used)]

use std::{env, fs, path::Path};

const GUIDE: &str = "../docs/guide-rust.md";

fn main() {
    println!("cargo:rerun-if-changed={GUIDE}");
    let guide = fs::read_to_string(GUIDE).expect("docs/guide-rust.md is readable");
    let body: Vec<&str> = rust_blocks(&guide).collect();
    assert!(!body.is_empty(), "docs/guide-rust.md has no ```rust block");
    let source = format!(
        "/// Every ```rust block of docs/guide-rust.md, in order.\n\
         #[allow(unused, clippy::unwrap_used)]\n\
         fn guide() -> helpdesk::Result<()> {{\n{}\nOk(())\n}}\n",
        body.join("\n")
    );
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("guide_rust.rs");
    fs::write(out, source).expect("OUT_DIR is writable");
}

/// The contents of the fenced blocks tagged `rust`.
fn rust_blocks(markdown: &str) -> impl Iterator<Item = &str> {
    markdown
        .split("```rust\n")
        .skip(1)
        .map(|block| block.split("```").next().unwrap_or(block))
}
