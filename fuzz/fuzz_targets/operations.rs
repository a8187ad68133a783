//! The operation-sequence model: sequences of operations, by name with JSON
//! arguments as every binding sends them (`helpdesk::json_api::call`), by
//! the host, a manager, an agent and a portal user, on a small desk.
//! Nothing panics, no error is `internal`, and a refused operation leaves
//! the store exactly as it was.
#![no_main]

use helpdesk::*;
use libfuzzer_sys::arbitrary::{self, Arbitrary};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

/// An argument value; ids are small so that they name what exists.
#[derive(Arbitrary, Debug)]
enum Arg {
    Null,
    Bool(bool),
    Id(u8),
    Number(i64),
    Text(String),
    Ids(Vec<u8>),
    Decimal(i32, u8),
}

impl Arg {
    fn json(&self) -> Value {
        match self {
            Arg::Null => Value::Null,
            Arg::Bool(b) => json!(b),
            Arg::Id(id) => json!(id),
            Arg::Number(n) => json!(n),
            Arg::Text(text) => json!(text),
            Arg::Ids(ids) => json!(ids),
            Arg::Decimal(units, scale) => {
                json!(Decimal::new(i64::from(*units), u32::from(*scale % 29)).to_string())
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Call {
    op: u8,
    actor: u8,
    args: Vec<(u8, Arg)>,
}

/// Each operation's name and the names its arguments may have.
fn operations() -> &'static Vec<(String, Vec<String>)> {
    static OPS: OnceLock<Vec<(String, Vec<String>)>> = OnceLock::new();
    OPS.get_or_init(|| {
        let api: Value = serde_json::from_str(include_str!("../../core/api.json")).unwrap();
        let records = api["records"].as_object().unwrap();
        api["operations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|op| {
                let mut names = Vec::new();
                for param in op["params"].as_array().unwrap() {
                    let ty = param["type"].as_str().unwrap();
                    match records.get(ty) {
                        Some(record) => names.extend(
                            record["fields"]
                                .as_array()
                                .unwrap()
                                .iter()
                                .map(|f| f["name"].as_str().unwrap().to_string()),
                        ),
                        None => names.push(param["name"].as_str().unwrap().to_string()),
                    }
                }
                (op["name"].as_str().unwrap().to_string(), names)
            })
            .collect()
    })
}

/// A desk with a company, a manager, an agent, a team, a customer with a
/// portal login and a ticket.
fn desk() -> (Helpdesk, Vec<Actor>) {
    let desk = Helpdesk::in_memory();
    let sys = Actor::System;
    let call = |op: &str, args: Value| json_api::call(&desk, op, sys, args).unwrap();
    let company = call("create_company", json!({"name": "Acme"}))["id"].clone();
    let user = |role: &str| {
        call(
            "create_user",
            json!({"name": role, "kind": "internal", "role": role, "companies": [company]}),
        )["id"]
            .as_i64()
            .unwrap()
    };
    let (manager, agent) = (user("manager"), user("agent"));
    let customer = call(
        "create_partner",
        json!({"company": company, "name": "Carla"}),
    )["id"]
        .clone();
    let portal = call(
        "create_user",
        json!({"name": "Carla", "kind": "portal", "companies": [company], "partner": customer}),
    )["id"]
        .as_i64()
        .unwrap();
    let team = call(
        "create_team",
        json!({"company": company, "name": "Support", "members": [agent],
               "settings": {"coupons": true, "refunds": true, "repairs": true, "returns": true}}),
    )["id"]
        .clone();
    call(
        "create_ticket",
        json!({"team": team, "subject": "Help", "customer": customer}),
    );
    let actors = [manager, agent, portal]
        .into_iter()
        .map(|id| Actor::User(UserId(id)))
        .chain([Actor::System])
        .collect();
    (desk, actors)
}

fuzz_target!(|calls: Vec<Call>| {
    let (desk, actors) = desk();
    let ops = operations();
    for call in calls.iter().take(16) {
        let (op, names) = &ops[usize::from(call.op) % ops.len()];
        let actor = actors[usize::from(call.actor) % actors.len()];
        let mut args = Map::new();
        for (name, value) in &call.args {
            if !names.is_empty() {
                args.insert(
                    names[usize::from(*name) % names.len()].clone(),
                    value.json(),
                );
            }
        }
        let before = desk.snapshot().unwrap();
        if let Err(error) = json_api::call(&desk, op, actor, Value::Object(args)) {
            assert!(!matches!(error, Error::Internal { .. }), "{op}: {error}");
            assert_eq!(
                desk.snapshot().unwrap(),
                before,
                "{op} refused ({error}) but wrote"
            );
        }
    }
});
