//! The repository as a user receives it: one version and one home address
//! in every manifest, and documentation whose links all lead somewhere inside it.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::path::{Path, PathBuf};

/// The workspace root.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

fn read(path: &str) -> String {
    std::fs::read_to_string(root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The first `"…"` value after `after` in `text`.
fn quoted_after<'t>(text: &'t str, after: &str) -> &'t str {
    let rest = &text[text.find(after).unwrap_or_else(|| panic!("no {after}")) + after.len()..];
    let start = rest.find('"').unwrap() + 1;
    let end = start + rest[start..].find('"').unwrap();
    &rest[start..end]
}

/// Every package of the project is released under the workspace's version:
/// the Rust crates inherit it, the Python wheel reads it from Cargo, and
/// the manifests that cannot inherit it (npm, Maven) state the same.
#[test]
fn every_manifest_has_the_workspace_version() {
    let cargo = read("Cargo.toml");
    let package = &cargo[cargo.find("[workspace.package]").unwrap()..];
    let version = quoted_after(package, "version =");
    assert_eq!(version, env!("CARGO_PKG_VERSION"));
    // The workspace's own dependency on core names the same version.
    assert_eq!(
        quoted_after(&cargo, "helpdesk = { path = \"core\", version ="),
        version
    );
    for crate_dir in [
        "core",
        "bindings-python",
        "bindings-node",
        "bindings-mobile",
        "examples",
    ] {
        let manifest = read(&format!("{crate_dir}/Cargo.toml"));
        assert!(
            manifest.contains("version.workspace = true"),
            "{crate_dir}/Cargo.toml must inherit the workspace version"
        );
    }
    let pyproject = read("bindings-python/pyproject.toml");
    assert!(
        pyproject.contains("dynamic = [\"version\"]"),
        "the wheel takes its version from Cargo"
    );
    assert_eq!(
        quoted_after(&read("bindings-node/package.json"), "\"version\":"),
        version,
        "bindings-node/package.json"
    );
    for (pom, artifact) in [
        ("bindings-mobile/kotlin/pom.xml", "helpdesk-kotlin"),
        ("bindings-mobile/jvm/pom.xml", "helpdesk-jvm"),
    ] {
        let text = read(pom);
        let declared = &text[text
            .find(&format!("<artifactId>{artifact}</artifactId>"))
            .unwrap()..];
        assert_eq!(tag(declared, "version"), version, "{pom}");
    }
    // The consumer project asks for the version this repository makes.
    let consumer = read("bindings-mobile/jvm/consumer/pom.xml");
    assert_eq!(tag(&consumer, "helpdesk.version"), version);
}

/// Every package links to the project's home, declared once in the
/// workspace (`workspace.package.repository`): the crates inherit it, and
/// the manifests that cannot (PyPI, npm, Maven) state the same address.
#[test]
fn every_package_links_to_the_workspace_repository() {
    let cargo = read("Cargo.toml");
    let package = &cargo[cargo.find("[workspace.package]").unwrap()..];
    let home = quoted_after(package, "repository =");
    assert!(home.starts_with("https://"), "{home}");
    assert!(
        read("core/Cargo.toml").contains("repository.workspace = true"),
        "core/Cargo.toml must inherit the repository"
    );
    let pyproject = read("bindings-python/pyproject.toml");
    let urls = &pyproject[pyproject.find("[project.urls]").expect("[project.urls]")..];
    assert_eq!(quoted_after(urls, "Repository ="), home, "pyproject.toml");
    let npm: serde_json::Value = serde_json::from_str(&read("bindings-node/package.json")).unwrap();
    assert_eq!(
        npm["repository"]["url"].as_str(),
        Some(format!("git+{home}.git").as_str()),
        "package.json"
    );
    let pom = read("bindings-mobile/jvm/pom.xml");
    assert_eq!(tag(&pom, "url"), home, "the POM's <url>");
    assert_eq!(
        tag(&pom[pom.find("<scm>").unwrap()..], "url"),
        home,
        "the POM's <scm>"
    );
    // Every other address of the packages' metadata is on the same site.
    for (manifest, text) in [
        ("pyproject.toml", &pyproject),
        ("package.json", &read("bindings-node/package.json")),
    ] {
        for address in text.split('"').filter(|part| part.contains("://")) {
            assert!(
                address.contains(home) || address.starts_with("https://docs.rs/"),
                "{manifest}: {address} is not the project's"
            );
        }
    }
}

/// The packages that carry the licence texts (the crate, the Python wheel
/// and sdist, which cannot reach the root's files) carry the root's very
/// text: every `LICENSE-*` the repository keeps equals the root's file.
#[test]
fn every_licence_copy_is_the_root_text() {
    let listed = std::process::Command::new("git")
        .args(["ls-files", "--", "*LICENSE-*"])
        .current_dir(root())
        .output()
        .expect("git");
    let copies: Vec<String> = String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .filter(|path| path.contains('/'))
        .map(str::to_string)
        .collect();
    assert!(copies.len() >= 4, "found {copies:?}");
    for copy in &copies {
        let name = copy.rsplit('/').next().unwrap();
        assert_eq!(
            read(copy),
            read(name),
            "{copy} differs from the root's {name}"
        );
    }
}

/// The text of the first `<name>…</name>` of `xml`.
fn tag<'x>(xml: &'x str, name: &str) -> &'x str {
    let open = format!("<{name}>");
    let start = xml.find(&open).unwrap() + open.len();
    let end = start + xml[start..].find(&format!("</{name}>")).unwrap();
    &xml[start..end]
}

/// The Markdown files the repository keeps (what `git ls-files` lists).
fn markdown_files() -> Vec<PathBuf> {
    let listed = std::process::Command::new("git")
        .args(["ls-files", "--", "*.md"])
        .current_dir(root())
        .output()
        .expect("git");
    String::from_utf8(listed.stdout)
        .unwrap()
        .lines()
        .map(|line| root().join(line))
        .collect()
}

/// The targets of the inline links `[text](target)` of `markdown`, code
/// spans and blocks left out.
fn link_targets(markdown: &str) -> Vec<String> {
    let mut targets = Vec::new();
    let mut in_block = false;
    for line in markdown.lines() {
        if line.trim_start().starts_with("```") {
            in_block = !in_block;
            continue;
        }
        if in_block {
            continue;
        }
        // Code spans hold examples, not links.
        let prose: String = line.split('`').step_by(2).collect::<Vec<_>>().join(" ");
        let mut rest = prose.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = after[..end].split_whitespace().next().unwrap_or("");
            targets.push(target.to_string());
            rest = &after[end..];
        }
    }
    targets
}

/// A user who clones the repository can follow every link of its
/// documentation: a relative link names a file or folder inside the
/// repository (never beside it, as `../shared` was), and no document sends
/// readers to a path outside it.
#[test]
fn no_link_of_the_documentation_leads_outside_the_repository() {
    let root = root().canonicalize().unwrap();
    let files = markdown_files();
    assert!(files.len() >= 5, "found {} Markdown files", files.len());
    let mut broken = Vec::new();
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap();
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(file)
            .display()
            .to_string();
        if text.contains("../shared") {
            broken.push(format!("{shown}: names ../shared, which users do not have"));
        }
        for target in link_targets(&text) {
            let external = ["http://", "https://", "mailto:"]
                .iter()
                .any(|scheme| target.starts_with(scheme));
            if external || target.starts_with('#') || target.is_empty() {
                continue;
            }
            let path = target.split('#').next().unwrap();
            let resolved = file.parent().unwrap().join(path);
            match resolved.canonicalize() {
                Ok(found) if found.starts_with(&root) => {}
                Ok(_) => broken.push(format!("{shown}: {target} leads outside the repository")),
                Err(_) => broken.push(format!("{shown}: {target} does not exist")),
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

/// The rule ids in `text`: two to four capitals, a hyphen, digits
/// (`VIS-4`, `MAIL-2`), standing alone.
fn rule_ids(text: &str) -> std::collections::BTreeSet<String> {
    let bytes = text.as_bytes();
    let mut found = std::collections::BTreeSet::new();
    let mut i = 0;
    while i < bytes.len() {
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_uppercase() {
            i += 1;
        }
        let letters = i - start;
        let alone_before = start == 0 || !bytes[start - 1].is_ascii_alphanumeric();
        if (2..=4).contains(&letters) && alone_before && bytes.get(i) == Some(&b'-') {
            let digits_start = i + 1;
            let mut j = digits_start;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let alone_after = j == bytes.len() || !bytes[j].is_ascii_alphanumeric();
            if j > digits_start && alone_after {
                found.insert(text[start..j].to_string());
            }
            i = j.max(i + 1);
        } else if i == start {
            i += 1;
        }
    }
    found
}

/// Every rule id the library's code, doc comments and error messages cite
/// is stated in RULES.md, which users have (names that only look like
/// rule ids — encodings and hashes — excepted).
#[test]
fn every_rule_the_code_cites_is_stated_in_rules_md() {
    const NOT_RULES: [&str; 3] = ["FNV-1", "SHA-256", "UTF-8"];
    let rules = read("RULES.md");
    let stated: std::collections::BTreeSet<String> = rule_ids(&rules)
        .into_iter()
        .filter(|id| rules.contains(&format!("**{id}**")))
        .collect();
    let mut cited = std::collections::BTreeSet::new();
    let mut dirs = vec![root().join("core/src")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                cited.extend(rule_ids(&std::fs::read_to_string(&path).unwrap()));
            }
        }
    }
    assert!(cited.len() > 50, "found only {} rule ids", cited.len());
    let missing: Vec<&String> = cited
        .iter()
        .filter(|id| !stated.contains(*id) && !NOT_RULES.contains(&id.as_str()))
        .collect();
    assert!(
        missing.is_empty(),
        "cited but not stated in RULES.md: {missing:?}"
    );
}
