// Errors: every error of the library is a `HelpdeskError` (exported; an
// `Error`) with a stable `code`, a `kind` and the structured `fields`; bad
// input (wrong types, invalid dates, unknown enum strings, broken rules)
// rejects the operation's Promise — never a synchronous throw — and leaves
// the store unchanged; a Rust panic surfaces as an error, never a crashed
// process.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helpdesk, nativeAddon, SYSTEM, user } from './helpers.mjs';

const { Helpdesk, HelpdeskError, ManualClock, WorkingCalendar } = helpdesk;

/** The error `call` throws or rejects with (fails when it succeeds). */
async function failure(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

/** A small desk: a company, a manager, an agent, a portal user and a team. */
async function smallDesk() {
  const desk = Helpdesk.inMemory(new ManualClock(new Date('2026-03-02T09:00:00Z')));
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const customer = await desk.createPartner(SYSTEM, { company: acme.id, name: 'Customer' });
  const manager = await desk.createUser(SYSTEM, {
    name: 'Manager', kind: 'internal', role: 'manager', companies: [acme.id],
  });
  const agent = await desk.createUser(SYSTEM, {
    name: 'Agent', kind: 'internal', role: 'agent', companies: [acme.id],
  });
  const portal = await desk.createUser(SYSTEM, {
    name: 'Portal', kind: 'portal', companies: [acme.id], partner: customer.id,
  });
  const team = await desk.createTeam(user(manager.id), { company: acme.id, name: 'Support' });
  const ticket = await desk.createTicket(user(agent.id), { team: team.id, subject: 'Printer jam' });
  return { desk, acme, customer, manager, agent, portal, team, ticket };
}

/** Asserts that `call` fails and the store's snapshot is unchanged. */
async function rejectsUnchanged(desk, call) {
  const before = await desk.snapshot();
  const error = await failure(call);
  assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
  assert.equal(await desk.snapshot(), before, 'the store changed');
  return error;
}

/**
 * Asserts that `call` returns a Promise (it does not throw) that rejects
 * with a `HelpdeskError` `invalid_input`, and that the store is unchanged.
 */
async function rejectsArgument(desk, call) {
  const before = await desk.snapshot();
  let promise;
  assert.doesNotThrow(() => {
    promise = call();
  }, 'threw synchronously instead of rejecting');
  assert.ok(promise instanceof Promise, 'no Promise returned');
  const error = await failure(() => promise);
  assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
  assert.equal(error.code, 'invalid_input', error.message);
  assert.equal(error.kind, 'invalid_input');
  assert.equal(typeof error.fields.field, 'string');
  assert.ok(error.message.length > 0);
  assert.equal(await desk.snapshot(), before, 'the store changed');
  return error;
}

test('a core error is a HelpdeskError with code, kind, fields and message', async () => {
  const { desk } = await smallDesk();
  const error = await failure(() => desk.getTicket(SYSTEM, 999));
  assert.ok(error instanceof HelpdeskError);
  assert.ok(error instanceof Error);
  assert.equal(error.name, 'HelpdeskError');
  assert.equal(error.code, 'not_found');
  assert.equal(error.kind, 'not_found');
  assert.deepEqual({ ...error.fields }, { entity: 'ticket', id: '999' });
  assert.match(error.message, /ticket 999 was not found/);
  assert.match(String(error), /^HelpdeskError: ticket 999 was not found/);
  assert.equal(typeof error.stack, 'string');
});

test('HelpdeskError is exported to CommonJS and ES modules, and hosts can make one', async () => {
  const esm = await import('../helpdesk.js');
  assert.equal(esm.HelpdeskError, HelpdeskError);
  assert.equal(esm.Helpdesk, Helpdesk);
  const cause = new Error('upstream');
  const made = new HelpdeskError('coupon X: used', {
    code: 'coupon_used', kind: 'invalid_state', fields: { code: 'X' },
  }, { cause });
  assert.ok(made instanceof Error);
  assert.deepEqual([made.code, made.kind, made.fields, made.message, made.cause],
    ['coupon_used', 'invalid_state', { code: 'X' }, 'coupon X: used', cause]);
});

test('errors of the synchronous classes are HelpdeskErrors too', () => {
  assert.throws(() => new ManualClock(new Date('nope')),
    (e) => e instanceof HelpdeskError && e.code === 'invalid_input' && e.fields.field === 'start');
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  assert.throws(() => clock.advance(1.5), (e) => e instanceof HelpdeskError && e.code === 'invalid_input');
  assert.throws(() => new WorkingCalendar({ timeZone: 'Mars/Olympus', hours: [] }),
    (e) => e instanceof HelpdeskError && e.code === 'invalid_input');
});

test('access is checked: forbidden keeps its code and leaves the store unchanged', async () => {
  const { desk, acme, portal, agent, ticket } = await smallDesk();
  let error = await rejectsUnchanged(desk, () =>
    desk.createTeam(user(agent.id), { company: acme.id, name: 'Rogue' }));
  assert.equal(error.code, 'forbidden');
  assert.equal(error.kind, 'forbidden');
  assert.equal(typeof error.fields.reason, 'string');
  error = await rejectsUnchanged(desk, () => desk.updateTicket(user(portal.id), ticket.id, { priority: 'high' }));
  assert.ok(['forbidden', 'not_found'].includes(error.code), error.code);
  error = await rejectsUnchanged(desk, () => desk.pendingOutbox(user(agent.id), 10));
  assert.equal(error.code, 'forbidden');
  error = await rejectsUnchanged(desk, () => desk.getTicket(user(12345), ticket.id));
  assert.equal(error.code, 'forbidden');
});

test('a rule broken by the input is invalid_input, naming the field', async () => {
  const { desk, team, agent } = await smallDesk();
  const error = await rejectsUnchanged(desk, () =>
    desk.createTicket(user(agent.id), { team: team.id, subject: '   ' }));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.kind, 'invalid_input');
  assert.equal(error.fields.field, 'subject');
  const limit = await rejectsUnchanged(desk, () => desk.listTickets(SYSTEM, { limit: 0 }));
  assert.equal(limit.code, 'invalid_input');
  assert.equal(limit.fields.field, 'limit');
});

test('wrong JavaScript types reject the Promise with invalid_input naming the field, and change nothing', async () => {
  const { desk, acme, ticket } = await smallDesk();
  // The field each names: the runtime's type check (a string where a
  // number belongs) or core's own reading (a required field left out).
  const calls = [
    ['name', () => desk.createCompany(SYSTEM, { name: 42 })],
    ['name', () => desk.createCompany(SYSTEM, {})],
    ['input', () => desk.createCompany(SYSTEM, 'Acme')],
    ['name', () => desk.createCompany(SYSTEM)],
    ['ticket', () => desk.getTicket(SYSTEM, 'one')],
    ['company', () => desk.createPartner(SYSTEM, { name: 'X', company: 'acme' })],
    ['companies', () => desk.createUser(SYSTEM, { name: 'X', kind: 'internal', companies: acme.id })],
    ['tags', () => desk.updateTicket(SYSTEM, ticket.id, { tags: ['a'] })],
    ['members', () => desk.setTeamMembers(SYSTEM, 1, [null])],
  ];
  for (const [field, call] of calls) {
    const error = await rejectsArgument(desk, call);
    assert.equal(error.fields.field, field, error.message);
  }
});

test('a key that is no field of the input is refused, naming it, as core refuses an unknown argument', async () => {
  const { desk, team } = await smallDesk();
  // A nested filter (core's TicketQuery has the filter's fields at the
  // top) or a misspelt field would otherwise be dropped in silence.
  let error = await rejectsArgument(desk, () => desk.listTickets(SYSTEM, { filter: { open: true } }));
  assert.equal(error.fields.field, 'filter');
  error = await rejectsArgument(desk, () => desk.createTicket(SYSTEM, { team: team.id, subject: 'x', priorty: 'high' }));
  assert.equal(error.fields.field, 'priorty');
  error = await rejectsArgument(desk, () => desk.createCouponProgram(SYSTEM, {
    company: 1, name: 'P', currency: 'EUR', reward: { kind: 'discount', percent: '10' },
  }));
  assert.equal(error.fields.field, 'percent');
  // A key set to undefined is left out, as before.
  assert.equal((await desk.listTickets(SYSTEM, { open: true, cursor: undefined })).tickets.length, 1);
});

test('an argument of the wrong type is worded as core words its refusals', async () => {
  const { desk } = await smallDesk();
  const error = await rejectsArgument(desk, () => desk.getTicket(SYSTEM, 'one'));
  assert.match(error.message, /^invalid ticket: /);
  assert.match(error.fields.reason, /number/i);
});

test('Helpdesk.open rejects a path of the wrong type instead of throwing', async () => {
  let promise;
  assert.doesNotThrow(() => {
    promise = Helpdesk.open(42);
  });
  const error = await failure(() => promise);
  assert.ok(error instanceof HelpdeskError);
  assert.equal(error.code, 'invalid_input');
});

test('unknown enum strings and malformed actors reject with invalid_input and change nothing', async () => {
  const { desk, acme, team, ticket } = await smallDesk();
  const calls = [
    () => desk.createUser(SYSTEM, { name: 'R', kind: 'robot', companies: [acme.id] }),
    () => desk.createUser(SYSTEM, { name: 'R', kind: 'internal', role: 'boss', companies: [acme.id] }),
    () => desk.createTicket(SYSTEM, { team: team.id, subject: 'x', priority: 'critical' }),
    () => desk.updateTicket(SYSTEM, ticket.id, { priority: 'URGENT' }),
    () => desk.createTeam(SYSTEM, { company: acme.id, name: 'T', visibility: 'public' }),
    () => desk.listTickets(SYSTEM, { sort: 'random' }),
    () => desk.createCompany({ kind: 'robot' }, { name: 'X' }),
    () => desk.createCompany({ kind: 'user' }, { name: 'X' }),
    () => desk.createCompany('system', { name: 'X' }),
    () => desk.createCompany(null, { name: 'X' }),
  ];
  for (const call of calls) await rejectsArgument(desk, call);
});

test('invalid dates are rejected: invalid_input for Invalid Date, a type error otherwise', () => {
  assert.throws(
    () => new ManualClock(new Date('not a date')),
    (e) => e instanceof Error && e.code === 'invalid_input' && e.fields.field === 'start',
  );
  assert.throws(() => new ManualClock('2026-03-02T09:00:00Z'));
  assert.throws(() => new ManualClock(1772442000000));
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  assert.throws(() => clock.set(new Date('garbage')), (e) => e.code === 'invalid_input');
  assert.throws(() => clock.advance(Number.NaN), (e) => e.code === 'invalid_input');
  assert.throws(() => clock.advance(1.5), (e) => e.code === 'invalid_input');
  assert.throws(() => clock.advance(Infinity), (e) => e.code === 'invalid_input');
  assert.equal(clock.now().toISOString(), '2026-03-02T09:00:00.000Z', 'the clock moved');
});

test('Helpdesk has no public constructor', () => {
  assert.throws(() => new Helpdesk());
});

test('a panic on the JavaScript thread is a thrown error, not a crash', () => {
  const addon = nativeAddon();
  assert.equal(typeof addon.__panicForTests, 'function');
  assert.throws(() => addon.__panicForTests(), (e) => e instanceof Error && /deliberate panic/.test(e.message));
  assert.throws(() => addon.__panicForTests(), Error, 'twice in a row');
});

test('a panic on a worker thread rejects the Promise with an internal error', async () => {
  const addon = nativeAddon();
  const error = await failure(() => addon.__panicInTaskForTests());
  assert.ok(error instanceof HelpdeskError);
  assert.equal(error.code, 'internal');
  assert.equal(error.kind, 'internal');
  assert.match(error.message, /deliberate panic on a worker thread/);
  // The process and the library still work.
  const desk = Helpdesk.inMemory();
  assert.equal((await desk.createCompany(SYSTEM, { name: 'After' })).name, 'After');
});

test('the test hooks and the error-factory hook are hidden: not exports of the package', async () => {
  for (const named of [Object.keys(await import('../index.js')), Object.keys(await import('../helpdesk.js'))]) {
    assert.ok(named.includes('Helpdesk'));
    assert.ok(!named.some((name) => name.startsWith('__') && name.endsWith('ForTests')), named.join(', '));
    assert.ok(!named.includes('__registerErrorFactory'), named.join(', '));
  }
  const runtime = Object.keys(helpdesk);
  assert.ok(!runtime.some((name) => name.endsWith('ForTests') || name === '__registerErrorFactory'), runtime.join(', '));
});

test('a location that cannot be read names the location; an unreachable server is a storage error', async () => {
  const bad = await failure(() => Helpdesk.open('postgres://desk@127.0.0.1/db?pool_size=0'));
  assert.ok(bad instanceof HelpdeskError);
  assert.equal(bad.code, 'invalid_input');
  assert.equal(bad.fields.field, 'location');
  const unreachable = await failure(() => Helpdesk.open('postgres://desk@127.0.0.1:1/db?connect_timeout=5'));
  assert.equal(unreachable.code, 'storage');
  assert.match(unreachable.message, /cannot connect/);
});
