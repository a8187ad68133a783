//! `helpdesk::json_api`: operations called by name with JSON arguments read
//! by the library's rules. The golden replay (`golden.rs`) runs every
//! operation through it; these tests pin what it refuses, and how.

#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use helpdesk::*;
use serde_json::{json, Value};

fn desk_with_a_ticket() -> (Helpdesk, Value) {
    let desk = Helpdesk::in_memory();
    let company = json_api::call(
        &desk,
        "create_company",
        Actor::System,
        json!({"name": "Acme"}),
    )
    .unwrap();
    let team = json_api::call(
        &desk,
        "create_team",
        Actor::System,
        json!({"company": company["id"], "name": "Support"}),
    )
    .unwrap();
    let ticket = json_api::call(
        &desk,
        "create_ticket",
        Actor::System,
        json!({"team": team["id"], "subject": "Printer", "priority": "high"}),
    )
    .unwrap();
    (desk, ticket)
}

/// The field an `invalid_input` names.
fn refused_field(result: Result<Value>) -> &'static str {
    match result {
        Err(Error::InvalidInput { field, .. }) => field,
        other => panic!("expected invalid_input, got {other:?}"),
    }
}

#[test]
fn an_input_records_fields_are_arguments_beside_the_others() {
    let (desk, ticket) = desk_with_a_ticket();
    assert_eq!(ticket["priority"], "high");
    let updated = json_api::call(
        &desk,
        "update_ticket",
        Actor::System,
        json!({"ticket": ticket["id"], "subject": "Printer on fire"}),
    )
    .unwrap();
    assert_eq!(updated["subject"], "Printer on fire");
    assert_eq!(updated["priority"], "high", "a field left out is unchanged");
}

#[test]
fn values_are_read_by_the_scalar_rules_naming_the_field() {
    let (desk, ticket) = desk_with_a_ticket();
    let get = |args: Value| json_api::call(&desk, "get_ticket", Actor::System, args);
    assert_eq!(get(json!({"ticket": 1.0})).unwrap()["id"], ticket["id"]);
    for bad in [
        json!(1.9),
        json!(0),
        json!(-1),
        json!("1"),
        json!(9007199254740992_i64),
    ] {
        assert_eq!(
            refused_field(get(json!({ "ticket": bad }))),
            "ticket",
            "{bad}"
        );
    }
    let product = |price: Value| {
        json_api::call(
            &desk,
            "create_product",
            Actor::System,
            json!({"company": 1, "name": "Toner", "sale_price": price}),
        )
    };
    assert_eq!(product(json!("1e3")).unwrap()["sale_price"], "1000");
    assert_eq!(product(json!(12.5)).unwrap()["sale_price"], "12.5");
    for bad in [
        json!(" 7 "),
        json!("NaN"),
        json!("0.00000000000000000000000000001"),
        json!(true),
    ] {
        assert_eq!(refused_field(product(bad.clone())), "sale_price", "{bad}");
    }
}

#[test]
fn an_unknown_or_missing_argument_is_refused_and_nothing_is_written() {
    let (desk, ticket) = desk_with_a_ticket();
    let before = desk.snapshot().unwrap();
    let call = |op: &str, args: Value| json_api::call(&desk, op, Actor::System, args);
    assert_eq!(
        refused_field(call("move_ticket", json!({"ticket": ticket["id"]}))),
        "stage"
    );
    assert_eq!(
        refused_field(call(
            "update_ticket",
            json!({"ticket": ticket["id"], "subjet": "typo"})
        )),
        "args"
    );
    assert_eq!(
        refused_field(call(
            "update_ticket",
            json!({"ticket": ticket["id"], "priority": "blocker"})
        )),
        "priority"
    );
    assert_eq!(refused_field(call("no_such_operation", json!({}))), "op");
    assert_eq!(refused_field(call("get_ticket", json!([1]))), "args");
    assert_eq!(desk.snapshot().unwrap(), before);
}

#[test]
fn a_duration_is_a_number_of_seconds_and_working_time_refuses_a_fraction() {
    let desk = Helpdesk::in_memory();
    let call = |op: &str, args: Value| json_api::call(&desk, op, Actor::System, args);
    let company = call("create_company", json!({"name": "Acme"})).unwrap();
    let hours: Vec<Value> = ["monday", "tuesday", "wednesday", "thursday", "friday"]
        .iter()
        .map(|day| json!({"weekday": day, "start": "09:00", "end": "17:00"}))
        .collect();
    let calendar = call(
        "create_calendar",
        json!({"company": company["id"], "name": "Office", "time_zone": "UTC", "hours": hours,
               "closures": [{"kind": "period", "from": "2026-03-03T00:00:00+00:00", "to": "2026-03-04T00:00:00Z"}]}),
    )
    .unwrap();
    let add = |duration: Value| {
        call(
            "add_working_time",
            json!({"calendar": calendar["id"], "start": "2026-03-02T16:00:00Z", "duration": duration}),
        )
    };
    // Monday 16:00 + 2 h: one hour on Monday, Tuesday closed, one on Wednesday.
    assert_eq!(add(json!(7200)).unwrap(), "2026-03-04T10:00:00Z");
    assert_eq!(refused_field(add(json!(0.72))), "duration");
    let between = call(
        "working_time_between",
        json!({"calendar": calendar["id"], "a": "2026-03-02T09:00:00Z", "b": "2026-03-02T10:30:00+00:00"}),
    )
    .unwrap();
    assert_eq!(between, 5400);
    let bad_closure = call(
        "create_calendar",
        json!({"company": company["id"], "name": "X", "time_zone": "UTC", "hours": hours,
               "closures": [{"kind": "sometimes"}]}),
    );
    assert_eq!(refused_field(bad_closure), "closures");
}

#[test]
fn desk_options_are_read_by_the_described_rules_and_set_up_the_desk() {
    let options: DeskOptions = json_api::read(
        "DeskOptions",
        "options",
        json!({"seed": 7, "limits": {"subject": 10}}),
    )
    .unwrap();
    assert_eq!(options.seed, Some(7));
    assert_eq!(
        options.limits,
        Limits {
            subject: 10,
            ..Limits::default()
        }
    );
    let empty: DeskOptions = json_api::read("DeskOptions", "options", json!({})).unwrap();
    assert_eq!(empty, DeskOptions::default());
    for (bad, field) in [
        (json!({"seed": -1}), "seed"),
        (json!({"limits": {"subject": "ten"}}), "subject"),
        (json!({"limits": {"lines": 3}}), "limits"),
        (json!({"sede": 1}), "options"),
    ] {
        let error =
            json_api::read::<DeskOptions>("DeskOptions", "options", bad.clone()).unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{bad}");
        assert!(
            error.to_string().starts_with(&format!("invalid {field}")),
            "{bad}: {error}"
        );
    }
    let desk = Helpdesk::in_memory().with_options(options);
    assert_eq!(desk.limits().subject, 10);
}

/// Bytes cross the JSON dispatch as standard base64; other text is
/// `invalid_input` naming the parameter, and writes nothing.
#[test]
fn bytes_are_base64_and_bad_base64_names_the_parameter() {
    let desk = Helpdesk::in_memory();
    let company = desk
        .create_company(
            Actor::System,
            NewCompany {
                name: "Acme".into(),
            },
        )
        .unwrap();
    let before = desk.snapshot().unwrap();
    for raw in [json!("not base64!"), json!(12)] {
        let args = json!({"company": company.id.0, "raw": raw});
        match json_api::call(&desk, "receive_email", Actor::System, args) {
            Err(Error::InvalidInput { field, .. }) => assert_eq!(field, "raw"),
            other => panic!("expected invalid raw, got {other:?}"),
        }
    }
    assert_eq!(desk.snapshot().unwrap(), before);
    // Decoded, the bytes are a mail (refused for naming no team's alias).
    let mail = "From: a@example.com\r\nTo: b@example.com\r\nSubject: Hi\r\n\r\nHi\r\n";
    let args = json!({"company": company.id.0, "raw": scalars::format_base64(mail.as_bytes())});
    let error = json_api::call(&desk, "receive_email", Actor::System, args).unwrap_err();
    assert!(error.to_string().contains("alias"), "{error}");
}
