// Returns, repairs and field service from Node (issue 10): deliveries and
// returns with decimal-string quantities, exchanges, repair orders with
// parts and warranty, field-service tasks a portal customer follows; bad
// input is invalid_input and leaves the store unchanged.
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
 * A shop: a portal after-sales team with returns, repairs and field service
 * (its project with worksheets), a customer with an address and a portal
 * login, stock locations, a serial-tracked printer and toner, and a ticket.
 */
async function shop(open = (clock) => Helpdesk.inMemory(clock)) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const d = await open(clock);
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  const agent = await d.createUser(SYSTEM, { name: 'Alice', kind: 'internal', role: 'agent', companies: [acme.id] });
  const customer = await d.createPartner(SYSTEM, { company: acme.id, name: 'Carla', address: '1 Main St, Brussels' });
  const portal = await d.createUser(SYSTEM, {
    name: 'Carla', kind: 'portal', companies: [acme.id], partner: customer.id,
  });
  const project = await d.createFieldServiceProject(SYSTEM, {
    company: acme.id, name: 'On site', worksheets: true, defaultWorksheetTemplate: 'Printer check',
  });
  const team = await d.createTeam(SYSTEM, {
    company: acme.id,
    name: 'After sales',
    visibility: 'portal',
    members: [agent.id],
    settings: { returns: true, repairs: true, fieldService: true, fieldServiceProject: project.id },
  });
  const location = (name, kind) => d.createLocation(SYSTEM, { company: acme.id, name, kind });
  const stock = await location('WH/Stock', 'internal');
  const returns = await location('WH/Returns', 'internal');
  const customers = await location('Customers', 'customer');
  const printer = await d.createProduct(SYSTEM, { company: acme.id, name: 'Printer', tracking: 'serial', salePrice: '100' });
  const toner = await d.createProduct(SYSTEM, { company: acme.id, name: 'Toner', tracking: 'lot', salePrice: '100' });
  const ticket = await d.createTicket(SYSTEM, {
    team: team.id, subject: 'Printer jams', customer: customer.id, product: printer.id, lot: 'SN-42',
  });
  /** A done delivery of 1 printer and `toners` toners. */
  const delivery = async (toners) => {
    const ready = await d.createDelivery(SYSTEM, {
      company: acme.id,
      customer: customer.id,
      source: stock.id,
      destination: customers.id,
      lines: [
        { product: printer.id, quantity: '1', lot: 'SN-42' },
        { product: toner.id, quantity: toners, lot: 'L-7' },
      ],
    });
    assert.equal(ready.state, 'ready');
    return d.validateTransfer(SYSTEM, ready.id);
  };
  return {
    desk: d, acme, agent, a: user(agent.id), customer, portal, project, team,
    stock, returns, customers, printer, toner, ticket, delivery,
  };
}

test('returns: what may come back, a partial return, more than delivered is refused', async () => {
  const s = await shop();
  const { desk: d, a, ticket } = s;
  assert.deepEqual(await d.returnableDeliveries(a, ticket.id), []);
  const delivery = await s.delivery('5');
  assert.deepEqual(
    { kind: delivery.kind, state: delivery.state, reference: delivery.reference, source: delivery.source },
    { kind: 'delivery', state: 'done', reference: 'WH/OUT/00001', source: s.stock.id },
  );
  assert.ok(delivery.doneAt instanceof Date);
  assert.deepEqual(delivery.lines[1], { product: s.toner.id, quantity: '5', lot: 'L-7', returnsLine: null });

  const [offered] = await d.returnableDeliveries(a, ticket.id);
  assert.equal(offered.delivery.id, delivery.id);
  assert.deepEqual(offered.lines.map((l) => [l.line, l.delivered, l.returned, l.returnable]), [
    [0, '1', '0', '1'],
    [1, '5', '0', '5'],
  ]);

  const back = await d.returnProducts(a, ticket.id, { delivery: delivery.id, lines: [{ line: 1, quantity: '2' }] });
  assert.deepEqual(
    { kind: back.kind, origin: back.origin, ticket: back.ticket, source: back.source, destination: back.destination },
    { kind: 'return', origin: delivery.id, ticket: ticket.id, source: s.customers.id, destination: s.stock.id },
  );
  assert.deepEqual(back.lines, [{ product: s.toner.id, quantity: '2', lot: 'L-7', returnsLine: 1 }]);
  const [left] = await d.returnableDeliveries(a, ticket.id, { product: s.toner.id });
  assert.equal(left.lines[1].returnable, '3');

  // More than is left to return: invalid_input, nothing written.
  const tooMany = await rejectsUnchanged(d, () =>
    d.returnProducts(a, ticket.id, { delivery: delivery.id, lines: [{ line: 1, quantity: '4' }] }));
  assert.equal(tooMany.code, 'invalid_input');
  assert.equal(tooMany.kind, 'invalid_input');
  assert.equal(tooMany.fields.field, 'lines');
  assert.match(tooMany.message, /3 may come back/);
  for (const lines of [[{ line: 1, quantity: 'two' }], [{ line: -1, quantity: '1' }], [{ line: 1.5, quantity: '1' }]]) {
    const error = await rejectsUnchanged(d, () => d.returnProducts(a, ticket.id, { delivery: delivery.id, lines }));
    assert.equal(error.code, 'invalid_input', JSON.stringify(lines));
  }
  assert.deepEqual((await d.ticketReturns(a, ticket.id)).map((t) => t.id), [back.id]);
  assert.equal((await d.getTransfer(user(s.portal.id), back.id)).id, back.id, 'the customer sees the return of their ticket');
});

test('an exchange returns the goods and delivers the same again', async () => {
  const s = await shop();
  const { desk: d, a, ticket } = s;
  const delivery = await s.delivery('2');
  const exchange = await d.returnForExchange(a, ticket.id, {
    delivery: delivery.id, lines: [{ line: 0, quantity: '1' }], location: s.returns.id,
  });
  assert.equal(exchange.returnTransfer.destination, s.returns.id);
  assert.equal(exchange.delivery.kind, 'delivery');
  assert.deepEqual(exchange.delivery.lines.map((l) => [l.product, l.quantity]), [[s.printer.id, '1']]);
  const pending = await d.createDelivery(SYSTEM, {
    company: s.acme.id, customer: s.customer.id, source: s.stock.id, destination: s.customers.id,
    lines: [{ product: s.toner.id, quantity: '1' }],
  });
  assert.equal((await d.cancelTransfer(SYSTEM, pending.id)).state, 'cancelled');
  const toCustomers = await rejectsUnchanged(d, () =>
    d.returnProducts(a, ticket.id, { delivery: delivery.id, location: s.customers.id }));
  assert.equal(toCustomers.code, 'invalid_input');
});

test('repairs: the ticket\'s facts, parts, warranty, quotation, states', async () => {
  const s = await shop();
  const { desk: d, a, ticket } = s;
  const delivery = await s.delivery('1');
  const back = await d.returnProducts(a, ticket.id, { delivery: delivery.id, lines: [{ line: 0, quantity: '1' }] });
  const repair = await d.createRepair(a, ticket.id);
  assert.deepEqual(
    {
      customer: repair.customer, product: repair.product, lot: repair.lot, returnTransfer: repair.returnTransfer,
      state: repair.state, reference: repair.reference, scheduledDate: repair.scheduledDate, tags: repair.tags,
    },
    {
      customer: s.customer.id, product: s.printer.id, lot: 'SN-42', returnTransfer: back.id,
      state: 'new', reference: 'RO/00001', scheduledDate: '2026-03-02', tags: [],
    },
  );
  const withPart = await d.addRepairPart(a, repair.id, { product: s.toner.id, quantity: '2' });
  assert.deepEqual(withPart.parts, [{ product: s.toner.id, quantity: '2', unitPrice: '100' }]);
  const warranty = await d.updateRepair(a, repair.id, {
    underWarranty: true, tags: ['urgent'], notes: 'Roller', scheduledDate: '2026-03-05',
  });
  assert.deepEqual(
    [warranty.parts[0].unitPrice, warranty.underWarranty, warranty.tags, warranty.notes, warranty.scheduledDate],
    ['0', true, ['urgent'], 'Roller', '2026-03-05'],
  );
  const quote = await d.repairQuotation(a, repair.id, 'EUR');
  assert.deepEqual([quote.state, quote.lines[0].unitPrice], ['draft', '0']);
  assert.equal((await d.getRepair(a, repair.id)).quotation, quote.id);

  const badIndex = await rejectsUnchanged(d, () => d.removeRepairPart(a, repair.id, -1));
  assert.equal(badIndex.code, 'invalid_input');
  const noPart = await rejectsUnchanged(d, () => d.removeRepairPart(a, repair.id, 3));
  assert.equal(noPart.fields.field, 'index');
  const badDate = await rejectsUnchanged(d, () => d.updateRepair(a, repair.id, { scheduledDate: 'tomorrow' }));
  assert.equal(badDate.fields.field, 'scheduled_date');
  assert.deepEqual((await d.removeRepairPart(a, repair.id, 0)).parts, []);

  const states = [];
  for (let i = 0; i < 3; i += 1) states.push((await d.advanceRepair(a, repair.id)).state);
  assert.deepEqual(states, ['confirmed', 'under_repair', 'repaired']);
  const done = await rejectsUnchanged(d, () => d.cancelRepair(a, repair.id));
  assert.equal(done.code, 'invalid_state');
  assert.deepEqual((await d.ticketRepairs(user(s.portal.id), ticket.id)).map((r) => r.id), [repair.id]);
  const second = await d.createRepair(a, ticket.id, { underWarranty: false, notes: 'Spare' });
  assert.equal((await d.cancelRepair(a, second.id)).state, 'cancelled');
});

test('field service: a portal customer reads the task of their ticket', async () => {
  const s = await shop((clock) => Helpdesk.open(join(tempDir(), 'aftersales.sqlite'), clock));
  const { desk: d, a, ticket } = s;
  const task = await d.createFieldServiceTask(a, ticket.id);
  assert.deepEqual(task, {
    id: task.id,
    company: s.acme.id,
    project: s.project.id,
    ticket: ticket.id,
    title: 'Printer jams',
    customer: s.customer.id,
    address: '1 Main St, Brussels',
    worksheetTemplate: 'Printer check',
    stage: 'new',
  });
  const carla = user(s.portal.id);
  assert.deepEqual(await d.getFieldServiceTask(carla, task.id), task);
  await d.moveFieldServiceTask(a, task.id, 'planned');
  assert.deepEqual((await d.ticketFieldServiceTasks(carla, ticket.id)).map((t) => t.stage), ['planned']);
  const carlaMoves = await rejectsUnchanged(d, () => d.moveFieldServiceTask(carla, task.id, 'done'));
  assert.ok(['forbidden', 'not_found'].includes(carlaMoves.code), carlaMoves.code);
  const stranger = await d.createPartner(SYSTEM, { company: s.acme.id, name: 'Stranger' });
  const other = await d.createUser(SYSTEM, { name: 'Other', kind: 'portal', companies: [s.acme.id], partner: stranger.id });
  assert.equal((await failure(() => d.getFieldServiceTask(user(other.id), task.id))).code, 'not_found');
  await rejectsUnchanged(d, () => d.moveFieldServiceTask(a, task.id, 'finished'));

  // The partner's address moves with updates; an empty one clears it.
  assert.equal((await d.updatePartner(SYSTEM, s.customer.id, { address: '2 Rue Neuve' })).address, '2 Rue Neuve');
  assert.equal((await d.updatePartner(SYSTEM, s.customer.id, { address: '' })).address, null);
});

test('a worksheet template needs a project with worksheets: invalid_input, nothing written', async () => {
  const s = await shop();
  const { desk: d, a, ticket } = s;
  const plain = await d.createFieldServiceProject(SYSTEM, { company: s.acme.id, name: 'Plain' });
  assert.deepEqual(
    [plain.worksheets, plain.defaultWorksheetTemplate],
    [false, null],
  );
  const error = await rejectsUnchanged(d, () =>
    d.createFieldServiceTask(a, ticket.id, { project: plain.id, worksheetTemplate: 'Printer check' }));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.fields.field, 'worksheet_template');
  assert.match(error.message, /Plain/);
  const projectError = await rejectsUnchanged(d, () =>
    d.createFieldServiceProject(SYSTEM, { company: s.acme.id, name: 'Bad', defaultWorksheetTemplate: 'X' }));
  assert.equal(projectError.fields.field, 'default_worksheet_template');
  const titled = await d.createFieldServiceTask(a, ticket.id, { project: plain.id, title: 'Visit' });
  assert.deepEqual([titled.title, titled.worksheetTemplate], ['Visit', null]);
});

test('a team with the switches off refuses returns, repairs and tasks', async () => {
  const s = await shop();
  const { desk: d, a } = s;
  const off = await d.createTeam(SYSTEM, { company: s.acme.id, name: 'Plain', visibility: 'internal', members: [s.agent.id] });
  const t = await d.createTicket(SYSTEM, { team: off.id, subject: 'x', customer: s.customer.id, product: s.printer.id });
  const delivery = await s.delivery('1');
  for (const call of [
    () => d.returnProducts(a, t.id, { delivery: delivery.id }),
    () => d.createRepair(a, t.id, {}),
    () => d.createFieldServiceTask(a, t.id, null),
  ]) {
    const error = await rejectsUnchanged(d, call);
    assert.equal(error.code, 'invalid_state');
    assert.equal(error.kind, 'invalid_state');
  }
});
