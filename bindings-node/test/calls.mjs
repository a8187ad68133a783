// How the golden replay calls each operation, read off core/api.json (the
// description of every operation, written from core's source): the golden
// files name each parameter as core publishes it, with an input record's
// fields beside the other parameters (README of tests/golden); the binding
// takes the parameters positionally after the actor, input records with
// camelCased fields, instants as `Date`s, durations in milliseconds and
// bytes (UTF-8 text in the golden files) as `Buffer`s.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { camel, packageDir } from './helpers.mjs';

const api = JSON.parse(readFileSync(join(packageDir, '..', 'core', 'api.json'), 'utf8'));
const operations = new Map(api.operations.map((op) => [op.name, op]));

/** A golden value (the core's JSON) of api.json type `type`, as Node takes it. */
function toNode(type, value) {
  if (value === undefined || value === null) return value;
  const wrapped = /^(option|list)<(.*)>$/.exec(type);
  if (wrapped) {
    return wrapped[1] === 'list' ? value.map((item) => toNode(wrapped[2], item)) : toNode(wrapped[2], value);
  }
  if (type === 'instant') return new Date(value);
  if (type === 'duration') return value * 1000;
  // The golden files hold bytes as their UTF-8 text (tests/golden/README.md).
  if (type === 'bytes') return Buffer.from(value, 'utf8');
  if (api.records[type]) return record(type, value);
  const variants = api.enums[type]?.tag && api.enums[type].variants;
  if (variants) {
    const variant = variants.find((v) => v.name === value[api.enums[type].tag]);
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => {
        const field = variant?.fields?.find((f) => f.name === key);
        return [camel(key), field ? toNode(field.type, item) : item];
      }),
    );
  }
  return value;
}

/**
 * The fields of record `name` found in `values` (golden keys), camelCased and
 * converted; a `flatten`ed field's record contributes its fields alongside.
 */
function record(name, values) {
  const out = {};
  for (const field of api.records[name].fields) {
    if (field.flatten) Object.assign(out, record(field.type, values));
    else if (field.name in values) out[camel(field.name)] = toNode(field.type, values[field.name]);
  }
  return out;
}

/**
 * The positional arguments (after the actor) of operation `op` from its
 * golden `args`, or `undefined` for an operation api.json does not list.
 */
export function callArguments(op, args) {
  const operation = operations.get(op);
  if (!operation) return undefined;
  return operation.params.map((param) =>
    api.records[param.type] ? record(param.type, args) : toNode(param.type, args[param.name]),
  );
}

/**
 * The golden `{"value": X}` form of a result: its core JSON form `json`,
 * except a duration (milliseconds in Node), which the golden files give in
 * seconds.
 */
export function goldenValue(op, result, json) {
  return operations.get(op)?.returns === 'duration' ? result / 1000 : json;
}
