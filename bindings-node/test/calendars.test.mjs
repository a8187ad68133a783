// Stored calendars through the Helpdesk (createCalendar … workingTimeBetween):
// the binding's own conventions (milliseconds, Dates, rejected Promises, the
// Calendar record's shape) beyond the golden replay of calendars.json.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { helpdesk, SYSTEM } from './helpers.mjs';

const { Helpdesk, WorkingCalendar } = helpdesk;

const hours = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((weekday) => [
  { weekday, start: '08:00', end: '12:00' },
  { weekday, start: '13:00', end: '17:00' },
]);
const spec = {
  timeZone: 'Europe/Brussels',
  hours,
  closures: [
    { kind: 'days', first: '2026-03-04', last: '2026-03-04' },
    { kind: 'period', from: new Date('2026-03-05T11:00:00Z'), to: new Date('2026-03-05T16:00:00Z') },
  ],
};

async function desk() {
  const d = Helpdesk.inMemory();
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  return { d, acme };
}

test('createCalendar returns a Calendar record whose spec reads back as given', async () => {
  const { d, acme } = await desk();
  const cal = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Office', ...spec });
  assert.equal(typeof cal.id, 'number');
  assert.equal(cal.company, acme.id);
  assert.equal(cal.name, 'Office');
  assert.equal(cal.spec.timeZone, 'Europe/Brussels');
  assert.equal(cal.spec.hours.length, 10);
  assert.deepEqual(cal.spec.hours[0], { weekday: 'monday', start: '08:00', end: '12:00' });
  assert.deepEqual(cal.spec.closures[0], { kind: 'days', first: '2026-03-04', last: '2026-03-04' });
  assert.equal(cal.spec.closures[1].kind, 'period');
  assert.ok(cal.spec.closures[1].from instanceof Date);
  assert.equal(cal.spec.closures[1].to.getTime(), spec.closures[1].to.getTime());
  assert.deepEqual(await d.getCalendar(SYSTEM, cal.id), cal);
  assert.deepEqual(await d.listCalendars(SYSTEM, acme.id), [cal]);
  // The read-back spec is a valid input again.
  const again = await d.updateCalendar(SYSTEM, cal.id, { spec: cal.spec });
  assert.deepEqual(again, cal);
  new WorkingCalendar(cal.spec);
});

test('absent closures are none; updateCalendar keeps what it is not given', async () => {
  const { d, acme } = await desk();
  const cal = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Office', timeZone: 'UTC', hours });
  assert.deepEqual(cal.spec.closures, []);
  const renamed = await d.updateCalendar(SYSTEM, cal.id, { name: 'Renamed' });
  assert.equal(renamed.name, 'Renamed');
  assert.deepEqual(renamed.spec, cal.spec);
  const respec = await d.updateCalendar(SYSTEM, cal.id, { spec });
  assert.equal(respec.name, 'Renamed');
  assert.equal(respec.spec.timeZone, 'Europe/Brussels');
});

test('addWorkingTime and workingTimeBetween agree with WorkingCalendar, in milliseconds', async () => {
  const { d, acme } = await desk();
  const cal = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Office', ...spec });
  const local = new WorkingCalendar(spec);
  const start = new Date('2026-03-02T07:00:00Z');
  for (const ms of [0, 1000, 5 * 3600_000, 8 * 3600_000, 40 * 3600_000]) {
    const got = await d.addWorkingTime(SYSTEM, cal.id, start, ms);
    assert.ok(got instanceof Date);
    assert.equal(got.getTime(), local.addWorkingTime(start, ms).getTime(), `${ms} ms`);
  }
  const a = new Date('2026-03-02T06:00:00Z');
  const b = new Date('2026-03-09T17:00:00Z');
  const between = await d.workingTimeBetween(SYSTEM, cal.id, a, b);
  assert.equal(between, local.workingTimeBetween(a, b));
  assert.equal(between % 1000, 0);
  assert.equal(await d.workingTimeBetween(SYSTEM, cal.id, b, a), -between);
});

test('bad arguments reject the Promise with invalid_input', async () => {
  const { d, acme } = await desk();
  const cal = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Office', ...spec });
  const start = new Date('2026-03-02T07:00:00Z');
  for (const bad of [1, 1500, 0.5, NaN, Infinity, -1000]) {
    await assert.rejects(d.addWorkingTime(SYSTEM, cal.id, start, bad), { code: 'invalid_input' }, `${bad}`);
  }
  await assert.rejects(d.addWorkingTime(SYSTEM, cal.id, new Date(NaN), 0), { code: 'invalid_input' });
  await assert.rejects(d.workingTimeBetween(SYSTEM, cal.id, start, new Date(NaN)), { code: 'invalid_input' });
  for (const bad of [
    { timeZone: 'UTC', hours: [] },
    { timeZone: 'Mars/Olympus', hours },
    { timeZone: 'UTC', hours: [{ weekday: 'monday', start: '08:61', end: '12:00' }] },
    { timeZone: 'UTC', hours, closures: [{ kind: 'days', first: '2026-02-30', last: '2026-03-01' }] },
    { timeZone: 'UTC', hours, closures: [{ kind: 'period', from: new Date(NaN), to: new Date() }] },
  ]) {
    const before = await d.snapshot();
    await assert.rejects(d.createCalendar(SYSTEM, { company: acme.id, name: 'X', ...bad }), { code: 'invalid_input' });
    await assert.rejects(d.updateCalendar(SYSTEM, cal.id, { spec: bad }), { code: 'invalid_input' });
    assert.equal(await d.snapshot(), before);
  }
  await assert.rejects(d.getCalendar(SYSTEM, 9999), { code: 'not_found' });
  await assert.rejects(d.addWorkingTime(SYSTEM, 9999, start, 0), { code: 'not_found' });
});

// VIS-11: another company's calendar is as unknown as a missing one.
test('a team takes a calendar of its own company only', async () => {
  const { d, acme } = await desk();
  const globex = await d.createCompany(SYSTEM, { name: 'Globex' });
  const cal = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Office', ...spec });
  const team = await d.createTeam(SYSTEM, { company: acme.id, name: 'Support', settings: { calendar: cal.id } });
  assert.equal(team.settings.calendar, cal.id);
  await assert.rejects(
    d.createTeam(SYSTEM, { company: globex.id, name: 'Other', settings: { calendar: cal.id } }),
    { code: 'not_found', message: `calendar ${cal.id} was not found (or you may not see it)` },
  );
});

test('a stored calendar\'s spec is a spec of WorkingCalendar, and closures may be null in both', async () => {
  const { d, acme } = await desk();
  const stored = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Office', ...spec });
  const start = new Date('2026-03-04T07:00:00Z');
  assert.deepEqual(
    new WorkingCalendar(stored.spec).addWorkingTime(start, 3600_000),
    await d.addWorkingTime(SYSTEM, stored.id, start, 3600_000),
  );
  const open = { timeZone: 'UTC', hours, closures: null };
  const none = await d.createCalendar(SYSTEM, { company: acme.id, name: 'Open', ...open });
  assert.deepEqual(none.spec.closures, []);
  assert.deepEqual(new WorkingCalendar(open).addWorkingTime(start, 1000), new Date('2026-03-04T08:00:01Z'));
});
