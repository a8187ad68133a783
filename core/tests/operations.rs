//! `OPERATIONS`, the bindings' source of truth, lists exactly the façade's
//! public operations: every `pub fn name(&self, actor: Actor, …)` of the
//! desk modules.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeSet;

#[test]
fn operations_lists_exactly_the_facade_methods() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/desk");
    let mut found = BTreeSet::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let flat: String = source.split_whitespace().collect::<Vec<_>>().join(" ");
        for piece in flat.split("pub fn ").skip(1) {
            let (name, rest) = piece.split_once('(').unwrap();
            if rest.trim_start().starts_with("&self, actor: Actor") {
                found.insert(name.to_string());
            }
        }
    }
    let listed: BTreeSet<String> = helpdesk::OPERATIONS.iter().map(|s| s.to_string()).collect();
    assert_eq!(
        listed.len(),
        helpdesk::OPERATIONS.len(),
        "OPERATIONS has duplicates"
    );
    assert_eq!(listed, found, "OPERATIONS and the façade differ");
}
