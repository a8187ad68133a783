// Parity with the core.
//
// At run time: every operation of the core façade (core's OPERATIONS,
// exposed as `operations()`) is a camelCase method of the Helpdesk class,
// and the golden replay knows how to call it.
//
// At the signature level: the checked-in lib/api.d.ts (what generate.mjs
// writes from api.json, so this checks the generator) against
// core/api.json (the core's API described from its own source), read with
// the TypeScript compiler API (test/api-parity.mjs):
// - every operation is a method of `Helpdesk` (camelCase), its first
//   parameter `actor`, then the core's parameters with their camelCase
//   names, in order; a parameter is optional (`?`) exactly where api.json
//   types it `option<…>`;
// - every record of api.json that lib/api.d.ts declares under the same name
//   (an interface) has the core's fields in camelCase, no more, no fewer
//   (a `flatten`ed field counts as the fields of its record), and the rule
//   for optionality is:
//     * api.json `optional: false`  → declared `name: T` (no `?`, no `| null`);
//     * `optional: true`, type `option<T>` → `name?: …` (may be left out)
//       or `name: T | null` (always present, `null` for absent: how the
//       binding returns an optional value);
//     * `optional: true`, any other type (the core's `#[serde(default)]`)
//       → `name?: …`;
// - every enum of api.json is a union of its variant names (a tagged enum,
//   such as `Closure`, a union of objects whose tag takes those names).
//
// Known drift is listed, with the reason, in test/parity-allow.json
// (`{ "operation.param" | "Record.field" | "Enum.value" | …: "why" }`).
// The test fails on any mismatch not in that list and on any entry of the
// list that no longer mismatches: the list can only shrink.
// `node test/api-parity.mjs` prints the current mismatches.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { helpdesk, camel, packageDir } from './helpers.mjs';
import { callArguments } from './calls.mjs';
import { loadApi, loadDts, mismatches } from './api-parity.mjs';

const { Helpdesk, operations, version } = helpdesk;

const api = loadApi();
const allowed = JSON.parse(readFileSync(join(packageDir, 'test', 'parity-allow.json'), 'utf8'));
const found = mismatches(api, loadDts());

test('operations() lists the core operations, snake_case, without duplicates', () => {
  const ops = operations();
  assert.ok(ops.length >= 40, `only ${ops.length} operations`);
  assert.equal(new Set(ops).size, ops.length);
  for (const op of ops) assert.match(op, /^[a-z][a-z_]*$/);
});

test('operations() names exactly the operations of core/api.json, in order', () => {
  assert.deepEqual(operations(), api.operations.map((op) => op.name));
});

test('every operation is a camelCase method of Helpdesk', () => {
  const missing = operations().filter((op) => typeof Helpdesk.prototype[camel(op)] !== 'function');
  assert.deepEqual(missing, [], `missing on Helpdesk: ${missing.map(camel).join(', ')}`);
});

test('the golden replay builds the arguments of every operation from core/api.json', () => {
  const missing = operations().filter((op) => !callArguments(op, {}));
  assert.deepEqual(missing, []);
});

test('Helpdesk exposes no operation the core does not have', () => {
  const known = new Set(operations().map(camel));
  const extra = Object.getOwnPropertyNames(Helpdesk.prototype).filter(
    (name) => !['constructor', 'snapshot', 'close'].includes(name) && !known.has(name),
  );
  assert.deepEqual(extra, []);
});

test('version() is the core version, and package.json says the same', () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  assert.equal(pkg.version, version(), 'package.json version differs from the workspace version');
});

test('lib/api.d.ts matches core/api.json: operations, parameters, records, fields, enums (no drift outside parity-allow.json)', () => {
  const unexpected = Object.fromEntries([...found].filter(([key]) => !(key in allowed)));
  assert.deepEqual(
    unexpected,
    {},
    'lib/api.d.ts differs from core/api.json; fix the generator, or (a deliberate difference) add the key ' +
      `to test/parity-allow.json with the reason:\n${JSON.stringify(unexpected, null, 2)}`,
  );
});

test('every entry of parity-allow.json is still a mismatch (the allow-list only shrinks)', () => {
  const stale = Object.keys(allowed).filter((key) => !found.has(key));
  assert.deepEqual(stale, [], 'these now match core/api.json: remove them from test/parity-allow.json');
});

test('every entry of parity-allow.json says why', () => {
  for (const [key, why] of Object.entries(allowed)) {
    assert.ok(typeof why === 'string' && why.trim().length >= 10, `${key}: no reason given`);
  }
});

// The comparison itself, on a small API, so a broken checker cannot pass
// silently: each kind of drift it must see, and what it must accept.
test('the signature comparison sees each kind of drift and accepts the allowed forms', () => {
  const small = {
    operations: [
      { name: 'get_thing', params: [{ name: 'thing_id', type: 'id:Thing' }] },
      { name: 'find_things', params: [{ name: 'filter', type: 'option<Filter>' }, { name: 'limit', type: 'u32' }] },
      { name: 'drop_thing', params: [{ name: 'id', type: 'id:Thing' }] },
      { name: 'move_thing', params: [{ name: 'id', type: 'id:Thing' }] },
    ],
    records: {
      Thing: {
        fields: [
          { name: 'id', type: 'id:Thing', optional: false },
          { name: 'owner_id', type: 'option<id:User>', optional: true },
          { name: 'note', type: 'option<string>', optional: true },
          { name: 'late', type: 'bool', optional: true },
          { name: 'gone', type: 'string', optional: false },
          { name: 'size', type: 'u32', optional: false },
          { name: 'spec', type: 'Spec', optional: false, flatten: true },
        ],
      },
      Spec: { fields: [{ name: 'time_zone', type: 'string', optional: false }] },
      Filter: { fields: [] },
      Undeclared: { fields: [{ name: 'x', type: 'string', optional: false }] },
    },
    enums: {
      Colour: { variants: [{ name: 'dark_red' }, { name: 'blue' }] },
      Shape: { tag: 'kind', variants: [{ name: 'round' }, { name: 'square' }] },
      Size: { variants: [{ name: 'small' }] },
    },
  };
  const dts = ts.createSourceFile(
    'small.d.ts',
    `export declare class Helpdesk {
       getThing(actor: Actor, thingId: number): Promise<Thing>
       findThings(actor: Actor, filter: Filter | null, limit?: number): Promise<Thing[]>
       moveThing(who: Actor, id: number, extra: string): Promise<Thing>
     }
     export interface Thing {
       id: number
       ownerId: number | null
       note?: string | null
       late: boolean
       size: number | null
       timeZone: string
       colour: Colour
     }
     export interface Spec { timeZone: string }
     export type Colour = 'dark_red' | 'green'
     export type Shape = { kind: 'round' } | { kind: 'square' }
     export interface Size { small: string }`,
    ts.ScriptTarget.Latest,
    true,
    ts.ScriptKind.TS,
  );
  assert.deepEqual(Object.fromEntries(mismatches(small, dts)), {
    'find_things.filter': 'required in lib/api.d.ts, optional in api.json (option<Filter>)',
    'find_things.limit': 'optional in lib/api.d.ts, required in api.json (u32)',
    drop_thing: 'no method dropThing on Helpdesk',
    'move_thing.actor': 'first parameter is who, not actor',
    'move_thing.extra': 'lib/api.d.ts has an extra parameter extra',
    'Thing.late': 'required in lib/api.d.ts; api.json: bool, optional: true (expects ?)',
    'Thing.gone': 'missing in lib/api.d.ts',
    'Thing.size': 'nullable in lib/api.d.ts; api.json: u32, optional: false (expects required)',
    'Thing.colour': 'extra in lib/api.d.ts (not in api.json)',
    'Colour.blue': 'value missing in lib/api.d.ts',
    'Colour.green': 'extra value in lib/api.d.ts',
    Size: 'not declared as a union of string literals (or of tagged objects)',
  });
});
