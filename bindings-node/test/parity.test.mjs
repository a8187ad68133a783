// Every operation of the core façade (core's OPERATIONS, exposed as
// `operations()`) is a camelCase method of the Helpdesk class, and the
// golden replay knows how to call it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpdesk, camel, packageDir } from './helpers.mjs';
import { CALLS } from './calls.mjs';

const { Helpdesk, operations, version } = helpdesk;

test('operations() lists the core operations, snake_case, without duplicates', () => {
  const ops = operations();
  assert.ok(ops.length >= 40, `only ${ops.length} operations`);
  assert.equal(new Set(ops).size, ops.length);
  for (const op of ops) assert.match(op, /^[a-z][a-z_]*$/);
});

test('every operation is a camelCase method of Helpdesk', () => {
  const missing = operations().filter((op) => typeof Helpdesk.prototype[camel(op)] !== 'function');
  assert.deepEqual(missing, [], `missing on Helpdesk: ${missing.map(camel).join(', ')}`);
});

test('every operation has an entry in the golden replay table', () => {
  const missing = operations().filter((op) => !CALLS[op]);
  assert.deepEqual(missing, []);
});

test('Helpdesk exposes no operation the core does not have', () => {
  const known = new Set(operations().map(camel));
  const extra = Object.getOwnPropertyNames(Helpdesk.prototype).filter(
    (name) => name !== 'constructor' && name !== 'snapshot' && !known.has(name),
  );
  assert.deepEqual(extra, []);
});

test('version() is the core version, and package.json says the same', () => {
  assert.match(version(), /^\d+\.\d+\.\d+/);
  const pkg = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
  assert.equal(pkg.version, version(), 'package.json version differs from the workspace version');
});
