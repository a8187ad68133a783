// Scalars cross into the library by the core's one reading: the golden
// scalar cases (tests/golden/scalars/cases.json) replayed through the
// native conversions (test hooks) and, for ids, instants and dates, through
// operations (the runtime's JSON read by core's json_api), then the same rules seen from real
// operations (ids that are not whole numbers, durations with a fraction of
// a second, decimals that would need rounding: invalid_input naming the
// argument, never truncated, rounded or cut).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { helpdesk, nativeAddon, packageDir, SYSTEM, user } from './helpers.mjs';

const { Helpdesk, ManualClock, WorkingCalendar } = helpdesk;
const goldenDir = process.env.HELPDESK_GOLDEN_DIR ?? join(packageDir, '..', 'tests', 'golden');
const cases = JSON.parse(readFileSync(join(goldenDir, 'scalars', 'cases.json'), 'utf8'));

/**
 * Per kind: the test hook running the binding's conversion of an argument
 * of that kind, and the JavaScript value a user passes for `input` (the
 * "Node" column of tests/golden/README.md, section "Scalar cases").
 */
const KINDS = {
  decimal: { hook: '__decimalForTests', build: (input) => input },
  date: { hook: '__dateForTests', build: (input) => input },
  instant: { hook: '__instantForTests', build: (input) => new Date(input) },
  duration_seconds: { hook: '__durationForTests', build: (input) => Number(input) * 1000 },
  id: { hook: '__idForTests', build: (input) => input },
};

/** `error` is the binding's typed error: `invalid_input` naming `field`. */
function isInvalidInput(error, field) {
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.equal(error.code, 'invalid_input', error.message);
  assert.equal(error.kind, 'invalid_input');
  assert.equal(error.fields.field, field, error.message);
  return true;
}

test('every scalar golden case reads in Node as the core reads it', () => {
  const addon = nativeAddon();
  let checked = 0;
  for (const [kind, { hook, build }] of Object.entries(KINDS)) {
    assert.equal(typeof addon[hook], 'function', `no test hook ${hook}: build with --features test-hooks`);
    assert.ok(cases[kind]?.length > 0, `no ${kind} cases`);
    for (const { input, value, error } of cases[kind]) {
      const here = `${kind} ${JSON.stringify(input)}`;
      const argument = build(input);
      if (error !== undefined) {
        assert.equal(error, 'invalid_input', `${here}: unknown expected error`);
        assert.throws(() => addon[hook](argument), (e) => isInvalidInput(e, 'value'), here);
      } else {
        assert.deepEqual(addon[hook](argument), value, here);
      }
      checked += 1;
    }
  }
  assert.ok(checked >= 40, `only ${checked} scalar cases`);
});

test('the golden file has no scalar kind the Node replay skips', () => {
  const kinds = Object.keys(cases).filter((key) => Array.isArray(cases[key]));
  assert.deepEqual(kinds.sort(), Object.keys(KINDS).sort());
});

/** A desk with ticket 1 (and 2), so a truncated id would find one. */
async function deskWithTickets() {
  const desk = Helpdesk.inMemory(new ManualClock(new Date('2026-03-02T09:00:00Z')));
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const team = await desk.createTeam(SYSTEM, { company: acme.id, name: 'Support' });
  const first = await desk.createTicket(SYSTEM, { team: team.id, subject: 'One' });
  await desk.createTicket(SYSTEM, { team: team.id, subject: 'Two' });
  assert.equal(first.id, 1);
  return { desk, acme, team };
}

test('an id that is not a whole number from 1 to 2^53 - 1 rejects the Promise, naming the argument', async () => {
  const { desk } = await deskWithTickets();
  for (const bad of [1.9, NaN, Infinity, -Infinity, -1, 0, 2 ** 53]) {
    // A rejected Promise, not a synchronous throw (and never ticket 1).
    const pending = desk.getTicket(SYSTEM, bad);
    assert.ok(pending instanceof Promise, `${bad}: not a Promise`);
    await assert.rejects(pending, (e) => isInvalidInput(e, 'ticket'), `${bad}`);
  }
  assert.equal((await desk.getTicket(SYSTEM, 1)).subject, 'One');
});

test('ids inside actors, input records and id lists are checked the same way', async () => {
  const { desk, acme, team } = await deskWithTickets();
  const before = await desk.snapshot();
  await assert.rejects(desk.getTicket(user(1.5), 1), (e) => isInvalidInput(e, 'actor'));
  await assert.rejects(desk.createTicket(SYSTEM, { team: team.id + 0.5, subject: 'X' }), (e) => isInvalidInput(e, 'team'));
  await assert.rejects(
    desk.createTicket(SYSTEM, { team: team.id, subject: 'X', tags: [NaN] }),
    (e) => isInvalidInput(e, 'tags'),
  );
  await assert.rejects(
    desk.createUser(SYSTEM, { name: 'U', kind: 'internal', companies: [acme.id, Infinity] }),
    (e) => isInvalidInput(e, 'companies'),
  );
  await assert.rejects(desk.setTeamMembers(SYSTEM, team.id, [0]), (e) => isInvalidInput(e, 'members'));
  await assert.rejects(desk.moveTicket(SYSTEM, 1, -3), (e) => isInvalidInput(e, 'stage'));
  assert.equal(await desk.snapshot(), before, 'the store changed');
});

const officeHours = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((weekday) => ({
  weekday, start: '08:00', end: '17:00',
}));

test('addWorkingTime refuses 720 ms instead of dropping the fraction of a second', async () => {
  const start = new Date('2026-03-02T09:00:00Z');
  const calendar = new WorkingCalendar({ timeZone: 'UTC', hours: officeHours });
  assert.throws(() => calendar.addWorkingTime(start, 720), (e) => isInvalidInput(e, 'duration'));
  assert.throws(() => calendar.addWorkingTime(start, 1720), (e) => isInvalidInput(e, 'duration'));
  assert.deepEqual(calendar.addWorkingTime(start, 1000), new Date('2026-03-02T09:00:01Z'));

  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const stored = await desk.createCalendar(SYSTEM, { company: acme.id, name: 'Office', timeZone: 'UTC', hours: officeHours });
  const pending = desk.addWorkingTime(SYSTEM, stored.id, start, 720);
  assert.ok(pending instanceof Promise);
  await assert.rejects(pending, (e) => isInvalidInput(e, 'duration'));
});

test('ManualClock moves by any whole number of milliseconds; a fraction of one is refused', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  clock.advance(500);
  assert.equal(clock.now().toISOString(), '2026-03-02T09:00:00.500Z');
  assert.throws(() => clock.advance(0.5), (e) => isInvalidInput(e, 'milliseconds'));
  assert.equal(clock.now().toISOString(), '2026-03-02T09:00:00.500Z');
});

test('a decimal with 29 decimal places is refused, not rounded; the digits written are kept exactly', async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const before = await desk.snapshot();
  const tooPrecise = `0.${'0'.repeat(28)}1`;
  await assert.rejects(
    desk.createTax(SYSTEM, { company: acme.id, name: 'VAT', percent: tooPrecise }),
    (e) => isInvalidInput(e, 'percent'),
  );
  await assert.rejects(
    desk.createProduct(SYSTEM, { company: acme.id, name: 'P', salePrice: '1.00000000000000000000000000001' }),
    (e) => isInvalidInput(e, 'sale_price'),
  );
  assert.equal(await desk.snapshot(), before, 'the store changed');
  const product = await desk.createProduct(SYSTEM, { company: acme.id, name: 'P', salePrice: '0.000000000001' });
  assert.equal(product.salePrice, '0.000000000001');
  const tax = await desk.createTax(SYSTEM, { company: acme.id, name: 'Rate', percent: '1.50e1' });
  assert.equal(tax.percent, '15.0');
});

test('a date argument is the core\'s strict YYYY-MM-DD, naming the field', async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  for (const bad of ['2026-3-4', '2026-02-30', '0000-01-01']) {
    await assert.rejects(
      desk.createCouponProgram(SYSTEM, {
        company: acme.id, name: 'P', currency: 'EUR', reward: { kind: 'discount', discountPercent: '10' }, validFrom: bad,
      }),
      (e) => isInvalidInput(e, 'valid_from'),
      bad,
    );
  }
});

// The hooks above replay the cases through the native conversions (those
// of ManualClock and WorkingCalendar). The operations take another path:
// lib/runtime.js writes the JavaScript value as JSON (a Date as RFC 3339
// text, a number as a number) and core's json_api reads it. The cases
// whose values an operation hands back unchanged are replayed through it.

test('every id golden case reads through an operation as core reads it', async () => {
  const desk = Helpdesk.inMemory();
  for (const { input, value, error } of cases.id) {
    const here = `id ${input}`;
    const failure = await desk.getTicket(SYSTEM, input).then(() => assert.fail(`${here}: a ticket`), (e) => e);
    if (error !== undefined) {
      isInvalidInput(failure, 'ticket');
    } else {
      // No such ticket: read as `value`, which the error names.
      assert.equal(failure.code, 'not_found', `${here}: ${failure.message}`);
      assert.equal(failure.fields.id, String(value), here);
    }
  }
});

test('every instant golden case reads through an operation as core reads it', async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const first = new Date('0001-01-01T00:00:00Z');
  const last = new Date('9999-12-31T23:59:59.999Z');
  for (const { input, value, error } of cases.instant) {
    const here = `instant ${input}`;
    const instant = new Date(input);
    // A closed period ending at the case after the earliest instant, or
    // starting at it before the latest.
    const asTo = instant.getTime() > first.getTime();
    const closure = { kind: 'period', from: asTo ? first : instant, to: asTo ? instant : last };
    const made = desk.createCalendar(SYSTEM, {
      company: acme.id, name: 'C', timeZone: 'UTC', hours: officeHours, closures: [closure],
    });
    if (error !== undefined) {
      await assert.rejects(made, (e) => isInvalidInput(e, asTo ? 'to' : 'from'), here);
    } else {
      const [read] = (await made).spec.closures;
      assert.equal((asTo ? read.to : read.from).toISOString().replace('.000Z', 'Z'), value, here);
    }
  }
});

test('every date golden case reads through an operation as core reads it', async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  for (const { input, value, error } of cases.date) {
    const made = desk.createCouponProgram(SYSTEM, {
      company: acme.id, name: 'P', currency: 'EUR', reward: { kind: 'discount', discountPercent: '10' }, validUntil: input,
    });
    if (error !== undefined) await assert.rejects(made, (e) => isInvalidInput(e, 'valid_until'), input);
    else assert.equal((await made).validUntil, value, input);
  }
});
