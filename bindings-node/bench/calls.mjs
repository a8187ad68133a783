// Per-call cost of desk operations through the binding (not part of
// `make test`): a cheap read (`getTicket`) and a write (`createTicket`), on
// an in-memory desk, one call at a time (each awaited), so the figure is
// the whole round trip: argument conversion, the worker thread, the core
// call and the result's conversion back.
//
//   node bench/calls.mjs [iterations]
//
// `make bench` runs it on a release build of the addon; run on its own, it
// measures whichever addon was built last (`make test` builds a debug one).
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { Helpdesk } = require(join(dirname(fileURLToPath(import.meta.url)), '..'));

const iterations = Number(process.argv[2] ?? 5000);
const system = { kind: 'system' };

const desk = Helpdesk.inMemory();
const acme = await desk.createCompany(system, { name: 'Acme' });
const team = await desk.createTeam(system, { company: acme.id, name: 'Support' });
const ticket = await desk.createTicket(system, { team: team.id, subject: 'Printer jam' });

/** Microseconds per call of `call`, after a warm-up of a tenth as many. */
async function perCall(call) {
  for (let i = 0; i < iterations / 10; i += 1) await call(i);
  const start = process.hrtime.bigint();
  for (let i = 0; i < iterations; i += 1) await call(i);
  return Number(process.hrtime.bigint() - start) / 1000 / iterations;
}

const read = await perCall(() => desk.getTicket(system, ticket.id));
const write = await perCall((i) =>
  desk.createTicket(system, { team: team.id, subject: `Ticket ${i}`, priority: 'high', tags: [] }),
);
console.log(`getTicket     ${read.toFixed(1)} µs/call (${iterations} calls)`);
console.log(`createTicket  ${write.toFixed(1)} µs/call (${iterations} calls)`);
await desk.close();
