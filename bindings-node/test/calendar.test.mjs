// The WorkingCalendar class: replays the shared calendar cases of
// tests/golden/calendar/*.json (format at the end of tests/golden/README.md;
// the Rust reference is `golden_calendar_cases` in core/tests/calendar.rs)
// and checks the binding's own conventions (milliseconds, errors).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { helpdesk, packageDir, camelKeys } from './helpers.mjs';

const { WorkingCalendar, Helpdesk } = helpdesk;
const goldenDir = join(
  process.env.HELPDESK_GOLDEN_DIR ?? join(packageDir, '..', 'tests', 'golden'),
  'calendar',
);

/** A golden spec (snake_case, instants as strings) as the binding takes it. */
export function jsSpec(spec) {
  const js = camelKeys(spec);
  js.closures = (js.closures ?? []).map((c) =>
    c.kind === 'period' ? { kind: 'period', from: new Date(c.from), to: new Date(c.to) } : c,
  );
  return js;
}

/** An instant as chrono writes it (RFC 3339, no fraction when zero). */
const rfc3339 = (date) => date.toISOString().replace('.000Z', 'Z');

/** Milliseconds the binding returns as the golden files' whole seconds. */
function seconds(ms) {
  assert.ok(Number.isInteger(ms / 1000), `${ms} ms is not whole seconds`);
  return ms / 1000;
}

/** A breakdown (CAL-9) as the core writes it: seconds, snake_case keys. */
const byDay = (b) => ({
  days: b.days,
  time: seconds(b.time),
  per_day: b.perDay.map((d) => ({ date: d.date, time: seconds(d.time), normal: seconds(d.normal), days: d.days })),
});

function run(file, c) {
  const calendar = () => {
    const cal = new WorkingCalendar(jsSpec(file.calendars[c.calendar]));
    return c.time_zone === undefined ? cal : cal.inTimeZone(c.time_zone);
  };
  switch (c.op) {
    case 'new':
      new WorkingCalendar(jsSpec(c.spec));
      return null;
    case 'add_working_time':
      return rfc3339(calendar().addWorkingTime(new Date(c.start), c.seconds * 1000));
    case 'working_time_between':
      return seconds(calendar().workingTimeBetween(new Date(c.a), new Date(c.b)));
    case 'add_working_days':
      return rfc3339(calendar().addWorkingDays(new Date(c.start), c.days));
    case 'subtract_working_time':
      return rfc3339(calendar().subtractWorkingTime(new Date(c.end), c.seconds * 1000));
    case 'next_working_instant':
      return rfc3339(calendar().nextWorkingInstant(new Date(c.at)));
    case 'previous_working_instant':
      return rfc3339(calendar().previousWorkingInstant(new Date(c.at)));
    case 'working_intervals':
      return calendar()
        .workingIntervals(new Date(c.a), new Date(c.b))
        .map((i) => [rfc3339(i.start), rfc3339(i.end)]);
    case 'working_time_by_day':
      return byDay(calendar().workingTimeByDay(new Date(c.a), new Date(c.b)));
    case 'closed_time_by_day':
      return byDay(calendar().closedTimeByDay(new Date(c.a), new Date(c.b)));
    default:
      throw new Error(`unknown calendar op ${c.op}`);
  }
}

const files = readdirSync(goldenDir).filter((f) => f.endsWith('.json')).sort();

test('there are golden calendar cases', () => {
  assert.ok(files.length > 0, `no calendar case in ${goldenDir}`);
});

for (const name of files) {
  const file = JSON.parse(readFileSync(join(goldenDir, name), 'utf8'));
  test(`golden calendar ${file.name}: every case as in Rust`, () => {
    let replayed = 0;
    for (const [index, c] of file.cases.entries()) {
      const here = `${name} case ${index} (${c.op})`;
      let value;
      try {
        value = run(file, c);
      } catch (error) {
        if (typeof c.expect_error !== 'string') assert.fail(`${here}: ${error.code} ${error.message}`);
        assert.equal(error.code, c.expect_error, `${here}: ${error.message}`);
        replayed++;
        continue;
      }
      assert.equal(c.expect_error, undefined, `${here}: expected error ${c.expect_error}, got ${value}`);
      assert.deepEqual(value, c.expect ?? c.expect_seconds ?? null, here);
      replayed++;
    }
    assert.ok(replayed >= 30);
  });
}

const office = () =>
  new WorkingCalendar({
    timeZone: 'Europe/Brussels',
    hours: ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].flatMap((weekday) => [
      { weekday, start: '08:00', end: '12:00' },
      { weekday, start: '13:00', end: '17:00' },
    ]),
    closures: [
      { kind: 'days', first: '2026-03-03', last: '2026-03-03' },
      { kind: 'period', from: new Date('2026-03-04T12:00:00Z'), to: new Date('2026-03-04T16:00:00Z') },
    ],
  });

test('durations are milliseconds, whole seconds; instants are floored to the second', () => {
  const cal = office();
  // Monday 2026-03-02 10:30 Brussels = 09:30 UTC; 2 h 30 min later: 14:00 local.
  const start = new Date('2026-03-02T09:30:00Z');
  assert.deepEqual(cal.addWorkingTime(start, 2.5 * 3600_000), new Date('2026-03-02T13:00:00Z'));
  assert.equal(cal.workingTimeBetween(start, new Date('2026-03-02T13:00:00Z')), 2.5 * 3600_000);
  assert.equal(cal.workingTimeBetween(new Date('2026-03-02T13:00:00Z'), start), -2.5 * 3600_000);
  assert.deepEqual(cal.addWorkingTime(new Date('2026-03-02T09:30:00.999Z'), 0), start);
  for (const bad of [1, 1500, 0.5, NaN, Infinity]) {
    assert.throws(() => cal.addWorkingTime(start, bad), { code: 'invalid_input', kind: 'invalid_input' });
  }
  assert.throws(() => cal.addWorkingTime(start, -1000), { code: 'invalid_input' });
  assert.throws(() => cal.addWorkingTime(new Date(NaN), 0), { code: 'invalid_input' });
  assert.throws(() => cal.workingTimeBetween(start, new Date(NaN)), { code: 'invalid_input' });
});

test('a bad spec is an invalid_input error; wrong types are conversion errors', () => {
  const hours = [{ weekday: 'monday', start: '08:00', end: '12:00' }];
  for (const spec of [
    { timeZone: 'UTC', hours: [] },
    { timeZone: 'Mars/Olympus', hours },
    { timeZone: 'UTC', hours: [{ weekday: 'monday', start: '08:61', end: '12:00' }] },
    { timeZone: 'UTC', hours, closures: [{ kind: 'days', first: '2026-02-30', last: '2026-03-01' }] },
    { timeZone: 'UTC', hours, closures: [{ kind: 'days', first: '2026-03-02', last: '2026-03-01' }] },
    { timeZone: 'UTC', hours, closures: [{ kind: 'period', from: new Date(NaN), to: new Date() }] },
  ]) {
    assert.throws(() => new WorkingCalendar(spec), { code: 'invalid_input' }, JSON.stringify(spec));
  }
  assert.throws(() => new WorkingCalendar({ timeZone: 'UTC', hours: [{ weekday: 'funday', start: '08:00', end: '09:00' }] }));
});

test('WorkingCalendar is its own synchronous class; Helpdesk.addWorkingTime is the stored-calendar operation', () => {
  assert.equal(typeof WorkingCalendar, 'function');
  assert.equal(typeof Helpdesk.prototype.addWorkingTime, 'function');
  assert.notEqual(WorkingCalendar.prototype.addWorkingTime, Helpdesk.prototype.addWorkingTime);
});

test('two-week calendars and the planning surface (CAL-6 … CAL-11)', () => {
  const hours = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'].map((weekday) => ({
    weekday,
    start: '09:00',
    end: '17:00',
  }));
  const cal = new WorkingCalendar({
    timeZone: 'Europe/Brussels',
    hours,
    secondWeek: { anchor: '2026-03-02', hours: hours.slice(0, 3) },
  });
  assert.equal(cal.workingDay, 8 * 3600 * 1000);
  const fridayOfWeek2 = new Date('2026-03-13T10:00:00Z');
  assert.equal(rfc3339(cal.nextWorkingInstant(fridayOfWeek2)), '2026-03-16T08:00:00Z');
  assert.equal(cal.addWorkingDays(fridayOfWeek2, 0).getTime(), fridayOfWeek2.getTime());
  const breakdown = cal.workingTimeByDay(new Date('2026-03-02T00:00:00Z'), new Date('2026-03-03T00:00:00Z'));
  assert.deepEqual(breakdown, {
    days: '1',
    time: 8 * 3600 * 1000,
    perDay: [{ date: '2026-03-02', time: 8 * 3600 * 1000, normal: 8 * 3600 * 1000, days: '1' }],
  });
  assert.throws(() => cal.addWorkingDays(fridayOfWeek2, 1.5), { code: 'invalid_input' });
  assert.throws(() => cal.subtractWorkingTime(fridayOfWeek2, 1500), { code: 'invalid_input' });
  assert.throws(() => cal.inTimeZone('Mars/Olympus'), { code: 'invalid_input' });
  assert.throws(
    () => new WorkingCalendar({ timeZone: 'UTC', hours, secondWeek: { anchor: '2026-03-03', hours: [] } }),
    { code: 'invalid_input' },
  );
});
