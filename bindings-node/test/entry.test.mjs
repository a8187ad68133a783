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

test('the synchronous classes throw HelpdeskError for arguments napi cannot convert', async () => {
  const { ManualClock, WorkingCalendar, Helpdesk, HelpdeskError } = await import('../helpdesk.js');
  const invalid = (e) => e instanceof HelpdeskError && e.code === 'invalid_input';
  assert.throws(() => new ManualClock('not a date'), invalid);
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  assert.ok(clock instanceof ManualClock);
  assert.throws(() => clock.advance('soon'), invalid);
  assert.throws(() => new WorkingCalendar(42), invalid);
  const calendar = new WorkingCalendar({ timeZone: 'UTC', hours: [{ weekday: 'monday', start: '09:00', end: '17:00' }] });
  assert.throws(() => calendar.addWorkingTime('monday', 1000), invalid);
  assert.throws(() => Helpdesk.inMemory(42), invalid);
  // A clock made through the wrapped class still drives a desk.
  const desk = Helpdesk.inMemory(clock);
  assert.equal((await desk.createCompany({ kind: 'system' }, { name: 'Acme' })).name, 'Acme');
});
