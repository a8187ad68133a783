// Micro-benchmark (not part of `make test`; run with `make bench`):
// `WorkingCalendar.addWorkingTime` per call through the binding, on the
// calendar of core's criterion bench (core/benches/calendar.rs): Mon–Fri
// 08:00–12:00 and 13:00–17:00 Europe/Brussels, ten public holidays a year
// 2026–2028, adding 4 h, 40 h, 400 h and 4000 h from Monday 2026-03-02
// 10:30 UTC. In the same run, the npm library `moment-business-time` (over
// moment-timezone, same hours, same holidays, same zone) on the same
// workload, and a check that both agree where the holidays cover the span.
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const { WorkingCalendar } = require(packageDir);
const moment = require('moment-timezone');
require('moment-business-time'); // extends moment's prototype

const ZONE = 'Europe/Brussels';
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];
const HOLIDAYS = [2026, 2027, 2028].flatMap((year) =>
  ['01-01', '04-06', '05-01', '05-14', '05-25', '07-21', '08-15', '11-01', '11-11', '12-25'].map(
    (md) => `${year}-${md}`,
  ),
);
const START = new Date('2026-03-02T10:30:00Z');
const HOURS = [4, 40, 400, 4000];

const calendar = new WorkingCalendar({
  timeZone: ZONE,
  hours: WEEKDAYS.flatMap((weekday) => [
    { weekday, start: '08:00', end: '12:00' },
    { weekday, start: '13:00', end: '17:00' },
  ]),
  closures: HOLIDAYS.map((day) => ({ kind: 'days', first: day, last: day })),
});

const day = ['08:00:00', '12:00:00', '13:00:00', '17:00:00'];
moment.updateLocale('en', {
  workinghours: { 0: null, 1: day, 2: day, 3: day, 4: day, 5: day, 6: null },
  holidays: HOLIDAYS,
});

/** µs per call of `fn`, best of 5 batches of at least ~200 ms each. */
function time(fn) {
  let n = 1;
  for (;;) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    if (performance.now() - t0 > 200) break;
    n *= 2;
  }
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t0 = performance.now();
    for (let i = 0; i < n; i++) fn();
    best = Math.min(best, ((performance.now() - t0) * 1000) / n);
  }
  return best;
}

const fmt = (us) => (us < 10 ? us.toFixed(2) : us < 1000 ? us.toFixed(1) : us.toFixed(0));
console.log(`node ${process.version}, ${process.arch}; µs per call (best of 5 batches)`);
console.log('duration   helpdesk (napi)   moment-business-time   same result');
for (const hours of HOURS) {
  const ms = hours * 3600_000;
  const ours = () => calendar.addWorkingTime(START, ms);
  const theirs = () => moment.tz(START, ZONE).addWorkingTime(hours, 'hours').toDate();
  const same = ours().getTime() === theirs().getTime();
  console.log(
    `${String(hours).padStart(5)} h   ${fmt(time(ours)).padStart(15)}   ${fmt(time(theirs)).padStart(20)}   ${same ? 'yes' : `no (${ours().toISOString()} vs ${theirs().toISOString()})`}`,
  );
}
