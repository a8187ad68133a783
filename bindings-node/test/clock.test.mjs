// Instants are `Date`s both ways; the desk reads the time from a ManualClock.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helpdesk, SYSTEM } from './helpers.mjs';

const { Helpdesk, ManualClock } = helpdesk;

test('ManualClock shows, sets and advances time', () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  assert.ok(clock.now() instanceof Date);
  assert.equal(clock.now().toISOString(), '2026-03-02T09:00:00.000Z');
  clock.advance(90 * 60 * 1000);
  assert.equal(clock.now().toISOString(), '2026-03-02T10:30:00.000Z');
  clock.set(new Date('2025-12-31T23:59:59Z'));
  assert.equal(clock.now().toISOString(), '2025-12-31T23:59:59.000Z');
  clock.advance(-1000);
  assert.equal(clock.now().toISOString(), '2025-12-31T23:59:58.000Z');
});

test('records carry Date instants from the desk clock, null when absent', async () => {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const desk = Helpdesk.inMemory(clock);
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const team = await desk.createTeam(SYSTEM, { company: acme.id, name: 'Support' });
  const ticket = await desk.createTicket(SYSTEM, { team: team.id, subject: 'Hello' });
  assert.ok(ticket.createdAt instanceof Date);
  assert.equal(ticket.createdAt.toISOString(), '2026-03-02T09:00:00.000Z');
  assert.equal(ticket.closedAt, null);
  assert.equal(ticket.assignee, null);
  assert.equal(ticket.priority, 'low');
  clock.advance(3_600_000);
  const [, , solved] = await desk.listStages(SYSTEM, team.id);
  const moved = await desk.moveTicket(SYSTEM, ticket.id, solved.id);
  assert.equal(moved.closedAt.toISOString(), '2026-03-02T10:00:00.000Z');
  assert.equal(moved.lastStageChangeAt.toISOString(), '2026-03-02T10:00:00.000Z');
});

test('records are plain objects with camelCase fields', async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const team = await desk.createTeam(SYSTEM, {
    company: acme.id, name: 'Support', visibility: 'invited_internal', settings: { autoAssignment: true },
  });
  assert.equal(Object.getPrototypeOf(team), Object.prototype);
  assert.equal(team.visibility, 'invited_internal');
  assert.equal(team.settings.autoAssignment, true);
  assert.equal(team.settings.assignmentMethod, 'equal_tickets');
  assert.equal(team.settings.autoCloseDays, 7);
  assert.deepEqual(team.members, []);
  // null is accepted wherever a field is optional.
  const partner = await desk.createPartner(SYSTEM, { name: 'P', company: null, email: null });
  assert.equal(partner.company, null);
  assert.equal(partner.email, null);
});
