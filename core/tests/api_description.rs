//! `core/api.json`: the machine-readable description of the library's API,
//! read from this crate's own source — every operation of the façade (its
//! parameters and result), every record and enum they reach (fields, their
//! types, which may be left out). The bindings' parity tests compare their
//! signatures and records with it, in each language's case.
//!
//! The file is checked in; this test fails when it is out of date and
//! rewrites it when run with `UPDATE_API=1`
//! (`UPDATE_API=1 cargo test -p helpdesk --test api_description`).
//!
//! A parameter Rust names `id` is published under its record's name
//! (`ticket` for a `TicketId`), as every language spells it; a parameter in
//! `OPTIONAL_PARAMETERS` is marked `optional` (a caller may leave it out).
//!
//! The same test writes, from the same description,
//! `core/src/json_api/generated.rs` (the tables and the dispatch of
//! [`helpdesk::json_api`]) and `bindings-mobile/src/operations.rs` (every
//! operation as a method of the Kotlin/Swift `Helpdesk`).
//!
//! A record field is `optional` where a caller may leave it out: a serde
//! default in a record a caller gives (one an operation's parameters reach);
//! in a record only ever returned, only a field that may be null.
//!
//! Types are written in a small language shared by every binding:
//! `actor`, `string`, `bool`, `u8`…`i64`, `usize`, `decimal`, `date`,
//! `instant`, `duration`, `time_of_day`, `unit`, `number` (an exact decimal
//! written as a JSON number: the working amounts of `Within`), `id:Ticket` (a `TicketId`),
//! `option<T>`, `list<T>`, and the name of a record or enum described in
//! the same file.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use serde_json::{json, Map, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use syn::{Attribute, Fields, FnArg, GenericArgument, Item, Pat, PathArguments, ReturnType, Type};

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            out.extend(sources(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
    out.sort();
    out
}

/// The doc comment of an item, its lines joined.
fn docs(attrs: &[Attribute]) -> String {
    let lines: Vec<String> = attrs
        .iter()
        .filter(|a| a.path().is_ident("doc"))
        .filter_map(|a| match &a.meta {
            syn::Meta::NameValue(nv) => match &nv.value {
                syn::Expr::Lit(syn::ExprLit {
                    lit: syn::Lit::Str(s),
                    ..
                }) => Some(s.value().trim().to_string()),
                _ => None,
            },
            _ => None,
        })
        .collect();
    lines.join("\n").trim().to_string()
}

/// The text of every `#[serde(...)]` and `#[derive(...)]` of an item.
fn attr_text(attrs: &[Attribute], name: &str) -> String {
    attrs
        .iter()
        .filter(|a| a.path().is_ident(name))
        .map(|a| quote::ToTokens::to_token_stream(&a.meta).to_string())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A serde type: it derives `Serialize` or `Deserialize`.
fn is_serde(attrs: &[Attribute]) -> bool {
    let derives = attr_text(attrs, "derive");
    derives.contains("Serialize") || derives.contains("Deserialize")
}

/// `snake_case` of a `CamelCase` variant name.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('_');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The name a parameter is published under: its Rust name, except that a
/// parameter Rust names `id` is named after its record (`ticket` for a
/// `TicketId`; `program`, `task`, `entry`, `policy` and `project` for the
/// ids of coupon programs, field-service tasks, time entries, SLA policies
/// and field-service projects).
fn published(rust: &str, ty: &str) -> String {
    match ty.strip_prefix("id:") {
        Some(kind) if rust == "id" => match kind {
            "CouponProgram" => "program".into(),
            "FieldServiceTask" => "task".into(),
            "TimeEntry" => "entry".into(),
            "SlaPolicy" => "policy".into(),
            "FieldServiceProject" => "project".into(),
            other => snake(other),
        },
        _ => rust.to_string(),
    }
}

/// What the describer collects from the source.
#[derive(Default)]
struct Source {
    /// `XxxId` newtypes (from `ids.rs`).
    ids: BTreeSet<String>,
    structs: BTreeMap<String, syn::ItemStruct>,
    enums: BTreeMap<String, syn::ItemEnum>,
    operations: BTreeMap<String, syn::ImplItemFn>,
    /// The order operations appear in `OPERATIONS`.
    order: Vec<String>,
    /// `OPTIONAL_PARAMETERS`: (operation, published parameter).
    optional: BTreeSet<(String, String)>,
}

impl Source {
    fn read(root: &Path) -> Self {
        let mut source = Source::default();
        for path in sources(root) {
            let text = std::fs::read_to_string(&path).unwrap();
            let file = syn::parse_file(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            source.items(&file.items);
            if path.ends_with("ids.rs") {
                for word in text.split(|c: char| !c.is_alphanumeric()) {
                    if word.len() > 2
                        && word.ends_with("Id")
                        && word.starts_with(char::is_uppercase)
                    {
                        source.ids.insert(word.to_string());
                    }
                }
            }
        }
        source
    }

    fn items(&mut self, items: &[Item]) {
        for item in items {
            match item {
                Item::Struct(s) if matches!(s.vis, syn::Visibility::Public(_)) => {
                    self.structs.insert(s.ident.to_string(), s.clone());
                }
                Item::Enum(e) if matches!(e.vis, syn::Visibility::Public(_)) => {
                    self.enums.insert(e.ident.to_string(), e.clone());
                }
                Item::Mod(m) => {
                    if let Some((_, inner)) = &m.content {
                        if !attr_text(&m.attrs, "cfg").contains("test") {
                            self.items(inner);
                        }
                    }
                }
                Item::Const(c) if c.ident == "OPTIONAL_PARAMETERS" => {
                    let text = quote::ToTokens::to_token_stream(&c.expr).to_string();
                    let names: Vec<String> = text
                        .split('"')
                        .skip(1)
                        .step_by(2)
                        .map(str::to_string)
                        .collect();
                    self.optional = names
                        .chunks(2)
                        .map(|pair| (pair[0].clone(), pair[1].clone()))
                        .collect();
                }
                Item::Const(c) if c.ident == "OPERATIONS" => {
                    let text = quote::ToTokens::to_token_stream(&c.expr).to_string();
                    self.order = text
                        .split('"')
                        .skip(1)
                        .step_by(2)
                        .map(str::to_string)
                        .collect();
                }
                Item::Impl(block) => {
                    let is_desk =
                        matches!(&*block.self_ty, Type::Path(p) if p.path.is_ident("Helpdesk"));
                    if !is_desk || block.trait_.is_some() {
                        continue;
                    }
                    for member in &block.items {
                        if let syn::ImplItem::Fn(f) = member {
                            let public = matches!(f.vis, syn::Visibility::Public(_));
                            let mut args = f.sig.inputs.iter();
                            let on_self = matches!(args.next(), Some(FnArg::Receiver(_)));
                            let acted = matches!(args.next(), Some(FnArg::Typed(t))
                                if matches!(&*t.ty, Type::Path(p) if p.path.is_ident("Actor")));
                            if public && on_self && acted {
                                self.operations.insert(f.sig.ident.to_string(), f.clone());
                            }
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The describer: types met while describing, to describe them in turn.
struct Describer<'a> {
    source: &'a Source,
    pending: Vec<String>,
    /// `OPTIONAL_PARAMETERS` not yet met among the operations' parameters.
    declared_optional: BTreeSet<(String, String)>,
}

impl Describer<'_> {
    /// A Rust type in the shared type language.
    fn ty(&mut self, ty: &Type) -> String {
        match ty {
            Type::Reference(r) => self.ty(&r.elem),
            Type::Tuple(t) if t.elems.is_empty() => "unit".into(),
            Type::Path(p) => {
                let last = p.path.segments.last().unwrap();
                let name = last.ident.to_string();
                let args: Vec<&Type> = match &last.arguments {
                    PathArguments::AngleBracketed(a) => a
                        .args
                        .iter()
                        .filter_map(|g| match g {
                            GenericArgument::Type(t) => Some(t),
                            _ => None,
                        })
                        .collect(),
                    _ => Vec::new(),
                };
                match name.as_str() {
                    "String" | "str" => "string".into(),
                    "bool" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" | "usize" => name,
                    "Decimal" => "decimal".into(),
                    "NaiveDate" => "date".into(),
                    "DateTime" => "instant".into(),
                    "Duration" | "TimeDelta" => "duration".into(),
                    "ClockTime" => "time_of_day".into(),
                    "Actor" => "actor".into(),
                    "Option" => format!("option<{}>", self.ty(args[0])),
                    "Vec" if matches!(args[0], Type::Path(p) if p.path.is_ident("u8")) => {
                        "bytes".into()
                    }
                    "Vec" | "BTreeSet" => format!("list<{}>", self.ty(args[0])),
                    "Result" => self.ty(args[0]),
                    id if self.source.ids.contains(id) => {
                        format!("id:{}", id.trim_end_matches("Id"))
                    }
                    other => {
                        assert!(
                            self.source.structs.contains_key(other)
                                || self.source.enums.contains_key(other),
                            "the API names {other}, which is neither a record nor an enum of core"
                        );
                        self.pending.push(other.to_string());
                        other.to_string()
                    }
                }
            }
            other => panic!(
                "no API type for {}",
                quote::ToTokens::to_token_stream(other)
            ),
        }
    }

    fn operation(&mut self, f: &syn::ImplItemFn) -> Value {
        let params: Vec<Value> = f
            .sig
            .inputs
            .iter()
            .skip(2)
            .map(|arg| match arg {
                FnArg::Typed(t) => {
                    let Pat::Ident(name) = &*t.pat else {
                        panic!("{}: a parameter without a plain name", f.sig.ident)
                    };
                    let ty = self.ty(&t.ty);
                    let name = published(&name.ident.to_string(), &ty);
                    let key = (f.sig.ident.to_string(), name.clone());
                    let optional = self.source.optional.contains(&key);
                    self.declared_optional.remove(&key);
                    json!({"name": name, "type": ty, "optional": optional})
                }
                FnArg::Receiver(_) => unreachable!("the receiver is skipped"),
            })
            .collect();
        let returns = match &f.sig.output {
            ReturnType::Default => "unit".to_string(),
            ReturnType::Type(_, ty) => self.ty(ty),
        };
        json!({
            "name": f.sig.ident.to_string(),
            "doc": docs(&f.attrs),
            "params": params,
            "returns": returns,
        })
    }

    fn record(&mut self, s: &syn::ItemStruct) -> Value {
        let serde = attr_text(&s.attrs, "serde");
        let all_default = serde.contains("default");
        let fields: Vec<Value> = match &s.fields {
            Fields::Named(named) => named
                .named
                .iter()
                // A field left out of the JSON (`skip`), not one written
                // only when set (`skip_serializing_if`).
                .filter(|f| {
                    !attr_text(&f.attrs, "serde")
                        .replace("skip_serializing_if", "")
                        .contains("skip")
                })
                .map(|f| {
                    let serde = attr_text(&f.attrs, "serde");
                    // A decimal written as a JSON number (`Within`'s amounts).
                    let ty = if serde.contains("decimal_number") {
                        "number".to_string()
                    } else {
                        self.ty(&f.ty)
                    };
                    let flatten = serde.contains("flatten");
                    let optional =
                        all_default || serde.contains("default") || ty.starts_with("option<");
                    let mut field = json!({
                        "name": f.ident.as_ref().unwrap().to_string(),
                        "type": ty,
                        "optional": optional,
                        "doc": docs(&f.attrs),
                    });
                    if flatten {
                        field["flatten"] = true.into();
                    }
                    field
                })
                .collect(),
            _ => panic!("{} is a record without named fields", s.ident),
        };
        json!({"doc": docs(&s.attrs), "fields": fields})
    }

    fn enumeration(&mut self, e: &syn::ItemEnum) -> Value {
        let serde = attr_text(&e.attrs, "serde");
        let tag = serde
            .split("tag = \"")
            .nth(1)
            .map(|rest| rest.split('"').next().unwrap().to_string());
        let variants: Vec<Value> = e
            .variants
            .iter()
            .map(|v| {
                let mut variant = json!({"name": snake(&v.ident.to_string()), "doc": docs(&v.attrs)});
                if let Fields::Named(named) = &v.fields {
                    let fields: Vec<Value> = named
                        .named
                        .iter()
                        .map(|f| json!({"name": f.ident.as_ref().unwrap().to_string(), "type": self.ty(&f.ty)}))
                        .collect();
                    variant["fields"] = fields.into();
                }
                variant
            })
            .collect();
        let mut out = json!({"doc": docs(&e.attrs), "variants": variants});
        if let Some(tag) = tag {
            out["tag"] = tag.into();
        }
        out
    }
}

/// The records a caller gives: those the operations' parameters reach.
fn input_records(operations: &[Value], records: &Map<String, Value>) -> BTreeSet<String> {
    let named = |ty: &str| -> Option<String> {
        let inner = ty
            .trim_start_matches("option<")
            .trim_start_matches("list<")
            .trim_end_matches('>');
        records.contains_key(inner).then(|| inner.to_string())
    };
    let mut pending: Vec<String> = operations
        .iter()
        .flat_map(|o| o["params"].as_array().unwrap().iter())
        .filter_map(|p| named(p["type"].as_str().unwrap()))
        .collect();
    let mut seen = BTreeSet::new();
    while let Some(name) = pending.pop() {
        if seen.insert(name.clone()) {
            for field in records[&name]["fields"].as_array().unwrap() {
                pending.extend(named(field["type"].as_str().unwrap()));
            }
        }
    }
    seen
}

/// The record of a desk's set-up options (seed, limits) that every
/// binding's constructors take.
const DESK_OPTIONS: &str = "DeskOptions";

/// The API description of the crate at `root` (its `src`).
fn describe(root: &Path) -> Value {
    let source = Source::read(root);
    let found: BTreeSet<&String> = source.operations.keys().collect();
    let listed: BTreeSet<&String> = source.order.iter().collect();
    assert_eq!(
        listed.len(),
        source.order.len(),
        "OPERATIONS has duplicates"
    );
    assert_eq!(found, listed, "OPERATIONS and the façade's methods differ");
    let mut describer = Describer {
        source: &source,
        pending: Vec::new(),
        declared_optional: source.optional.clone(),
    };
    let operations: Vec<Value> = source
        .order
        .iter()
        .map(|name| describer.operation(&source.operations[name]))
        .collect();
    assert!(
        describer.declared_optional.is_empty(),
        "OPTIONAL_PARAMETERS names parameters no operation has: {:?}",
        describer.declared_optional
    );
    // What every language's in_memory/open takes besides a clock.
    describer.pending.push(DESK_OPTIONS.to_string());
    let mut records = Map::new();
    let mut enums = Map::new();
    while let Some(name) = describer.pending.pop() {
        if records.contains_key(&name) || enums.contains_key(&name) {
            continue;
        }
        if let Some(s) = source.structs.get(&name) {
            assert!(is_serde(&s.attrs), "{name} is in the API but not serde");
            let record = describer.record(s);
            records.insert(name, record);
        } else {
            let e = &source.enums[&name];
            let described = describer.enumeration(e);
            enums.insert(name, described);
        }
    }
    // A field "may be left out" only where a caller gives the record: in a
    // record only ever returned, a serde default is about reading old data,
    // and every result carries the field (only an `option<…>` may be null).
    let mut inputs = input_records(&operations, &records);
    inputs.insert(DESK_OPTIONS.to_string());
    inputs.insert("Limits".to_string());
    for (name, record) in records.iter_mut() {
        if inputs.contains(name) {
            continue;
        }
        for field in record["fields"].as_array_mut().unwrap() {
            let nullable = field["type"].as_str().unwrap().starts_with("option<");
            field["optional"] = nullable.into();
        }
    }
    let sorted = |map: Map<String, Value>| -> Value {
        Value::Object(
            map.into_iter()
                .collect::<BTreeMap<_, _>>()
                .into_iter()
                .collect(),
        )
    };
    json!({
        "about": "@generated by core/tests/api_description.rs from core's source: do not edit; UPDATE_API=1 cargo test -p helpdesk --test api_description rewrites it",
        "operations": operations,
        "desk_options": DESK_OPTIONS,
        "records": sorted(records),
        "enums": sorted(enums),
    })
}

/// Fails when the checked-in file at `path` differs from `text`; rewrites
/// it instead under `UPDATE_API=1`.
fn ensure_file(path: &Path, text: &str) {
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    if checked_in != text {
        if std::env::var_os("UPDATE_API").is_some() {
            std::fs::write(path, text).unwrap();
        } else {
            panic!(
                "{} is out of date: run \
                 UPDATE_API=1 cargo test -p helpdesk --test api_description",
                path.display()
            );
        }
    }
}

/// `s` as a Rust string literal.
fn lit(s: &str) -> String {
    format!("{s:?}")
}

/// The Rust source of `json_api/generated.rs` for a description.
fn json_api_tables(api: &Value) -> String {
    let mut out = String::from(
        "//! @generated by core/tests/api_description.rs from core's source \
         (with core/api.json): do not edit. \
         `UPDATE_API=1 cargo test -p helpdesk --test api_description` rewrites it.\n\n\
         use super::{out, seconds, Args, Enumeration, Field, Operation, Record};\n\
         use crate::{Actor, Error, Helpdesk, Result};\n\
         use serde_json::Value;\n\n",
    );
    let mut operations: Vec<&Value> = api["operations"].as_array().unwrap().iter().collect();
    operations.sort_by_key(|o| o["name"].as_str().unwrap().to_string());
    out.push_str(
        "/// Every operation, by name.\npub(super) static OPERATIONS: &[Operation] = &[\n",
    );
    for o in &operations {
        let params: Vec<String> = o["params"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| {
                format!(
                    "({}, {})",
                    lit(p["name"].as_str().unwrap()),
                    lit(p["type"].as_str().unwrap())
                )
            })
            .collect();
        out.push_str(&format!(
            "Operation {{ name: {}, params: &[{}] }},\n",
            lit(o["name"].as_str().unwrap()),
            params.join(", ")
        ));
    }
    out.push_str("];\n\n/// Every record the operations reach, by name.\npub(super) static RECORDS: &[Record] = &[\n");
    for (name, record) in api["records"].as_object().unwrap() {
        let fields: Vec<String> = record["fields"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                format!(
                    "Field {{ name: {}, ty: {}, optional: {}, flatten: {} }}",
                    lit(f["name"].as_str().unwrap()),
                    lit(f["type"].as_str().unwrap()),
                    f["optional"].as_bool().unwrap(),
                    f.get("flatten").and_then(Value::as_bool).unwrap_or(false)
                )
            })
            .collect();
        out.push_str(&format!(
            "Record {{ name: {}, fields: &[{}] }},\n",
            lit(name),
            fields.join(", ")
        ));
    }
    out.push_str("];\n\n/// Every enum the operations reach, by name.\npub(super) static ENUMS: &[Enumeration] = &[\n");
    for (name, e) in api["enums"].as_object().unwrap() {
        let variants: Vec<String> = e["variants"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| {
                let fields: Vec<String> = v
                    .get("fields")
                    .and_then(Value::as_array)
                    .map(|fs| {
                        fs.iter()
                            .map(|f| {
                                format!(
                                    "({}, {})",
                                    lit(f["name"].as_str().unwrap()),
                                    lit(f["type"].as_str().unwrap())
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default();
                format!(
                    "({}, &[{}])",
                    lit(v["name"].as_str().unwrap()),
                    fields.join(", ")
                )
            })
            .collect();
        let tag = match e.get("tag").and_then(Value::as_str) {
            Some(tag) => format!("Some({})", lit(tag)),
            None => "None".into(),
        };
        out.push_str(&format!(
            "Enumeration {{ name: {}, tag: {tag}, variants: &[{}] }},\n",
            lit(name),
            variants.join(", ")
        ));
    }
    out.push_str(
        "];\n\n/// Runs `op` with its arguments, read and checked by the caller.\n\
         pub(super) fn invoke(desk: &Helpdesk, actor: Actor, op: &str, a: &mut Args) -> Result<Value> {\n\
         match op {\n",
    );
    for o in &operations {
        let name = o["name"].as_str().unwrap();
        let args: Vec<String> = o["params"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, p)| match p["type"].as_str().unwrap() {
                "duration" => format!("a.duration({i})?"),
                "bytes" => format!("a.bytes({i})?"),
                _ => format!("a.take({i})?"),
            })
            .collect();
        let wrap = if o["returns"] == "duration" {
            "seconds"
        } else {
            "out"
        };
        let mut call = vec!["actor".to_string()];
        call.extend(args);
        out.push_str(&format!(
            "{}=> {wrap}(desk.{name}({})),\n",
            lit(name),
            call.join(", ")
        ));
    }
    out.push_str(
        "other => Err(Error::invalid(\"op\", format!(\"{other:?} is not an operation\"))),\n}\n}\n",
    );
    rustfmt(&out)
}

/// `source` as rustfmt writes it (the generated file passes `cargo fmt`).
fn rustfmt(source: &str) -> String {
    use std::io::Write;
    let mut child = std::process::Command::new("rustfmt")
        .args(["--edition", "2021", "--emit", "stdout"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("rustfmt (rustup component add rustfmt)");
    child
        .stdin
        .take()
        .unwrap()
        .write_all(source.as_bytes())
        .unwrap();
    let output = child.wait_with_output().unwrap();
    assert!(
        output.status.success(),
        "rustfmt refused the generated source"
    );
    String::from_utf8(output.stdout).unwrap()
}

/// The Rust type of the mobile binding for an API type (`restated`: the
/// inputs the binding declares itself, in its `inputs` module).
fn mobile_type(ty: &str, restated: &BTreeSet<String>) -> String {
    if let Some(inner) = ty.strip_prefix("option<").and_then(|t| t.strip_suffix('>')) {
        return format!("Option<{}>", mobile_type(inner, restated));
    }
    if let Some(inner) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        return format!("Vec<{}>", mobile_type(inner, restated));
    }
    if let Some(kind) = ty.strip_prefix("id:") {
        return format!("helpdesk::{kind}Id");
    }
    match ty {
        "unit" => "()".into(),
        "string" => "String".into(),
        "bytes" => "Vec<u8>".into(),
        "bool" | "u8" | "u16" | "u32" | "u64" | "i32" | "i64" => ty.into(),
        "usize" => "crate::types::LineIndex".into(),
        "decimal" | "number" => "helpdesk::Decimal".into(),
        "date" => "crate::types::LocalDate".into(),
        "instant" => "crate::types::UtcDateTime".into(),
        "duration" => "crate::types::SignedDuration".into(),
        name if restated.contains(name) => format!("crate::inputs::{name}"),
        name => format!("helpdesk::{name}"),
    }
}

/// The Rust source of `bindings-mobile/src/operations.rs`: every operation
/// as a method of the uniffi `Helpdesk` object, forwarding to core.
fn mobile_operations(api: &Value, root: &Path) -> String {
    let inputs = std::fs::read_to_string(root.join("../bindings-mobile/src/inputs.rs")).unwrap();
    let restated: BTreeSet<String> = inputs
        .lines()
        .filter_map(|l| l.strip_prefix("pub struct "))
        .map(|rest| rest.split([' ', '{']).next().unwrap().to_string())
        .collect();
    let mut out = String::from(
        "//! @generated by core/tests/api_description.rs from core/api.json: do not edit. \
         `UPDATE_API=1 cargo test -p helpdesk --test api_description` rewrites it.\n\
         //!\n\
         //! Every operation of the core façade as a method of `Helpdesk` (Kotlin \
         lowerCamelCase, Swift too), forwarding to the core; the inputs the binding \
         restates (`inputs.rs`) are converted on the way.\n\n\
         use crate::desk::Helpdesk;\n\
         use crate::HelpdeskError;\n\n\
         #[uniffi::export]\nimpl Helpdesk {\n",
    );
    for o in api["operations"].as_array().unwrap() {
        let name = o["name"].as_str().unwrap();
        let mut params = vec!["&self".to_string(), "actor: helpdesk::Actor".to_string()];
        let mut args = vec!["actor".to_string()];
        for p in o["params"].as_array().unwrap() {
            let (pname, ty) = (p["name"].as_str().unwrap(), p["type"].as_str().unwrap());
            params.push(format!("{pname}: {}", mobile_type(ty, &restated)));
            let list_of_restated = ty
                .strip_prefix("list<")
                .and_then(|t| t.strip_suffix('>'))
                .is_some_and(|t| restated.contains(t));
            args.push(if restated.contains(ty) {
                format!("{pname}.into()")
            } else if list_of_restated {
                format!("{pname}.into_iter().map(Into::into).collect()")
            } else {
                pname.to_string()
            });
        }
        for line in o["doc"].as_str().unwrap().lines() {
            out.push_str(&format!("/// {line}\n"));
        }
        let defaults: Vec<String> = o["params"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["optional"] == true)
            .map(|p| {
                let name = p["name"].as_str().unwrap();
                if p["type"].as_str().unwrap().starts_with("option<") {
                    format!("{name} = None")
                } else {
                    name.to_string()
                }
            })
            .collect();
        if !defaults.is_empty() {
            out.push_str(&format!(
                "#[uniffi::method(default({}))]\n",
                defaults.join(", ")
            ));
        }
        out.push_str(&format!(
            "pub fn {name}({}) -> Result<{}, HelpdeskError> {{\n\
             Ok(self.desk.{name}({})?)\n}}\n\n",
            params.join(", "),
            mobile_type(o["returns"].as_str().unwrap(), &restated),
            args.join(", ")
        ));
    }
    out.push_str("}\n");
    rustfmt(&out)
}

#[test]
fn api_json_and_the_json_dispatch_describe_the_facade_as_written() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let described = describe(&root.join("src"));
    let text = serde_json::to_string_pretty(&described).unwrap() + "\n";
    ensure_file(&root.join("api.json"), &text);
    ensure_file(
        &root.join("src/json_api/generated.rs"),
        &json_api_tables(&described),
    );
    ensure_file(
        &root.join("../bindings-mobile/src/operations.rs"),
        &mobile_operations(&described, root),
    );
}

#[test]
fn every_operation_takes_the_actor_first_and_returns_a_result() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let source = Source::read(&root.join("src"));
    for (name, f) in &source.operations {
        let returns = quote::ToTokens::to_token_stream(&f.sig.output).to_string();
        assert!(returns.contains("Result"), "{name} returns {returns}");
    }
    assert!(source.operations.len() >= 130);
}
