// Replays the shared golden cases of tests/golden/*.json (format in its
// README) through the Node binding, on the in-memory store, on a SQLite
// file and on PostgreSQL: every step must give the result the Rust replay
// gets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { helpdesk, packageDir, camel, toCoreJson, tempDir, SYSTEM } from './helpers.mjs';
import { callArguments, goldenValue } from './calls.mjs';

const { Helpdesk, ManualClock } = helpdesk;
const goldenDir = process.env.HELPDESK_GOLDEN_DIR ?? join(packageDir, '..', 'tests', 'golden');

/**
 * The value at a dotted path of a result in the core's JSON form
 * (`credit_note.state`, `lines.0.total`: numeric parts index lists); `null`
 * when absent, as in the Rust replay.
 */
const atPath = (value, path) => path.split('.').reduce((v, key) => v?.[key] ?? null, value);

class Replay {
  constructor(desk, clock) {
    this.desk = desk;
    this.clock = clock;
    this.names = new Map();
  }

  resolve(value) {
    if (typeof value === 'string' && value.startsWith('$')) {
      const name = value.slice(1);
      assert.ok(this.names.has(name), `unbound name ${value}`);
      return this.names.get(name);
    }
    if (Array.isArray(value)) return value.map((v) => this.resolve(v));
    if (value !== null && typeof value === 'object') {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, this.resolve(v)]));
    }
    return value;
  }

  actor(name) {
    return name === 'system' ? SYSTEM : { kind: 'user', id: this.resolve(name) };
  }

  async step(here, step) {
    const args = this.resolve(step.args ?? {});
    if (step.op === 'advance_clock') {
      this.clock.advance(args.seconds * 1000);
      return;
    }
    const method = camel(step.op);
    assert.equal(typeof this.desk[method], 'function', `${here}: no method ${method}`);
    const callArgs = callArguments(step.op, args);
    assert.ok(callArgs, `${here}: core/api.json has no operation ${step.op}`);
    const actor = this.actor(step.actor ?? 'system');
    const expect = step.expect ?? {};
    const before = await this.desk.snapshot();
    let result;
    try {
      result = await this.desk[method](actor, ...callArgs);
    } catch (error) {
      if (expect.error === undefined) {
        assert.fail(`${here}: unexpected error ${error.code}: ${error.message}`);
      }
      assert.equal(error.code, expect.error, `${here}: ${error.message}`);
      assert.equal(await this.desk.snapshot(), before, `${here}: the store changed`);
      return;
    }
    assert.equal(expect.error, undefined, `${here}: expected error ${expect.error}`);
    const value = toCoreJson(result);
    if (step.bind) {
      this.names.set(step.bind, value.id);
      if (value.partner !== undefined) this.names.set(`${step.bind}.partner`, value.partner);
    }
    for (const [field, wanted] of Object.entries(expect.fields ?? {})) {
      assert.deepEqual(value[field], this.resolve(wanted), `${here}: field ${field}`);
    }
    if (expect.references) {
      assert.deepEqual(value.tickets.map((t) => t.reference), expect.references, `${here}: references`);
    }
    if (expect.count !== undefined) {
      assert.equal(Array.isArray(value) ? value.length : value, expect.count, `${here}: count`);
    }
    if (expect.value !== undefined) {
      const got = goldenValue(step.op, result, value);
      assert.deepEqual(got, this.resolve(expect.value), `${here}: value`);
    }
    for (const [path, wanted] of Object.entries(expect.paths ?? {})) {
      assert.deepEqual(atPath(value, path), this.resolve(wanted), `${here}: path ${path}`);
    }
    for (const [name, path] of Object.entries(step.bind_paths ?? {})) {
      this.names.set(name, atPath(value, path));
    }
    if (expect.items) {
      assert.ok(Array.isArray(value), `${here}: not a list`);
      assert.equal(value.length, expect.items.length, `${here}: number of items`);
      expect.items.forEach((wanted, i) => {
        for (const [field, fieldValue] of Object.entries(wanted)) {
          assert.deepEqual(value[i][field], this.resolve(fieldValue), `${here}: item ${i} field ${field}`);
        }
      });
    }
    if (expect.bodies) {
      assert.deepEqual(value.map((m) => m.body), expect.bodies, `${here}: bodies`);
    }
    for (const [itemName, bind] of Object.entries(expect.bind_by_name ?? {})) {
      const item = value.find((i) => i.name === itemName);
      assert.ok(item, `${here}: no item named ${itemName}`);
      this.names.set(bind, item.id);
    }
  }
}

const files = readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();

test('there are golden cases', () => {
  assert.ok(files.length > 0, `no golden case in ${goldenDir}`);
});

const stores = {
  memory: async (clock) => Helpdesk.inMemory(clock),
  sqlite: async (clock) => Helpdesk.open(join(tempDir(), 'golden.sqlite'), clock),
};
// A fresh schema on the PostgreSQL server `make test` starts (or that
// HELPDESK_TEST_POSTGRES_URL names); HELPDESK_REQUIRE_POSTGRES makes a
// missing server a failure rather than no test.
const postgresUrl = process.env.HELPDESK_TEST_POSTGRES_URL ?? '';
if (postgresUrl) {
  let next = 0;
  const run = `n${process.pid}_${Date.now()}`;
  stores.postgres = async (clock) => {
    const separator = postgresUrl.includes('?') ? '&' : '?';
    return Helpdesk.open(`${postgresUrl}${separator}schema=${run}_${next++}`, clock);
  };
} else {
  test('a PostgreSQL server is named when one is required', () => {
    assert.equal(process.env.HELPDESK_REQUIRE_POSTGRES, undefined, 'HELPDESK_REQUIRE_POSTGRES without HELPDESK_TEST_POSTGRES_URL');
  });
}

for (const file of files) {
  const golden = JSON.parse(readFileSync(join(goldenDir, file), 'utf8'));
  for (const [store, open] of Object.entries(stores)) {
    test(`golden ${golden.name} (${store} store)`, async () => {
      const clock = new ManualClock(new Date(golden.start));
      const replay = new Replay(await open(clock), clock);
      for (const [index, step] of golden.steps.entries()) {
        await replay.step(`${golden.name} step ${index} (${step.op})`, step);
      }
    });
  }
}
