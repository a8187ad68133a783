// Store operations run off the JavaScript thread: many Promises in flight at
// once against one SQLite file complete correctly.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { helpdesk, tempDir, SYSTEM, user } from './helpers.mjs';

const { Helpdesk } = helpdesk;
const N = 200;

async function setUp(desk) {
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const agent = await desk.createUser(SYSTEM, {
    name: 'Agent', kind: 'internal', role: 'agent', companies: [acme.id],
  });
  const team = await desk.createTeam(SYSTEM, {
    company: acme.id, name: 'Support', members: [agent.id],
  });
  return { acme, agent, team };
}

test('many concurrent operations on one SQLite file', async () => {
  const path = join(tempDir(), 'desk.sqlite');
  const desk = await Helpdesk.open(path);
  const { agent, team } = await setUp(desk);

  const pending = [];
  for (let i = 0; i < N; i += 1) {
    const created = desk.createTicket(user(agent.id), { team: team.id, subject: `Ticket ${i}` });
    assert.ok(created instanceof Promise, 'operations return Promises');
    pending.push(created);
    if (i % 10 === 0) pending.push(desk.countTickets(SYSTEM), desk.listTickets(user(agent.id), { limit: 5 }));
  }
  const results = await Promise.all(pending);
  const tickets = results.filter((r) => r && typeof r === 'object' && 'reference' in r);
  assert.equal(tickets.length, N);
  const numbers = tickets.map((t) => t.number).sort((a, b) => a - b);
  assert.deepEqual(numbers, Array.from({ length: N }, (_, i) => i + 1), 'numbers are unique and dense');
  assert.equal(await desk.countTickets(SYSTEM), N);

  // A second desk on the same file sees everything, and both write at once.
  const other = await Helpdesk.open(path);
  assert.equal(await other.countTickets(SYSTEM), N);
  const both = await Promise.all(
    Array.from({ length: 40 }, (_, i) =>
      (i % 2 ? desk : other).replyToTicket(user(agent.id), tickets[i].id, `Reply ${i}`)),
  );
  assert.equal(new Set(both.map((m) => m.id)).size, 40);
  const page = await other.listTickets(SYSTEM, { limit: 500 });
  assert.equal(page.tickets.length, N);
  assert.equal(page.nextCursor, null);
});

test('concurrent failures reject individually and leave the rest intact', async () => {
  const desk = await Helpdesk.open(join(tempDir(), 'desk.sqlite'));
  const { agent, team } = await setUp(desk);
  const outcomes = await Promise.allSettled(
    Array.from({ length: 50 }, (_, i) =>
      desk.createTicket(user(agent.id), { team: team.id, subject: i % 5 === 0 ? ' ' : `T${i}` })),
  );
  const rejected = outcomes.filter((o) => o.status === 'rejected');
  assert.equal(rejected.length, 10);
  assert.ok(rejected.every((o) => o.reason.code === 'invalid_input'));
  assert.equal(await desk.countTickets(SYSTEM), 40);
});

test('opening something that is not a store is a storage error', async () => {
  const error = await Helpdesk.open(join(tempDir(), 'missing', 'dir', 'desk.sqlite')).then(
    () => assert.fail('opened'),
    (e) => e,
  );
  assert.ok(error instanceof Error);
  assert.equal(error.kind, 'storage');
  assert.ok(['storage', 'corrupt_store'].includes(error.code), error.code);
});
