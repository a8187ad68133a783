// VIS-13 from Node: a desk's text limits are its options
// (`Helpdesk.inMemory(clock, { limits })`, `Helpdesk.open(path, clock,
// { limits })`, api.json's `desk_options` record); text over a limit is
// `invalid_input` naming the field and the limit, nothing written. A bad
// option is `invalid_input` naming it (thrown by `inMemory`, a rejection
// of `open`), read by core as an operation's argument is.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { helpdesk, SYSTEM, tempDir, user } from './helpers.mjs';

const { Helpdesk, HelpdeskError, ManualClock } = helpdesk;

/** A team, an agent in it and a ticket, on the desk `open(clock)` makes. */
async function desk(open) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const d = await open(clock);
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  const agent = await d.createUser(SYSTEM, { name: 'A', kind: 'internal', role: 'manager', companies: [acme.id] });
  const a = user(agent.id);
  const team = await d.createTeam(a, { company: acme.id, name: 'Care', members: [agent.id] });
  const ticket = await d.createTicket(a, { team: team.id, subject: 'First' });
  return { desk: d, a, team, ticket };
}

/** `call()` rejects with `invalid_input` naming `field` and `limit`; nothing written. */
async function refused(d, call, field, limit) {
  const before = await d.snapshot();
  await assert.rejects(call, (error) => {
    assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.fields.field, field);
    assert.match(error.fields.reason, new RegExp(`at most ${limit} `));
    return true;
  });
  assert.equal(await d.snapshot(), before, 'the store changed');
}

test('VIS-13 limits are configurable per desk', async () => {
  const small = await desk((clock) => Helpdesk.inMemory(clock, { limits: { subject: 10 } }));
  const subject = (n) => ({ team: small.team.id, subject: 's'.repeat(n) });
  await refused(small.desk, () => small.desk.createTicket(small.a, subject(11)), 'subject', 10);
  assert.equal((await small.desk.createTicket(small.a, subject(10))).subject, 's'.repeat(10));
  // The limits left out keep their defaults.
  await small.desk.replyToTicket(small.a, small.ticket.id, 'b'.repeat(1000));

  // Another desk in the same process keeps the defaults: 300 characters.
  const plain = await desk((clock) => Helpdesk.inMemory(clock));
  const long = (n) => ({ team: plain.team.id, subject: 'ś'.repeat(n) });
  await refused(plain.desk, () => plain.desk.createTicket(plain.a, long(301)), 'subject', 300);
  assert.equal((await plain.desk.createTicket(plain.a, long(300))).subject.length, 300);
  // A message over 256 KiB of UTF-8.
  await refused(plain.desk, () => plain.desk.replyToTicket(plain.a, plain.ticket.id, 'b'.repeat(262145)), 'body', 262144);

  // `text` counts bytes: 9 × 'é' is 18 bytes of UTF-8.
  const terse = await desk((clock) => Helpdesk.inMemory(clock, { limits: { text: 16 } }));
  await refused(terse.desk, () => terse.desk.replyToTicket(terse.a, terse.ticket.id, 'é'.repeat(9)), 'body', 16);
  assert.equal((await terse.desk.replyToTicket(terse.a, terse.ticket.id, 'é'.repeat(8))).body, 'é'.repeat(8));
});

test('VIS-13 a SQLite desk opened with limits keeps to them', async () => {
  const path = join(tempDir(), 'limits.sqlite');
  const { desk: d, a, team } = await desk((clock) => Helpdesk.open(path, clock, { limits: { subject: 10, short: 5 } }));
  await refused(d, () => d.createTicket(a, { team: team.id, subject: 's'.repeat(11) }), 'subject', 10);
  await refused(d, () => d.createTag(a, 1, 'sixsix'), 'name', 5);
  await d.close();
  // Limits are the desk's, not the file's: reopened without, the defaults.
  const again = await Helpdesk.open(path);
  assert.equal((await again.createTicket(a, { team: team.id, subject: 's'.repeat(11) })).subject.length, 11);
  await again.close();
});

/** `error` is `invalid_input` naming `field`. */
const naming = (field) => (error) => {
  assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.fields.field, field, error.message);
  return true;
};

test('a bad desk option is invalid_input naming the field', async () => {
  const bad = [
    [{ seed: -1 }, 'seed'],
    [{ seed: 1.5 }, 'seed'],
    [{ seed: 'x' }, 'seed'],
    [{ limits: { subject: 'x' } }, 'subject'],
    [{ limits: { subject: -1 } }, 'subject'],
    [{ limits: { text: 2 ** 32 } }, 'text'],
    [{ limits: 10 }, 'limits'],
    [{ limit: { subject: 10 } }, 'limit'],
    [7, 'options'],
    ['{"seed":1}', 'options'],
  ];
  const path = join(tempDir(), 'options.sqlite');
  for (const [options, field] of bad) {
    assert.throws(() => Helpdesk.inMemory(undefined, options), naming(field), JSON.stringify(options));
    let promise;
    assert.doesNotThrow(() => {
      promise = Helpdesk.open(path, undefined, options);
    });
    await assert.rejects(promise, naming(field), JSON.stringify(options));
  }
  // Left out, `undefined`, `null` or `{}`: the defaults.
  for (const options of [undefined, null, {}, { seed: null, limits: null }, { limits: {} }]) {
    const d = Helpdesk.inMemory(null, options);
    assert.equal((await d.listTeams(SYSTEM)).length, 0);
  }
});
