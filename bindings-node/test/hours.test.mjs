// Support hours from Node (issue 9): units and conversions, prepaid
// contracts and their remaining hours, time logged in hours and days,
// upsell alerts, invoicing an order; quantities are decimal strings, days
// 'YYYY-MM-DD' strings, order lines `{ order, line }`; bad input is
// invalid_input and leaves the store unchanged.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { helpdesk, SYSTEM, tempDir, user } from './helpers.mjs';

const { Helpdesk, ManualClock } = helpdesk;

async function failure(call) {
  try {
    await call();
  } catch (error) {
    return error;
  }
  assert.fail('expected an error');
}

async function rejectsUnchanged(desk, call) {
  const before = await desk.snapshot();
  const error = await failure(call);
  assert.ok(error instanceof Error, `not an Error: ${error}`);
  assert.equal(await desk.snapshot(), before, 'the store changed');
  return error;
}

/**
 * A company with a time-billing team, a manager, an agent, a customer, a
 * sale journal, the working-time units and a prepaid support service sold
 * by the hour at 500.
 */
async function desk(open = (clock) => Helpdesk.inMemory(clock)) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const d = await open(clock);
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  const manager = await d.createUser(SYSTEM, { name: 'Mia', kind: 'internal', role: 'manager', companies: [acme.id] });
  const agent = await d.createUser(SYSTEM, { name: 'Alice', kind: 'internal', role: 'agent', companies: [acme.id] });
  const customer = await d.createPartner(SYSTEM, { company: acme.id, name: 'Agrolait' });
  const team = await d.createTeam(SYSTEM, {
    company: acme.id,
    name: 'Support',
    visibility: 'internal',
    members: [agent.id],
    settings: { timeTracking: true, timeBilling: true },
  });
  const journal = await d.createJournal(SYSTEM, { company: acme.id, name: 'Sales', code: 'INV', kind: 'sale' });
  const units = await d.listUnits(SYSTEM, acme.id);
  const hours = units.find((u) => u.name === 'Hours');
  const days = units.find((u) => u.name === 'Days');
  const support = await d.createProduct(SYSTEM, {
    company: acme.id,
    name: 'Technical Support',
    salePrice: '500',
    unit: hours.id,
    servicePolicy: 'prepaid',
  });
  const a = user(agent.id);
  const ticket = (subject) => d.createTicket(SYSTEM, { team: team.id, subject, customer: customer.id });
  const log = (t, quantity, unit) => d.logTime(a, t.id, { quantity, unit: unit.id, description: 'Work' });
  return { desk: d, clock, acme, manager, agent, a, customer, team, journal, hours, days, support, ticket, log };
}

/** A confirmed order of `lines` ([product, quantity, price]). */
async function order(s, lines) {
  const draft = await s.desk.createSaleOrder(SYSTEM, {
    company: s.acme.id,
    customer: s.customer.id,
    currency: 'EUR',
    salesperson: s.manager.id,
    lines: lines.map(([product, quantity, unitPrice]) => ({ product: product.id, quantity, unitPrice })),
  });
  return s.desk.confirmSaleOrder(SYSTEM, draft.id);
}

const contract = async (s, o, line) =>
  (await s.desk.customerContracts(SYSTEM, s.acme.id, s.customer.id)).find(
    (c) => c.line.order === o.id && c.line.line === line,
  );

test('units: Hours and Days, exact conversions, categories do not mix', async () => {
  const s = await desk();
  const { desk: d, acme, hours, days } = s;
  assert.deepEqual(
    { ratio: hours.ratio, rounding: hours.rounding, company: hours.company },
    { ratio: '1', rounding: '0.01', company: acme.id },
  );
  assert.equal(days.ratio, '8');
  assert.equal(days.category, hours.category);
  assert.equal(await d.convertQuantity(SYSTEM, '1.5', days.id, hours.id), '12.00');
  assert.equal(await d.convertQuantity(SYSTEM, '1', hours.id, days.id), '0.13');

  const company = await d.setSupportHours(SYSTEM, acme.id, { hoursPerDay: '7.5' });
  assert.equal(company.upsellThreshold, '100');
  assert.equal(await d.convertQuantity(SYSTEM, '2', days.id, hours.id), '15.00');

  const weight = await d.createUnitCategory(SYSTEM, acme.id, 'Weight');
  assert.deepEqual(weight, { id: weight.id, company: acme.id, name: 'Weight', workingTime: false });
  const kg = await d.createUnit(SYSTEM, { company: acme.id, category: weight.id, name: 'kg', ratio: '1' });
  assert.equal(kg.rounding, '0.01');
  const tonne = await d.createUnit(SYSTEM, {
    company: acme.id, category: weight.id, name: 't', ratio: '1000', rounding: '0.001',
  });
  assert.equal(await d.convertQuantity(SYSTEM, '1234', kg.id, tonne.id), '1.234');
  const across = await failure(() => d.convertQuantity(SYSTEM, '1', hours.id, kg.id));
  assert.equal(across.code, 'invalid_input');
  const notANumber = await failure(() => d.convertQuantity(SYSTEM, 'one', hours.id, days.id));
  assert.equal(notANumber.code, 'invalid_input');
  assert.equal(notANumber.fields.field, 'quantity');
  assert.equal((await d.listUnits(SYSTEM, acme.id)).length, 4);
});

test('the prepaid scenario: 50 h at 500, time in hours and days, remaining hours, upsell', async () => {
  const s = await desk();
  const { desk: d, a, hours, days, support, journal } = s;
  const o = await order(s, [[support, '50', '500'], [support, '10', '500']]);
  assert.equal(o.state, 'confirmed');
  assert.equal(o.salesperson, s.manager.id);
  assert.deepEqual(o.upsellAlerted, []);
  assert.equal(o.lines[0].unit, null);

  const draft = await d.invoiceSaleOrder(SYSTEM, o.id, journal.id);
  const invoice = await d.postInvoice(SYSTEM, draft.id);
  assert.equal(invoice.saleOrder, o.id);
  assert.equal(invoice.lines[0].total, '25000.00');
  assert.equal(invoice.lines[0].saleLine, 0);
  assert.equal(invoice.total, '30000.00');

  const t1 = await s.ticket('Cannot log in');
  assert.deepEqual(t1.saleLine, { order: o.id, line: 0 }, 'a new ticket charges the first prepaid line');
  const entry = await s.log(t1, '10', hours);
  assert.deepEqual(
    { quantity: entry.quantity, unit: entry.unit, agent: entry.agent, date: entry.date, saleLine: entry.saleLine },
    { quantity: '10', unit: hours.id, agent: s.agent.id, date: '2026-03-02', saleLine: { order: o.id, line: 0 } },
  );
  assert.equal((await contract(s, o, 0)).remainingHours, '40.00');

  const t2 = await s.ticket('Slow reports');
  await s.log(t2, '2', days);
  assert.equal((await contract(s, o, 0)).remainingHours, '24.00');
  const t2Hours = await d.ticketHours(a, t2.id);
  assert.deepEqual(t2Hours, { loggedHours: '16.00', saleLine: { order: o.id, line: 0 }, remainingHours: '24.00' });

  const t3 = await s.ticket('Data import');
  await s.log(t3, '20', hours);
  assert.equal((await contract(s, o, 0)).remainingHours, '4.00');
  const upsell = async () => (await d.pendingOutbox(SYSTEM, 100)).filter((m) => m.template === 'helpdesk.upsell');
  assert.deepEqual(await upsell(), []);
  await s.log(t3, '5', hours);
  const line0 = await contract(s, o, 0);
  assert.deepEqual(
    {
      policy: line0.policy, orderReference: line0.orderReference, orderState: line0.orderState,
      ordered: line0.ordered, remaining: line0.remaining, remainingHours: line0.remainingHours, upselling: line0.upselling,
    },
    {
      policy: 'prepaid', orderReference: o.reference, orderState: 'confirmed',
      ordered: '50', remaining: '-1.00', remainingHours: '-1.00', upselling: true,
    },
  );
  const alerts = await upsell();
  assert.equal(alerts.length, 1);
  assert.deepEqual(alerts[0].recipients, [s.manager.partner]);
  assert.deepEqual((await d.upsellOrders(SYSTEM, s.acme.id)).map((x) => x.id), [o.id]);
  assert.deepEqual((await d.getSaleOrder(SYSTEM, o.id)).upsellAlerted, [0]);

  // The second contract on the same order: new tickets charge it.
  const t4 = await s.ticket('After the first contract');
  assert.deepEqual(t4.saleLine, { order: o.id, line: 1 });
  await s.log(t4, '3', hours);
  assert.equal((await contract(s, o, 1)).remainingHours, '7.00');
  assert.equal((await contract(s, o, 0)).remainingHours, '-1.00');

  // Done: off the upsell list.
  assert.equal((await d.markSaleOrderDone(SYSTEM, o.id)).state, 'done');
  assert.deepEqual(await d.upsellOrders(SYSTEM, s.acme.id), []);
});

test('time entries: change, delete, move to another line, list', async () => {
  const s = await desk();
  const { desk: d, a, hours, days, support } = s;
  const o = await order(s, [[support, '5', '500'], [support, '5', '500']]);
  const t = await s.ticket('Printer');
  const entry = await s.log(t, '1.5', hours);
  const changed = await d.updateTimeEntry(a, entry.id, { quantity: '1', unit: days.id, date: '2026-03-01' });
  assert.deepEqual([changed.quantity, changed.unit, changed.date, changed.description], ['1', days.id, '2026-03-01', 'Work']);
  assert.equal((await d.ticketHours(a, t.id)).loggedHours, '8.00');

  const moved = await d.setTicketSaleLine(a, t.id, { order: o.id, line: 1 });
  assert.deepEqual(moved.saleLine, { order: o.id, line: 1 });
  assert.deepEqual((await d.ticketTimeEntries(a, t.id))[0].saleLine, { order: o.id, line: 1 }, 'unbilled entries follow');
  assert.equal((await contract(s, o, 1)).remainingHours, '-3.00');
  // A ticket's saleLine goes back in as is; null charges nothing.
  assert.deepEqual((await d.setTicketSaleLine(a, t.id, t.saleLine)).saleLine, { order: o.id, line: 0 });
  const none = await d.setTicketSaleLine(a, t.id, null);
  assert.equal(none.saleLine, null);
  assert.deepEqual(await d.ticketHours(a, t.id), { loggedHours: '8.00', saleLine: null, remainingHours: null });

  await d.deleteTimeEntry(a, entry.id);
  assert.deepEqual(await d.ticketTimeEntries(a, t.id), []);
  const gone = await failure(() => d.deleteTimeEntry(a, entry.id));
  assert.equal(gone.code, 'not_found');
});

test('bad time input is invalid_input naming the field, and changes nothing', async () => {
  const s = await desk();
  const { desk: d, a, hours, support } = s;
  const o = await order(s, [[support, '5', '500']]);
  const t = await s.ticket('Bad');
  for (const [input, field] of [
    [{ quantity: 'two hours' }, 'quantity'],
    [{ quantity: '1', date: '02/03/2026' }, 'date'],
    [{ quantity: '0' }, 'quantity'],
    [{ quantity: '-1', unit: hours.id }, 'quantity'],
  ]) {
    const error = await rejectsUnchanged(d, () => d.logTime(a, t.id, input));
    assert.equal(error.code, 'invalid_input', JSON.stringify(input));
    assert.equal(error.fields.field, field, JSON.stringify(input));
  }
  for (const line of [-1, 0.5, Number.NaN]) {
    const error = await rejectsUnchanged(d, () => d.setTicketSaleLine(a, t.id, { order: o.id, line }));
    assert.equal(error.code, 'invalid_input', String(line));
  }
  const noLine = await rejectsUnchanged(d, () => d.setTicketSaleLine(a, t.id, { order: o.id, line: 7 }));
  assert.equal(noLine.kind, 'invalid_input');
  const threshold = await rejectsUnchanged(d, () => d.setSupportHours(SYSTEM, s.acme.id, { upsellThreshold: 'lots' }));
  assert.equal(threshold.fields.field, 'upsell_threshold');
  const ratio = await rejectsUnchanged(d, () =>
    d.createUnit(SYSTEM, { company: s.acme.id, category: hours.category, name: 'Week', ratio: 'forty' }));
  assert.equal(ratio.fields.field, 'ratio');
  const agentConfigures = await rejectsUnchanged(d, () => d.createUnitCategory(a, s.acme.id, 'Volume'));
  assert.equal(agentConfigures.code, 'forbidden');
});

test('post-paid time is invoiced once, on the SQLite store', async () => {
  const s = await desk((clock) => Helpdesk.open(join(tempDir(), 'hours.sqlite'), clock));
  const { desk: d, hours, journal } = s;
  const timesheets = await d.createProduct(SYSTEM, {
    company: s.acme.id, name: 'Consulting', salePrice: '100', servicePolicy: 'timesheets',
  });
  assert.equal(timesheets.unit, hours.id, 'a service is sold in Hours by default');
  assert.equal(timesheets.servicePolicy, 'timesheets');
  const o = await order(s, [[timesheets, '1', '100']]);
  const t = await s.ticket('Consulting');
  assert.deepEqual(t.saleLine, { order: o.id, line: 0 });
  const entry = await s.log(t, '2.5', hours);
  const draft = await d.invoiceSaleOrder(SYSTEM, o.id, journal.id);
  assert.deepEqual([draft.lines[0].quantity, draft.total], ['2.50', '250.00']);
  assert.equal((await d.ticketTimeEntries(SYSTEM, t.id))[0].invoice, draft.id);
  const billed = await rejectsUnchanged(d, () => d.updateTimeEntry(s.a, entry.id, { description: 'x' }));
  assert.equal(billed.kind, 'invalid_state');
  const nothing = await failure(() => d.invoiceSaleOrder(SYSTEM, o.id, journal.id));
  assert.ok(['invalid_state', 'invalid_input'].includes(nothing.code), nothing.code);
  assert.equal((await d.cancelSaleOrder(SYSTEM, (await order(s, [[timesheets, '1', '100']])).id)).state, 'cancelled');
});
