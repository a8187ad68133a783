//! The desk called by operation name with JSON arguments: the one dispatch
//! that language bindings, test replays and hosts speaking JSON share.
//!
//! [`call`] takes an operation's name (as in [`crate::OPERATIONS`]), the
//! actor, and its arguments as one JSON object:
//!
//! - each parameter under its name (`ticket`, `stage`, …; a parameter that
//!   Rust names `id` is named after its record: `ticket` for a `TicketId`);
//! - the fields of an input record (`NewTicket`, `TicketUpdate`, …) at the
//!   top level, beside the other parameters; a field left out takes the
//!   record's default;
//! - values as in the library's JSON: ids as numbers, decimals, dates and
//!   instants as text, enums as their snake_case names, a duration as a
//!   number of seconds.
//!
//! Every value is read by [`crate::scalars`] before the operation runs, so
//! a refusal is `invalid_input` naming the field, exactly as from Rust; an
//! argument the operation does not have, or a required one left out, is
//! refused the same way. The result is the operation's record as JSON (a
//! duration as a number of seconds).
//!
//! The tables and the dispatch in `generated.rs` are written from core's
//! own source by `core/tests/api_description.rs`, with `core/api.json`.

mod generated;

use crate::{scalars, Actor, Error, Helpdesk, Result};
use chrono::Duration;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{Map, Value};

/// An operation: its parameters (after the actor), published name and type.
#[derive(Debug)]
struct Operation {
    name: &'static str,
    params: &'static [(&'static str, &'static str)],
}

/// A field of a record: its name, type, whether it may be left out, and
/// whether its own record's fields sit beside the others (serde `flatten`).
#[derive(Debug)]
struct Field {
    name: &'static str,
    ty: &'static str,
    optional: bool,
    flatten: bool,
}

/// A record: its fields.
#[derive(Debug)]
struct Record {
    name: &'static str,
    fields: &'static [Field],
}

/// An enum: its variants' names; a tagged enum also names its tag and each
/// variant's fields.
#[derive(Debug)]
struct Enumeration {
    name: &'static str,
    tag: Option<&'static str>,
    variants: &'static [(&'static str, &'static [(&'static str, &'static str)])],
}

/// Runs operation `op` as `actor` with `args` (see the module docs).
pub fn call(desk: &Helpdesk, op: &str, actor: Actor, args: Value) -> Result<Value> {
    let operation = generated::OPERATIONS
        .binary_search_by(|o| o.name.cmp(op))
        .map(|i| &generated::OPERATIONS[i])
        .map_err(|_| Error::invalid("op", format!("{op:?} is not an operation")))?;
    let mut given = match args {
        Value::Object(map) => map,
        Value::Null => Map::new(),
        _ => return Err(Error::invalid("args", "the arguments are a JSON object")),
    };
    let mut values = Vec::with_capacity(operation.params.len());
    for &(name, ty) in operation.params {
        let value = match record(ty) {
            // An input record: its fields are the arguments of that name.
            Some(record) => Value::Object(take_fields(record, &mut given)?),
            None => {
                let mut value = given.remove(name).unwrap_or(Value::Null);
                if value.is_null() && !ty.starts_with("option<") {
                    return Err(Error::invalid(name, "is required"));
                }
                if ty != "duration" {
                    normalize(ty, name, &mut value)?;
                }
                value
            }
        };
        values.push((name, value));
    }
    if let Some(extra) = given.keys().next() {
        return Err(Error::invalid(
            "args",
            format!("{op} has no argument {extra:?}"),
        ));
    }
    generated::invoke(desk, actor, op, &mut Args(values))
}

/// Reads `value` as the described type `ty` (a record, enum or scalar type
/// of `core/api.json`, e.g. `"DeskOptions"`) with the library's rules, then
/// as `T`: what a binding uses for a value it hands core outside an
/// operation. A refusal is `invalid_input` naming `field` (or the record's
/// field at fault).
pub fn read<T: DeserializeOwned>(ty: &str, field: &'static str, mut value: Value) -> Result<T> {
    normalize(ty, field, &mut value)?;
    serde_json::from_value(value).map_err(|e| Error::invalid(field, e.to_string()))
}

/// The arguments of one call, read and checked, by parameter position.
struct Args(Vec<(&'static str, Value)>);

impl Args {
    /// Parameter `i` as the operation's type.
    fn take<T: DeserializeOwned>(&mut self, i: usize) -> Result<T> {
        let (name, value) = &mut self.0[i];
        serde_json::from_value(value.take()).map_err(|e| Error::invalid(name, e.to_string()))
    }

    /// Parameter `i`, bytes given as standard base64 text.
    fn bytes(&mut self, i: usize) -> Result<Vec<u8>> {
        let (name, value) = &self.0[i];
        match value {
            Value::String(text) => scalars::parse_base64(name, text),
            _ => Err(Error::invalid(name, "bytes as standard base64 text")),
        }
    }

    /// Parameter `i`, a duration given as a number of seconds (exact: a
    /// fraction is kept, for the operation's own rule to judge).
    fn duration(&mut self, i: usize) -> Result<Duration> {
        let (name, value) = &self.0[i];
        let text = match value {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s.clone(),
            _ => return Err(Error::invalid(name, "a number of seconds")),
        };
        let seconds = scalars::parse_decimal(name, &text)?;
        let nanos = seconds
            .checked_mul(crate::Decimal::from(1_000_000_000))
            .and_then(|n| i64::try_from(n.trunc().mantissa()).ok())
            .filter(|_| seconds.scale() <= 9)
            .ok_or_else(|| Error::invalid(name, "out of range or finer than a nanosecond"))?;
        Ok(Duration::nanoseconds(nanos))
    }
}

/// A result as JSON.
fn out<T: Serialize>(result: Result<T>) -> Result<Value> {
    serde_json::to_value(result?).map_err(|e| Error::Internal {
        message: format!("a result did not serialise: {e}"),
    })
}

/// A duration result as a number of seconds: whole, or exact decimal text.
fn seconds(result: Result<Duration>) -> Result<Value> {
    let duration = result?;
    Ok(if duration.subsec_nanos() == 0 {
        Value::from(duration.num_seconds())
    } else {
        let seconds = crate::Decimal::from(duration.num_seconds())
            + crate::Decimal::new(i64::from(duration.subsec_nanos()), 9);
        Value::String(scalars::format_decimal(seconds.normalize()))
    })
}

fn record(name: &str) -> Option<&'static Record> {
    generated::RECORDS
        .binary_search_by(|r| r.name.cmp(name))
        .ok()
        .map(|i| &generated::RECORDS[i])
}

fn enumeration(name: &str) -> Option<&'static Enumeration> {
    generated::ENUMS
        .binary_search_by(|e| e.name.cmp(name))
        .ok()
        .map(|i| &generated::ENUMS[i])
}

/// Moves the fields of `record` (and of the records it flattens) out of
/// `given`, each read and checked; a required field left out is refused.
fn take_fields(record: &Record, given: &mut Map<String, Value>) -> Result<Map<String, Value>> {
    let mut fields = Map::new();
    for field in record.fields {
        if field.flatten {
            let inner = self::record(field.ty).ok_or_else(|| Error::Internal {
                message: format!(
                    "{} flattens {}, which is not a record",
                    record.name, field.ty
                ),
            })?;
            // serde's `flatten`: the inner record's fields sit beside these.
            fields.extend(take_fields(inner, given)?);
            continue;
        }
        match given.remove(field.name) {
            Some(mut value) => {
                normalize(field.ty, field.name, &mut value)?;
                fields.insert(field.name.into(), value);
            }
            None if field.optional => {}
            None => return Err(Error::invalid(field.name, "is required")),
        }
    }
    Ok(fields)
}

/// Reads `value` as type `ty` with the library's rules, in place (a
/// decimal, date or instant becomes its canonical text), or refuses it
/// naming `field`.
fn normalize(ty: &str, field: &'static str, value: &mut Value) -> Result<()> {
    if let Some(inner) = ty.strip_prefix("option<").and_then(|t| t.strip_suffix('>')) {
        return if value.is_null() {
            Ok(())
        } else {
            normalize(inner, field, value)
        };
    }
    if let Some(inner) = ty.strip_prefix("list<").and_then(|t| t.strip_suffix('>')) {
        let Value::Array(items) = value else {
            return Err(Error::invalid(field, "a list"));
        };
        return items
            .iter_mut()
            .try_for_each(|item| normalize(inner, field, item));
    }
    let text = |value: &Value| match value {
        Value::String(s) => Ok(s.clone()),
        _ => Err(Error::invalid(field, format!("{value} is not text"))),
    };
    match ty {
        "decimal" => {
            let read = match &*value {
                Value::Number(n) => scalars::parse_decimal(field, &n.to_string())?,
                other => scalars::parse_decimal(field, &text(other)?)?,
            };
            *value = Value::String(scalars::format_decimal(read));
        }
        "date" => {
            *value = Value::String(scalars::format_date(scalars::parse_date(
                field,
                &text(value)?,
            )?))
        }
        "instant" => {
            *value = Value::String(scalars::format_instant(scalars::parse_instant(
                field,
                &text(value)?,
            )?))
        }
        "string" | "time_of_day" => {
            text(value)?;
        }
        // Base64 text, decoded once, by the operation's argument reader.
        "bytes" => {
            text(value)?;
        }
        // An exact decimal as a JSON number (or decimal text): checked here,
        // read by the record's own `decimal_number` deserializer.
        "number" => {
            match &*value {
                Value::Number(n) => scalars::parse_decimal(field, &n.to_string())?,
                other => scalars::parse_decimal(field, &text(other)?)?,
            };
        }
        "bool" => {
            if !value.is_boolean() {
                return Err(Error::invalid(
                    field,
                    format!("{value} is not true or false"),
                ));
            }
        }
        "u8" | "u16" | "u32" | "u64" | "usize" | "i32" | "i64" => {
            let whole = value
                .as_i64()
                .map(i128::from)
                .or_else(|| value.as_u64().map(i128::from));
            let (low, high): (i128, i128) = match ty {
                "u8" => (0, u8::MAX.into()),
                "u16" => (0, u16::MAX.into()),
                "u32" => (0, u32::MAX.into()),
                "i32" => (i32::MIN.into(), i32::MAX.into()),
                "i64" => (i64::MIN.into(), i64::MAX.into()),
                _ => (0, u64::MAX.into()),
            };
            if !whole.is_some_and(|n| (low..=high).contains(&n)) {
                return Err(Error::invalid(
                    field,
                    format!("{value} is not a whole number from {low} to {high}"),
                ));
            }
        }
        id if id.starts_with("id:") => {
            let raw = match value.as_i64() {
                Some(raw) => scalars::check_id(field, raw)?,
                None => match value.as_f64() {
                    Some(raw) => scalars::id_from_f64(field, raw)?,
                    None => return Err(Error::invalid(field, format!("{value} is not an id"))),
                },
            };
            *value = Value::from(raw);
        }
        name => {
            if let Some(record) = record(name) {
                let Value::Object(given) = value else {
                    return Err(Error::invalid(field, format!("a {name} record")));
                };
                let mut given = std::mem::take(given);
                let fields = take_fields(record, &mut given)?;
                if let Some(extra) = given.keys().next() {
                    return Err(Error::invalid(
                        field,
                        format!("a {name} has no field {extra:?}"),
                    ));
                }
                *value = Value::Object(fields);
            } else if let Some(enumeration) = enumeration(name) {
                normalize_enum(enumeration, field, value)?;
            } else {
                return Err(Error::Internal {
                    message: format!("the API type {name} is not described"),
                });
            }
        }
    }
    Ok(())
}

/// Checks an enum value: a variant's name, or for a tagged enum an object
/// whose tag names a variant, with that variant's fields read in place.
fn normalize_enum(enumeration: &Enumeration, field: &'static str, value: &mut Value) -> Result<()> {
    let names = || {
        enumeration
            .variants
            .iter()
            .map(|(name, _)| *name)
            .collect::<Vec<_>>()
            .join(", ")
    };
    let refuse = |what: String| {
        Error::invalid(
            field,
            format!("{what} is not a {}: one of {}", enumeration.name, names()),
        )
    };
    match (enumeration.tag, value) {
        (None, Value::String(name)) => {
            if enumeration.variants.iter().any(|(v, _)| v == name) {
                Ok(())
            } else {
                Err(refuse(format!("{name:?}")))
            }
        }
        (Some(tag), Value::Object(given)) => {
            let kind = given
                .get(tag)
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string();
            let (_, fields) = enumeration
                .variants
                .iter()
                .find(|(v, _)| *v == kind)
                .ok_or_else(|| refuse(format!("{tag} {kind:?}")))?;
            for &(name, ty) in *fields {
                match given.get_mut(name) {
                    Some(inner) => normalize(ty, name, inner)?,
                    None => return Err(Error::invalid(name, "is required")),
                }
            }
            Ok(())
        }
        (_, other) => Err(refuse(other.to_string())),
    }
}
