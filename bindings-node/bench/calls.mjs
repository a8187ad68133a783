// Per-call cost of desk operations through the binding (not part of
// `make test`): a cheap read (`getTicket`) and a write (`createTicket`), on
// an in-memory desk, one call at a time (each awaited), so the figure is
// the whole round trip: argument conversion, the worker thread, the core
// call and the result's conversion back.
//
//   node bench/calls.mjs [iterations] [rounds]
//
// Each figure is the best (and the median) of `rounds` rounds of
// `iterations` calls: on a shared machine the best round is the one least
// disturbed by other work, so it is what compares between builds.
//
// `make bench` runs it on a release build of the addon; run on its own, it
// measures whichever addon was built last (`make test` builds a debug one).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Helpdesk } = require(join(dirname(fileURLToPath(import.meta.url)), '..'));

const iterations = Number(process.argv[2] ?? 5000);
const rounds = Number(process.argv[3] ?? 7);
const system = { kind: 'system' };

const desk = Helpdesk.inMemory();
const acme = await desk.createCompany(system, { name: 'Acme' });
const team = await desk.createTeam(system, { company: acme.id, name: 'Support' });
const ticket = await desk.createTicket(system, { team: team.id, subject: 'Printer jam' });

/**
 * Microseconds per call of `call` (best and median round), after a
 * warm-up of a tenth as many.
 */
async function perCall(call) {
  for (let i = 0; i < iterations / 10; i += 1) await call(i);
  const times = [];
  for (let round = 0; round < rounds; round += 1) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < iterations; i += 1) await call(round * iterations + i);
    times.push(Number(process.hrtime.bigint() - start) / 1000 / iterations);
  }
  times.sort((a, b) => a - b);
  return `${times[0].toFixed(1)} µs/call best, ${times[rounds >> 1].toFixed(1)} median`;
}

const read = await perCall(() => desk.getTicket(system, ticket.id));
const write = await perCall((i) =>
  desk.createTicket(system, { team: team.id, subject: `Ticket ${i}`, priority: 'high', tags: [] }),
);
console.log(`getTicket     ${read} (${rounds} rounds of ${iterations} calls)`);
console.log(`createTicket  ${write} (${rounds} rounds of ${iterations} calls)`);
await desk.close();
