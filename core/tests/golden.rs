//! Replays the language-neutral golden cases of `tests/golden/` (format in
//! its README) against the Rust façade: the reference every binding matches.

// A test fails by panicking: unwrap, expect and panic are its assertions.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use chrono::{DateTime, Duration, Utc};
use helpdesk::*;
use serde::de::DeserializeOwned;
use serde_json::{json, Map, Value};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;

struct Replay {
    desk: Helpdesk,
    clock: ManualClock,
    names: HashMap<String, Value>,
}

impl Replay {
    fn resolve(&self, value: &Value) -> Value {
        match value {
            Value::String(s) if s.starts_with('$') => self
                .names
                .get(&s[1..])
                .cloned()
                .unwrap_or_else(|| panic!("unbound name {s}")),
            Value::Array(items) => Value::Array(items.iter().map(|v| self.resolve(v)).collect()),
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, v)| (k.clone(), self.resolve(v)))
                    .collect(),
            ),
            other => other.clone(),
        }
    }

    fn actor(&self, actor: &str) -> Actor {
        if actor == "system" {
            return Actor::System;
        }
        Actor::User(UserId(
            self.resolve(&json!(actor)).as_i64().expect("actor id"),
        ))
    }

    /// Calls `op` and returns its result as JSON.
    fn call(&self, op: &str, actor: Actor, args: &Map<String, Value>) -> Result<Value> {
        let d = &self.desk;
        fn arg<T: DeserializeOwned>(args: &Map<String, Value>, name: &str) -> T {
            serde_json::from_value(args.get(name).cloned().unwrap_or(Value::Null))
                .unwrap_or_else(|e| panic!("argument {name}: {e}"))
        }
        fn input<T: DeserializeOwned>(args: &Map<String, Value>, without: &[&str]) -> T {
            let fields: Map<String, Value> = args
                .iter()
                .filter(|(k, _)| !without.contains(&k.as_str()))
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            serde_json::from_value(Value::Object(fields)).unwrap_or_else(|e| panic!("input: {e}"))
        }
        fn out<T: serde::Serialize>(r: Result<T>) -> Result<Value> {
            r.map(|v| serde_json::to_value(v).expect("serialisable"))
        }
        let query = || TicketQuery {
            filter: input(args, &["sort", "limit", "cursor"]),
            sort: args
                .get("sort")
                .map(|_| arg(args, "sort"))
                .unwrap_or_default(),
            cursor: arg(args, "cursor"),
            limit: args.get("limit").map(|_| arg(args, "limit")).unwrap_or(50),
        };
        match op {
            "create_company" => out(d.create_company(actor, input(args, &[]))),
            "update_company" => {
                out(d.update_company(actor, arg(args, "company"), arg(args, "name")))
            }
            "get_company" => out(d.get_company(actor, arg(args, "company"))),
            "create_partner" => out(d.create_partner(actor, input(args, &[]))),
            "update_partner" => {
                out(d.update_partner(actor, arg(args, "partner"), input(args, &["partner"])))
            }
            "get_partner" => out(d.get_partner(actor, arg(args, "partner"))),
            "create_user" => out(d.create_user(actor, input(args, &[]))),
            "update_user" => out(d.update_user(actor, arg(args, "user"), input(args, &["user"]))),
            "get_user" => out(d.get_user(actor, arg(args, "user"))),
            "create_team" => out(d.create_team(actor, input(args, &[]))),
            "update_team" => out(d.update_team(actor, arg(args, "team"), input(args, &["team"]))),
            "set_team_members" => {
                out(d.set_team_members(actor, arg(args, "team"), arg(args, "members")))
            }
            "get_team" => out(d.get_team(actor, arg(args, "team"))),
            "list_teams" => out(d.list_teams(actor)),
            "follow_team" => out(d.follow_team(actor, arg(args, "team"), arg(args, "partner"))),
            "unfollow_team" => out(d.unfollow_team(actor, arg(args, "team"), arg(args, "partner"))),
            "team_followers" => out(d.team_followers(actor, arg(args, "team"))),
            "create_stage" => out(d.create_stage(actor, input(args, &[]))),
            "update_stage" => {
                out(d.update_stage(actor, arg(args, "stage"), input(args, &["stage"])))
            }
            "list_stages" => out(d.list_stages(actor, arg(args, "team"))),
            "create_tag" => out(d.create_tag(actor, arg(args, "company"), arg(args, "name"))),
            "list_tags" => out(d.list_tags(actor, arg(args, "company"))),
            "create_ticket_type" => {
                out(d.create_ticket_type(actor, arg(args, "company"), arg(args, "name")))
            }
            "list_ticket_types" => out(d.list_ticket_types(actor, arg(args, "company"))),
            "create_ticket" => out(d.create_ticket(actor, input(args, &[]))),
            "create_tickets" => out(d.create_tickets(actor, arg(args, "tickets"))),
            "set_ticket_team" => {
                out(d.set_ticket_team(actor, arg(args, "ticket"), arg(args, "team")))
            }
            "submit_ticket" => out(d.submit_ticket(actor, input(args, &[]))),
            "update_ticket" => {
                out(d.update_ticket(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "assign_ticket" => {
                out(d.assign_ticket(actor, arg(args, "ticket"), arg(args, "assignee")))
            }
            "set_ticket_customer" => {
                out(d.set_ticket_customer(actor, arg(args, "ticket"), arg(args, "customer")))
            }
            "set_ticket_type" => {
                out(d.set_ticket_type(actor, arg(args, "ticket"), arg(args, "ticket_type")))
            }
            "move_ticket" => out(d.move_ticket(actor, arg(args, "ticket"), arg(args, "stage"))),
            "archive_ticket" => out(d.archive_ticket(actor, arg(args, "ticket"))),
            "unarchive_ticket" => out(d.unarchive_ticket(actor, arg(args, "ticket"))),
            "follow_ticket" => {
                out(d.follow_ticket(actor, arg(args, "ticket"), arg(args, "partner")))
            }
            "unfollow_ticket" => {
                out(d.unfollow_ticket(actor, arg(args, "ticket"), arg(args, "partner")))
            }
            "ticket_followers" => out(d.ticket_followers(actor, arg(args, "ticket"))),
            "reply_to_ticket" => {
                out(d.reply_to_ticket(actor, arg(args, "ticket"), arg(args, "body")))
            }
            "add_internal_note" => {
                out(d.add_internal_note(actor, arg(args, "ticket"), arg(args, "body")))
            }
            "get_ticket" => out(d.get_ticket(actor, arg(args, "ticket"))),
            "list_tickets" => out(d.list_tickets(actor, query())),
            "count_tickets" => out(d.count_tickets(actor, input(args, &[]))),
            "list_messages" => out(d.list_messages(actor, arg(args, "ticket"))),
            "stage_history" => out(d.stage_history(actor, arg(args, "ticket"))),
            "create_calendar" => out(d.create_calendar(actor, input(args, &[]))),
            "update_calendar" => {
                out(d.update_calendar(actor, arg(args, "calendar"), input(args, &["calendar"])))
            }
            "get_calendar" => out(d.get_calendar(actor, arg(args, "calendar"))),
            "list_calendars" => out(d.list_calendars(actor, arg(args, "company"))),
            "add_working_time" => out(d.add_working_time(
                actor,
                arg(args, "calendar"),
                arg(args, "start"),
                Duration::seconds(arg(args, "seconds")),
            )),
            "working_time_between" => d
                .working_time_between(actor, arg(args, "calendar"), arg(args, "a"), arg(args, "b"))
                .map(|t| json!(t.num_seconds())),
            "set_user_calendar" => {
                out(d.set_user_calendar(actor, arg(args, "user"), arg(args, "calendar")))
            }
            "create_leave" => out(d.create_leave(actor, input(args, &[]))),
            "delete_leave" => out(d.delete_leave(actor, arg(args, "leave"))),
            "list_leaves" => out(d.list_leaves(actor, arg(args, "user"))),
            "suggest_assignee" => out(d.suggest_assignee(actor, arg(args, "team"))),
            "create_sla_policy" => out(d.create_sla_policy(actor, input(args, &[]))),
            "update_sla_policy" => {
                out(d.update_sla_policy(actor, arg(args, "policy"), input(args, &["policy"])))
            }
            "get_sla_policy" => out(d.get_sla_policy(actor, arg(args, "policy"))),
            "list_sla_policies" => out(d.list_sla_policies(actor, arg(args, "team"))),
            "ticket_sla_statuses" => out(d.ticket_sla_statuses(actor, arg(args, "ticket"))),
            "sla_report" => out(d.sla_report(actor, input(args, &[]))),
            "define_currency" => {
                out(d.define_currency(actor, arg(args, "code"), arg(args, "decimals")))
            }
            "create_product" => out(d.create_product(actor, input(args, &[]))),
            "create_tax" => out(d.create_tax(actor, input(args, &[]))),
            "create_journal" => out(d.create_journal(actor, input(args, &[]))),
            "create_sale_order" => out(d.create_sale_order(actor, input(args, &[]))),
            "confirm_sale_order" => out(d.confirm_sale_order(actor, arg(args, "sale_order"))),
            "get_sale_order" => out(d.get_sale_order(actor, arg(args, "sale_order"))),
            "create_invoice" => out(d.create_invoice(actor, input(args, &[]))),
            "get_invoice" => out(d.get_invoice(actor, arg(args, "invoice"))),
            "set_payment_state" => {
                out(d.set_payment_state(actor, arg(args, "invoice"), arg(args, "payment_state")))
            }
            "post_invoice" => out(d.post_invoice(actor, arg(args, "invoice"))),
            "cancel_invoice" => out(d.cancel_invoice(actor, arg(args, "invoice"))),
            "refundable_invoices" => {
                out(d.refundable_invoices(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "refund_defaults" => out(d.refund_defaults(actor, arg(args, "ticket"))),
            "reverse_invoice" => {
                out(d.reverse_invoice(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "reverse_and_reinvoice" => {
                out(d.reverse_and_reinvoice(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "update_credit_note_line" => out(d.update_credit_note_line(
                actor,
                arg(args, "credit_note"),
                arg(args, "line"),
                input(args, &["credit_note", "line"]),
            )),
            "post_due_credit_notes" => out(d.post_due_credit_notes(actor, arg(args, "at"))),
            "ticket_credit_notes" => out(d.ticket_credit_notes(actor, arg(args, "ticket"))),
            "create_coupon_program" => out(d.create_coupon_program(actor, input(args, &[]))),
            "get_coupon_program" => out(d.get_coupon_program(actor, arg(args, "program"))),
            "generate_coupon" => {
                out(d.generate_coupon(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "get_coupon" => out(d.get_coupon(actor, arg(args, "coupon"))),
            "ticket_coupons" => out(d.ticket_coupons(actor, arg(args, "ticket"))),
            "send_coupon" => out(d.send_coupon(actor, arg(args, "coupon"))),
            "coupon_share_link" => out(d.coupon_share_link(
                actor,
                arg(args, "coupon"),
                arg(args, "base_url"),
                arg(args, "redirect"),
            )),
            "redeem_coupon" => out(d.redeem_coupon(actor, input(args, &[]))),
            "create_unit_category" => {
                out(d.create_unit_category(actor, arg(args, "company"), arg(args, "name")))
            }
            "create_unit" => out(d.create_unit(actor, input(args, &[]))),
            "list_units" => out(d.list_units(actor, arg(args, "company"))),
            "convert_quantity" => out(d.convert_quantity(
                actor,
                arg(args, "quantity"),
                arg(args, "from"),
                arg(args, "to"),
            )),
            "set_support_hours" => {
                out(d.set_support_hours(actor, arg(args, "company"), input(args, &["company"])))
            }
            "mark_sale_order_done" => out(d.mark_sale_order_done(actor, arg(args, "sale_order"))),
            "cancel_sale_order" => out(d.cancel_sale_order(actor, arg(args, "sale_order"))),
            "invoice_sale_order" => {
                out(d.invoice_sale_order(actor, arg(args, "sale_order"), arg(args, "journal")))
            }
            "log_time" => out(d.log_time(actor, arg(args, "ticket"), input(args, &["ticket"]))),
            "update_time_entry" => {
                out(d.update_time_entry(actor, arg(args, "entry"), input(args, &["entry"])))
            }
            "delete_time_entry" => out(d.delete_time_entry(actor, arg(args, "entry"))),
            "ticket_time_entries" => out(d.ticket_time_entries(actor, arg(args, "ticket"))),
            "set_ticket_sale_line" => {
                out(d.set_ticket_sale_line(actor, arg(args, "ticket"), arg(args, "sale_line")))
            }
            "ticket_hours" => out(d.ticket_hours(actor, arg(args, "ticket"))),
            "customer_contracts" => {
                out(d.customer_contracts(actor, arg(args, "company"), arg(args, "customer")))
            }
            "upsell_orders" => out(d.upsell_orders(actor, arg(args, "company"))),
            "create_location" => out(d.create_location(actor, input(args, &[]))),
            "create_delivery" => out(d.create_delivery(actor, input(args, &[]))),
            "validate_transfer" => out(d.validate_transfer(actor, arg(args, "transfer"))),
            "cancel_transfer" => out(d.cancel_transfer(actor, arg(args, "transfer"))),
            "get_transfer" => out(d.get_transfer(actor, arg(args, "transfer"))),
            "returnable_deliveries" => {
                out(d.returnable_deliveries(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "return_products" => {
                out(d.return_products(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "return_for_exchange" => {
                out(d.return_for_exchange(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "ticket_returns" => out(d.ticket_returns(actor, arg(args, "ticket"))),
            "create_repair" => {
                out(d.create_repair(actor, arg(args, "ticket"), input(args, &["ticket"])))
            }
            "get_repair" => out(d.get_repair(actor, arg(args, "repair"))),
            "ticket_repairs" => out(d.ticket_repairs(actor, arg(args, "ticket"))),
            "update_repair" => {
                out(d.update_repair(actor, arg(args, "repair"), input(args, &["repair"])))
            }
            "add_repair_part" => {
                out(d.add_repair_part(actor, arg(args, "repair"), input(args, &["repair"])))
            }
            "remove_repair_part" => {
                out(d.remove_repair_part(actor, arg(args, "repair"), arg(args, "index")))
            }
            "advance_repair" => out(d.advance_repair(actor, arg(args, "repair"))),
            "cancel_repair" => out(d.cancel_repair(actor, arg(args, "repair"))),
            "repair_quotation" => {
                out(d.repair_quotation(actor, arg(args, "repair"), arg(args, "currency")))
            }
            "create_field_service_project" => {
                out(d.create_field_service_project(actor, input(args, &[])))
            }
            "create_field_service_task" => out(d.create_field_service_task(
                actor,
                arg(args, "ticket"),
                input(args, &["ticket"]),
            )),
            "get_field_service_task" => out(d.get_field_service_task(actor, arg(args, "task"))),
            "ticket_field_service_tasks" => {
                out(d.ticket_field_service_tasks(actor, arg(args, "ticket")))
            }
            "move_field_service_task" => {
                out(d.move_field_service_task(actor, arg(args, "task"), arg(args, "stage")))
            }
            "pending_outbox" => out(d.pending_outbox(actor, arg(args, "limit"))),
            "acknowledge_outbox" => out(d.acknowledge_outbox(actor, arg(args, "ids"))),
            other => panic!("the golden runner does not know operation {other}"),
        }
    }

    /// A step's operation, actor and resolved arguments; `None` for
    /// `advance_clock`, which it performs.
    fn begin(&mut self, step: &Value) -> Option<(String, Actor, Map<String, Value>)> {
        let op = step["op"].as_str().expect("op");
        let args = self
            .resolve(&step["args"])
            .as_object()
            .cloned()
            .unwrap_or_default();
        if op == "advance_clock" {
            let seconds = args["seconds"].as_i64().expect("seconds");
            self.clock.advance(Duration::seconds(seconds)).unwrap();
            return None;
        }
        let actor = self.actor(step["actor"].as_str().unwrap_or("system"));
        Some((op.to_string(), actor, args))
    }

    /// Runs a step without checking what it expects (errors included),
    /// binding the names its result gives.
    fn run_unchecked(&mut self, step: &Value) {
        if let Some((op, actor, args)) = self.begin(step) {
            if let Ok(value) = self.call(&op, actor, &args) {
                self.bind(step, &value);
            }
        }
    }

    fn step(&mut self, case: &str, index: usize, step: &Value) {
        let here = format!("{case} step {index} ({})", step["op"]);
        let Some((op, actor, args)) = self.begin(step) else {
            return;
        };
        let op = op.as_str();
        let before = self.desk.snapshot().expect("snapshot");
        let result = self.call(op, actor, &args);
        let expect = &step["expect"];
        if let Some(code) = expect.get("error") {
            let error = result.expect_err(&format!("{here}: expected error {code}"));
            assert_eq!(json!(error.code()), *code, "{here}: {error}");
            assert_eq!(
                before,
                self.desk.snapshot().expect("snapshot"),
                "{here}: the store changed"
            );
            return;
        }
        let value = result.unwrap_or_else(|e| panic!("{here}: unexpected error {}: {e}", e.code()));
        self.bind(step, &value);
        if let Some(fields) = expect.get("fields").and_then(Value::as_object) {
            for (field, wanted) in fields {
                assert_eq!(value[field], self.resolve(wanted), "{here}: field {field}");
            }
        }
        if let Some(references) = expect.get("references") {
            let got: Vec<Value> = value["tickets"]
                .as_array()
                .expect("page")
                .iter()
                .map(|t| t["reference"].clone())
                .collect();
            assert_eq!(Value::Array(got), *references, "{here}: references");
        }
        if let Some(count) = expect.get("count") {
            let got = value
                .as_array()
                .map(|a| a.len() as u64)
                .or_else(|| value.as_u64());
            assert_eq!(got, count.as_u64(), "{here}: count");
        }
        if let Some(wanted) = expect.get("value") {
            assert_eq!(value, self.resolve(wanted), "{here}: value");
        }
        if let Some(paths) = expect.get("paths").and_then(Value::as_object) {
            for (path, wanted) in paths {
                assert_eq!(
                    at_path(&value, path),
                    self.resolve(wanted),
                    "{here}: path {path}"
                );
            }
        }
        if let Some(items) = expect.get("items").and_then(Value::as_array) {
            let got = value.as_array().expect("list");
            assert_eq!(got.len(), items.len(), "{here}: number of items");
            for (i, (item, wanted)) in got.iter().zip(items).enumerate() {
                for (field, wanted) in wanted.as_object().expect("fields") {
                    let wanted = self.resolve(wanted);
                    assert_eq!(item[field], wanted, "{here}: item {i} field {field}");
                }
            }
        }
        if let Some(bodies) = expect.get("bodies") {
            let got: Vec<Value> = value
                .as_array()
                .expect("list")
                .iter()
                .map(|m| m["body"].clone())
                .collect();
            assert_eq!(Value::Array(got), *bodies, "{here}: bodies");
        }
    }

    /// Binds the names a step gives parts of its result.
    fn bind(&mut self, step: &Value, value: &Value) {
        if let Some(name) = step.get("bind").and_then(Value::as_str) {
            self.names.insert(name.to_string(), value["id"].clone());
            if let Some(partner) = value.get("partner") {
                self.names
                    .insert(format!("{name}.partner"), partner.clone());
            }
        }
        if let Some(binds) = step.get("bind_paths").and_then(Value::as_object) {
            for (name, path) in binds {
                let found = at_path(value, path.as_str().expect("a path"));
                self.names.insert(name.clone(), found);
            }
        }
        if let Some(by_name) = step["expect"]
            .get("bind_by_name")
            .and_then(Value::as_object)
        {
            for (item_name, bind) in by_name {
                let item = value
                    .as_array()
                    .expect("list")
                    .iter()
                    .find(|i| i["name"] == json!(item_name));
                let item = item.unwrap_or_else(|| panic!("no item named {item_name}"));
                self.names
                    .insert(bind.as_str().expect("name").to_string(), item["id"].clone());
            }
        }
    }
}

/// The value at a dotted path (`credit_note.state`, `lines.0.total`).
fn at_path(value: &Value, path: &str) -> Value {
    path.split('.')
        .fold(value.clone(), |v, key| match key.parse::<usize>() {
            Ok(i) => v[i].clone(),
            Err(_) => v[key].clone(),
        })
}

fn golden_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../tests/golden")
}

/// Every golden case, by file name.
fn golden_cases() -> Vec<Value> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(golden_dir())
        .expect("tests/golden")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    assert!(!files.is_empty(), "no golden case found");
    files
        .iter()
        .map(|file| {
            serde_json::from_str(&std::fs::read_to_string(file).expect("read")).expect("json")
        })
        .collect()
}

fn start_of(case: &Value) -> DateTime<Utc> {
    case["start"]
        .as_str()
        .expect("start")
        .parse()
        .expect("instant")
}

fn replay(desk: impl Fn(ManualClock) -> Helpdesk) {
    for case in golden_cases() {
        let clock = ManualClock::new(start_of(&case));
        let mut run = Replay {
            desk: desk(clock.clone()),
            clock,
            names: HashMap::new(),
        };
        for (index, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            run.step(case["name"].as_str().expect("name"), index, step);
        }
    }
}

#[test]
fn golden_cases_on_the_memory_store() {
    replay(|clock| Helpdesk::in_memory().with_clock(Arc::new(clock)));
}

#[test]
fn golden_cases_on_the_sqlite_store() {
    replay(|clock| {
        Helpdesk::new(store::SqliteStore::in_memory().expect("sqlite")).with_clock(Arc::new(clock))
    });
}

/// Operations that span every company by nature when the host (the system
/// actor) runs them: the host's own listings and scheduled work, the
/// currencies it defines for every company, and the outbox it drains.
/// Their cost is that of the whole desk.
const HOST_WIDE: &[&str] = &[
    "define_currency",
    "list_teams",
    "post_due_credit_notes",
    "pending_outbox",
    "acknowledge_outbox",
];

/// The queries and rows each step of `case` reads, replayed unchecked on
/// `desk` (whose store `counter` counts) after `others` replays of the same
/// case have filled it with as many unrelated companies of the same shape.
fn reads_per_step(
    case: &Value,
    desk: &Helpdesk,
    clock: &ManualClock,
    counter: &conformance::CountingStore<Arc<dyn store::Store>>,
    others: usize,
) -> Vec<(String, conformance::Reads)> {
    let replay = |counted: bool| {
        clock.set(start_of(case));
        let mut run = Replay {
            desk: desk.clone(),
            clock: clock.clone(),
            names: HashMap::new(),
        };
        let mut reads = Vec::new();
        for (index, step) in case["steps"].as_array().expect("steps").iter().enumerate() {
            counter.take();
            run.run_unchecked(step);
            let op = step["op"].as_str().expect("op");
            let host = step["actor"].as_str().is_none_or(|a| a == "system");
            if counted && !(host && HOST_WIDE.contains(&op)) {
                reads.push((
                    format!("{} step {index} ({op})", case["name"]),
                    counter.take(),
                ));
            }
        }
        reads
    };
    for _ in 0..others {
        replay(false);
    }
    replay(true)
}

/// The principle "cost must not grow with what need not matter": every
/// step of every golden case reads exactly the same queries and rows for
/// its company whether the store holds no other company or fifty of the
/// same shape (teams, users, stages, calendars, leaves, tickets, invoices,
/// orders, time entries, transfers, coupons, …).
fn check_cost_does_not_grow(new_store: impl Fn() -> Arc<dyn store::Store>) {
    for case in golden_cases() {
        let world = |others: usize| {
            let counter = Arc::new(conformance::CountingStore::new(new_store()));
            let clock = ManualClock::new(start_of(&case));
            let desk = Helpdesk::new(counter.clone()).with_clock(Arc::new(clock.clone()));
            reads_per_step(&case, &desk, &clock, &counter, others)
        };
        let (alone, among_fifty) = (world(0), world(50));
        assert_eq!(alone.len(), among_fifty.len());
        for ((step, alone), (_, crowded)) in alone.iter().zip(&among_fifty) {
            assert_eq!(
                alone, crowded,
                "{step}: reads alone {alone:?}, among 50 other companies {crowded:?}"
            );
        }
    }
}

#[test]
fn cost_does_not_grow_with_unrelated_data_on_the_memory_store() {
    check_cost_does_not_grow(|| Arc::new(store::MemoryStore::new()));
}

#[test]
fn cost_does_not_grow_with_unrelated_data_on_the_sqlite_store() {
    check_cost_does_not_grow(|| Arc::new(store::SqliteStore::in_memory().expect("sqlite")));
}

/// Every operation of the façade is replayed by some golden case, so every
/// binding's replay reaches every operation.
#[test]
fn golden_cases_replay_every_operation() {
    let mut named = std::collections::BTreeSet::new();
    for file in std::fs::read_dir(golden_dir()).expect("dir") {
        let path = file.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            for step in case["steps"].as_array().expect("steps") {
                named.insert(step["op"].as_str().expect("op").to_string());
            }
        }
    }
    let missing: Vec<&str> = OPERATIONS
        .iter()
        .copied()
        .filter(|op| !named.contains(*op))
        .collect();
    assert!(missing.is_empty(), "no golden case replays {missing:?}");
}

#[test]
fn golden_cases_cover_every_operation_they_name() {
    // A golden step naming an operation the façade lacks would be a typo.
    for file in std::fs::read_dir(golden_dir()).expect("dir") {
        let path = file.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            let case: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("json");
            for step in case["steps"].as_array().expect("steps") {
                let op = step["op"].as_str().expect("op");
                assert!(
                    op == "advance_clock" || OPERATIONS.contains(&op),
                    "{}: unknown op {op}",
                    path.display()
                );
            }
        }
    }
}

/// Replays every golden case, unchecked, into one desk (each case with its
/// own company, from its own start), then gives two employees a leave (the
/// cases delete theirs): a store with records of every kind. Commit 27c040b
/// wrote `tests/fixtures/schema4.sqlite` (schema version 4) with this very
/// procedure (see the README beside it).
fn fill_with_every_case(store: impl store::Store + 'static) -> Helpdesk {
    let clock = ManualClock::new("2026-01-01T00:00:00Z".parse().expect("instant"));
    let desk = Helpdesk::new(store)
        .with_clock(Arc::new(clock.clone()))
        .with_random(Arc::new(SeededRandom::new(42)));
    for case in golden_cases() {
        clock.set(start_of(&case));
        let mut run = Replay {
            desk: desk.clone(),
            clock: clock.clone(),
            names: HashMap::new(),
        };
        for step in case["steps"].as_array().expect("steps") {
            run.run_unchecked(step);
        }
    }
    let mut kept = 0;
    for id in 1..40 {
        let leave = NewLeave {
            user: UserId(id),
            from: "2026-06-01T00:00:00Z".parse().expect("instant"),
            to: "2026-06-08T00:00:00Z".parse().expect("instant"),
            reason: "Holidays".into(),
        };
        kept += usize::from(desk.create_leave(Actor::System, leave).is_ok());
        if kept == 2 {
            break;
        }
    }
    assert_eq!(kept, 2);
    desk
}

/// A file written by schema version 4 (records without company or keys)
/// opens, is upgraded in place, and holds exactly what the same history
/// writes on a new store: the same records, tickets, messages, coupons…
/// and the same record keys, so every read answers as before. Only the
/// assignment caches' revision tokens differ (one per company now).
#[test]
fn a_schema_4_file_upgrades_in_place_and_answers_as_before() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("schema4.sqlite");
    std::fs::copy(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/schema4.sqlite"),
        &path,
    )
    .expect("copy the fixture");
    let upgraded = store::SqliteStore::open(&path).expect("open and upgrade");
    assert_eq!(
        upgraded.schema_version().expect("version"),
        store::SCHEMA_VERSION
    );
    let fresh = fill_with_every_case(store::SqliteStore::in_memory().expect("sqlite"));
    let without_revisions = |dump: String| -> Vec<String> {
        dump.lines()
            .filter(|l| !l.starts_with("record revision "))
            .map(str::to_string)
            .collect()
    };
    let upgraded = without_revisions(store::Store::snapshot(&upgraded).expect("dump"));
    let fresh = without_revisions(fresh.snapshot().expect("dump"));
    assert!(upgraded.iter().any(|l| l.starts_with("record_key ")));
    for (old, new) in upgraded.iter().zip(&fresh) {
        assert_eq!(old, new);
    }
    assert_eq!(upgraded.len(), fresh.len());
}
