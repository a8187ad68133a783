// Automatic assignment from Node (issue 7): round robin, batches (one unit
// of work), leaves, users' calendars, suggestAssignee and setTicketTeam;
// with the bad-input cases (store unchanged).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helpdesk, SYSTEM, user } from './helpers.mjs';

const { Helpdesk, ManualClock } = helpdesk;

const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/** The error `call` rejects with (fails when it succeeds). */
async function failure(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

/** Asserts that `call` fails and the store's snapshot is unchanged. */
async function rejectsUnchanged(desk, call) {
  const before = await desk.snapshot();
  const error = await failure(call);
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.equal(await desk.snapshot(), before, 'the store changed');
  return error;
}

/** A company, a manager, three agents and a round-robin team on a calendar. */
async function desk() {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z')); // a Monday
  const d = Helpdesk.inMemory(clock);
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  const staff = (name, role) => d.createUser(SYSTEM, { name, kind: 'internal', role, companies: [acme.id] });
  const manager = await staff('M', 'manager');
  const a1 = await staff('A1', 'agent');
  const a2 = await staff('A2', 'agent');
  const a3 = await staff('A3', 'agent');
  const office = await d.createCalendar(user(manager.id), {
    company: acme.id,
    name: 'Office',
    timeZone: 'UTC',
    hours: WEEKDAYS.map((weekday) => ({ weekday, start: '08:00', end: '18:00' })),
  });
  const team = await d.createTeam(user(manager.id), {
    company: acme.id,
    name: 'Support',
    members: [a1.id, a2.id, a3.id],
    settings: { autoAssignment: true, assignmentMethod: 'equal_tickets', calendar: office.id },
  });
  return { desk: d, clock, acme, manager, a1, a2, a3, office, team };
}

test('round robin: each new ticket goes to the next member', async () => {
  const { desk: d, manager, a1, a2, a3, team } = await desk();
  const assignees = [];
  for (const subject of ['one', 'two', 'three', 'four']) {
    const ticket = await d.createTicket(user(manager.id), { team: team.id, subject });
    assignees.push(ticket.assignee);
    assert.ok(ticket.assignedAt instanceof Date);
  }
  assert.deepEqual(assignees, [a1.id, a2.id, a3.id, a1.id]);
  assert.equal(await d.suggestAssignee(user(a1.id), team.id), a2.id);
});

test('createTickets creates a batch in one unit of work, assigned in order', async () => {
  const { desk: d, manager, a1, a2, a3, team } = await desk();
  const tickets = await d.createTickets(user(manager.id), [
    { team: team.id, subject: 'Batch 1' },
    { team: team.id, subject: 'Batch 2', priority: 'high' },
    { team: team.id, subject: 'Batch 3' },
  ]);
  assert.ok(Array.isArray(tickets));
  assert.deepEqual(tickets.map((t) => t.reference), ['#1', '#2', '#3']);
  assert.deepEqual(tickets.map((t) => t.assignee), [a1.id, a2.id, a3.id]);
  assert.equal(tickets[1].priority, 'high');
  assert.deepEqual(await d.createTickets(user(manager.id), []), []);
});

test('a batch with one bad ticket creates none', async () => {
  const { desk: d, manager, team } = await desk();
  const good = { team: team.id, subject: 'Fine' };
  let error = await rejectsUnchanged(d, () =>
    d.createTickets(user(manager.id), [good, { team: team.id, subject: '   ' }, good]));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.fields.field, 'subject');
  error = await rejectsUnchanged(d, () => d.createTickets(user(manager.id), [good, { team: 999, subject: 'x' }]));
  assert.equal(error.code, 'not_found');
  // Wrong JavaScript types in one element: nothing runs.
  await rejectsUnchanged(d, () => d.createTickets(user(manager.id), [good, { team: team.id }]));
  await rejectsUnchanged(d, () => d.createTickets(user(manager.id), [good, { subject: 'x', priority: 'asap' }]));
  await rejectsUnchanged(d, () => d.createTickets(user(manager.id), good));
  assert.equal(await d.countTickets(SYSTEM), 0);
});

test('leaves: created with Dates, listed, skipped by assignment, deleted', async () => {
  const { desk: d, manager, a1, a2, a3, team } = await desk();
  const leave = await d.createLeave(user(a2.id), {
    user: a2.id,
    from: new Date('2026-03-02T00:00:00Z'),
    to: new Date('2026-03-03T00:00:00Z'),
  });
  assert.equal(leave.user, a2.id);
  assert.ok(leave.from instanceof Date && leave.to instanceof Date);
  assert.equal(leave.from.toISOString(), '2026-03-02T00:00:00.000Z');
  assert.equal(leave.reason, '', 'reason defaults to empty');
  const listed = await d.listLeaves(user(a1.id), a2.id);
  assert.deepEqual(listed.map((l) => l.id), [leave.id]);
  const assignees = [];
  for (const subject of ['one', 'two', 'three']) {
    assignees.push((await d.createTicket(user(manager.id), { team: team.id, subject })).assignee);
  }
  assert.deepEqual(assignees, [a1.id, a3.id, a1.id], 'a2 is away today');
  assert.equal(await d.deleteLeave(user(manager.id), leave.id), undefined);
  assert.deepEqual(await d.listLeaves(user(a1.id), a2.id), []);
  assert.equal(await d.suggestAssignee(user(a1.id), team.id), a2.id);
  const error = await rejectsUnchanged(d, () => d.deleteLeave(user(manager.id), leave.id));
  assert.equal(error.code, 'not_found');
});

test('createLeave with to <= from is invalid_input; bad dates are rejected', async () => {
  const { desk: d, manager, a1, a2 } = await desk();
  const at = (iso) => new Date(iso);
  let error = await rejectsUnchanged(d, () =>
    d.createLeave(user(manager.id), { user: a2.id, from: at('2026-03-05T00:00:00Z'), to: at('2026-03-05T00:00:00Z') }));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.kind, 'invalid_input');
  assert.equal(error.fields.field, 'to');
  error = await rejectsUnchanged(d, () =>
    d.createLeave(user(manager.id), { user: a2.id, from: at('2026-03-06T00:00:00Z'), to: at('2026-03-05T00:00:00Z') }));
  assert.equal(error.code, 'invalid_input');
  error = await rejectsUnchanged(d, () =>
    d.createLeave(user(manager.id), { user: a2.id, from: at('garbage'), to: at('2026-03-05T00:00:00Z') }));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.fields.field, 'from');
  // Not a Date at all: napi's conversion error, nothing runs.
  await rejectsUnchanged(d, () =>
    d.createLeave(user(manager.id), { user: a2.id, from: '2026-03-05', to: at('2026-03-06T00:00:00Z') }));
  await rejectsUnchanged(d, () => d.createLeave(user(manager.id), { user: a2.id }));
  // Another agent may not record someone's leave.
  error = await rejectsUnchanged(d, () =>
    d.createLeave(user(a1.id), { user: a2.id, from: at('2026-03-05T00:00:00Z'), to: at('2026-03-06T00:00:00Z') }));
  assert.equal(error.code, 'forbidden');
});

test('setUserCalendar sets and clears a user calendar', async () => {
  const { desk: d, manager, a1, a2, office } = await desk();
  assert.equal((await d.getUser(SYSTEM, a2.id)).calendar, null);
  const set = await d.setUserCalendar(user(manager.id), a2.id, office.id);
  assert.equal(set.calendar, office.id);
  const error = await rejectsUnchanged(d, () => d.setUserCalendar(user(a1.id), a2.id, null));
  assert.equal(error.code, 'forbidden');
  assert.equal((await d.setUserCalendar(user(a2.id), a2.id, null)).calendar, null);
  assert.equal((await d.setUserCalendar(user(manager.id), a2.id, office.id)).calendar, office.id);
  assert.equal((await d.setUserCalendar(user(manager.id), a2.id)).calendar, null, 'undefined clears');
});

test('suggestAssignee: null without auto-assignment; forbidden for non-agents', async () => {
  const { desk: d, acme, manager, a1, team } = await desk();
  const manual = await d.createTeam(user(manager.id), { company: acme.id, name: 'Manual' });
  assert.equal(await d.suggestAssignee(user(a1.id), manual.id), null);
  const reader = await d.createUser(SYSTEM, { name: 'R', kind: 'internal', companies: [acme.id] });
  const error = await rejectsUnchanged(d, () => d.suggestAssignee(user(reader.id), team.id));
  assert.equal(error.code, 'forbidden');
});

test('setTicketTeam moves a ticket, assigns it, and null removes the team', async () => {
  const { desk: d, acme, manager, a1, team } = await desk();
  const manual = await d.createTeam(user(manager.id), { company: acme.id, name: 'Manual' });
  const ticket = await d.createTicket(user(manager.id), { team: manual.id, subject: 'Lost' });
  assert.equal(ticket.assignee, null);
  const moved = await d.setTicketTeam(user(a1.id), ticket.id, team.id);
  assert.equal(moved.team, team.id);
  assert.equal(moved.assignee, a1.id);
  const teamless = await d.setTicketTeam(user(a1.id), ticket.id, null);
  assert.equal(teamless.team, null);
  const error = await rejectsUnchanged(d, () => d.setTicketTeam(user(a1.id), ticket.id, 999));
  assert.equal(error.code, 'not_found');
});
