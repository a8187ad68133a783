// The package entry (helpdesk.js) over the napi loader (index.js): a panic
// napi catches in the synchronous part of a desk method (before its
// Promise exists) rejects that Promise with an `internal` HelpdeskError,
// not an `invalid_input` one and not a synchronous throw.
//
// A desk method that panics there only exists in this test: the panicking
// test hook is put on the class before the entry loads (so the entry wraps
// it like every method); hence this file loads the package itself.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const addon = require(join(packageDir, readdirSync(packageDir).find((f) => f.endsWith('.node'))));
const loader = require(join(packageDir, 'index.js'));
loader.Helpdesk.prototype.panicBeforeItsPromise = addon.__panicForTests;
const { Helpdesk, HelpdeskError } = require(packageDir);

test('a panic before a desk method\'s Promise exists rejects it with an internal HelpdeskError', async () => {
  const desk = Helpdesk.inMemory();
  let promise;
  assert.doesNotThrow(() => {
    promise = desk.panicBeforeItsPromise();
  });
  await assert.rejects(promise, (error) => {
    assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
    assert.equal(error.code, 'internal');
    assert.equal(error.kind, 'internal');
    assert.match(error.message, /deliberate panic/);
    return true;
  });
  // The desk still works.
  assert.equal((await desk.listTeams({ kind: 'system' })).length, 0);
});
