// Commerce and refunds from Node (issue 8): money, quantities and rates are
// decimal strings with their scale, dates 'YYYY-MM-DD' strings; a partial
// refund edits a draft credit note down, posts it, and leaves the rest
// refundable; bad decimals, dates and whole numbers are invalid_input and
// leave the store unchanged.
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
 * A company with a refunds team, a customer with a ticket, a 21 % tax, two
 * products, a sale journal and a posted invoice of 254.10 EUR.
 */
async function desk(open = (clock) => Helpdesk.inMemory(clock)) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const d = await open(clock);
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  const customer = await d.createPartner(SYSTEM, { company: acme.id, name: 'Customer Ltd' });
  const manager = await d.createUser(SYSTEM, { name: 'M', kind: 'internal', role: 'manager', companies: [acme.id] });
  const agent = await d.createUser(SYSTEM, { name: 'A', kind: 'internal', role: 'agent', companies: [acme.id] });
  const m = user(manager.id);
  const a = user(agent.id);
  const team = await d.createTeam(m, {
    company: acme.id, name: 'Care', members: [agent.id], settings: { refunds: true, coupons: true },
  });
  const ticket = await d.createTicket(a, { team: team.id, subject: 'Broken printer', customer: customer.id });
  const vat = await d.createTax(m, { company: acme.id, name: 'VAT 21%', percent: '21' });
  const printer = await d.createProduct(m, {
    company: acme.id, name: 'Printer', tracking: 'serial', salePrice: '199.99', taxes: [vat.id],
  });
  const toner = await d.createProduct(m, { company: acme.id, name: 'Toner', salePrice: '3.335', taxes: [vat.id] });
  const journal = await d.createJournal(m, { company: acme.id, name: 'Customer Invoices', code: 'INV', kind: 'sale' });
  const draft = await d.createInvoice(m, {
    company: acme.id,
    customer: customer.id,
    journal: journal.id,
    currency: 'EUR',
    date: '2026-03-01',
    lines: [{ product: printer.id, quantity: '1' }, { product: toner.id, quantity: '3' }],
  });
  const invoice = await d.postInvoice(m, draft.id);
  return { desk: d, clock, acme, customer, m, a, team, ticket, vat, printer, toner, journal, invoice };
}

test('records carry decimal strings, calendar dates and typed enums', async () => {
  const { desk: d, m, acme, vat, printer, journal, invoice, customer } = await desk();
  assert.deepEqual(vat, { id: vat.id, company: acme.id, name: 'VAT 21%', percent: '21', priceIncluded: false });
  assert.equal(printer.salePrice, '199.99');
  assert.equal(printer.tracking, 'serial');
  assert.deepEqual(printer.taxes, [vat.id]);
  assert.equal(journal.kind, 'sale');
  assert.equal(journal.code, 'INV');

  assert.equal(invoice.kind, 'invoice');
  assert.equal(invoice.state, 'posted');
  assert.equal(invoice.paymentState, 'not_paid');
  assert.equal(invoice.number, 'INV/2026/00001');
  assert.equal(invoice.date, '2026-03-01');
  assert.deepEqual(invoice.currency, { code: 'EUR', decimals: 2 });
  assert.deepEqual([invoice.untaxed, invoice.tax, invoice.total], ['210.00', '44.10', '254.10']);
  assert.equal(invoice.scheduledPost, null);
  assert.equal(invoice.reversedInvoice, null);
  const [first, second] = invoice.lines;
  assert.equal(first.label, 'Printer');
  assert.deepEqual([first.quantity, first.unitPrice, first.subtotal], ['1', '199.99', '199.99']);
  assert.equal(second.unitPrice, '3.335');
  assert.equal(first.reverses, null);
  assert.deepEqual(await d.getInvoice(m, invoice.id), invoice);

  const order = await d.createSaleOrder(m, {
    company: acme.id, customer: customer.id, currency: 'eur',
    lines: [{ product: printer.id, quantity: '2', unitPrice: '180.5' }],
  });
  assert.equal(order.state, 'draft');
  assert.equal(order.reference, 'S00001');
  assert.equal(order.confirmedAt, null);
  assert.deepEqual(order.lines, [{ product: printer.id, quantity: '2', unitPrice: '180.5', unit: null }]);
  const confirmed = await d.confirmSaleOrder(m, order.id);
  assert.equal(confirmed.state, 'confirmed');
  assert.ok(confirmed.confirmedAt instanceof Date);

  const xbt = await d.defineCurrency(SYSTEM, 'xbt', 8);
  assert.deepEqual(xbt, { code: 'XBT', decimals: 8 });
  const paid = await d.setPaymentState(m, invoice.id, 'paid');
  assert.equal(paid.paymentState, 'paid');
});

test('a partial refund: edit a credit note line down, post it, the rest stays refundable', async () => {
  const { desk: d, a, ticket, invoice } = await desk();
  let [refundable] = await d.refundableInvoices(a, ticket.id);
  assert.equal(refundable.invoice.id, invoice.id);
  assert.equal(refundable.remaining, '254.10');
  assert.equal((await d.refundableInvoices(a, ticket.id, { product: 999 })).length, 0);

  const defaults = await d.refundDefaults(a, ticket.id);
  assert.deepEqual(defaults, { saleOrder: null, reason: 'Helpdesk Ticket #1', reversalDate: '2026-03-02' });

  const note = await d.reverseInvoice(a, ticket.id, { invoice: invoice.id });
  assert.equal(note.kind, 'credit_note');
  assert.equal(note.state, 'draft');
  assert.equal(note.reversedInvoice, invoice.id);
  assert.equal(note.ticket, ticket.id);
  assert.equal(note.total, '254.10');
  assert.deepEqual(note.lines.map((l) => l.reverses), [0, 1]);
  assert.deepEqual(await d.refundableInvoices(a, ticket.id), [], 'a draft credit note takes it all');

  // A partial refund: the printer and 2 of the 3 toners.
  const edited = await d.updateCreditNoteLine(a, note.id, 1, { quantity: '2' });
  assert.equal(edited.lines[1].quantity, '2');
  assert.equal(edited.total, '250.06');
  let error = await rejectsUnchanged(d, () => d.updateCreditNoteLine(a, note.id, 1, { quantity: '4' }));
  assert.equal(error.code, 'invalid_input');
  error = await rejectsUnchanged(d, () => d.updateCreditNoteLine(a, note.id, 0, { unitPrice: '250' }));
  assert.equal(error.code, 'invalid_input');

  const posted = await d.postInvoice(a, note.id);
  assert.equal(posted.state, 'posted');
  assert.equal(posted.number, 'RINV/2026/00001');
  [refundable] = await d.refundableInvoices(a, ticket.id);
  assert.equal(refundable.remaining, '4.04');
  error = await rejectsUnchanged(d, () => d.updateCreditNoteLine(a, note.id, 1, { quantity: '1' }));
  assert.equal(error.code, 'invalid_state');
  assert.equal(error.kind, 'invalid_state');

  const notes = await d.ticketCreditNotes(a, ticket.id);
  assert.deepEqual(notes.map((n) => n.id), [note.id]);
  const refreshed = await d.getTicket(a, ticket.id);
  assert.deepEqual(refreshed.documents, [{ kind: 'credit_note', id: note.id }]);

  const cancelled = await d.cancelInvoice(a, note.id);
  assert.equal(cancelled.state, 'cancelled');
  [refundable] = await d.refundableInvoices(a, ticket.id);
  assert.equal(refundable.remaining, '254.10');
});

test('reverse and re-invoice on a future date is scheduled, then posted when due', async () => {
  const { desk: d, clock, a, ticket, invoice } = await desk();
  const made = await d.reverseAndReinvoice(a, ticket.id, {
    invoice: invoice.id, reason: 'Wrong model', reversalDate: '2026-03-04',
  });
  assert.equal(made.creditNote.state, 'draft');
  assert.equal(made.creditNote.scheduledPost, '2026-03-04');
  assert.equal(made.creditNote.reference, 'Reversal of: INV/2026/00001, Wrong model');
  assert.equal(made.invoice.state, 'draft');
  assert.equal(made.invoice.number, null);
  assert.equal(made.invoice.total, '254.10');
  assert.deepEqual(await d.postDueCreditNotes(SYSTEM), []);
  clock.advance(2 * 24 * 3600_000);
  const [posted] = await d.postDueCreditNotes(SYSTEM);
  assert.equal(posted.id, made.creditNote.id);
  assert.equal(posted.state, 'posted');
  assert.equal((await d.getInvoice(a, invoice.id)).paymentState, 'reversed');
  const error = await failure(() => d.postDueCreditNotes(a));
  assert.equal(error.code, 'forbidden');
});

test('postDueCreditNotes posts as of `at`; an `at` later than now is invalid_input', async () => {
  const { desk: d, clock, a, ticket, invoice } = await desk();
  const made = await d.reverseAndReinvoice(a, ticket.id, {
    invoice: invoice.id, reason: 'Wrong model', reversalDate: '2026-03-04',
  });
  clock.advance(2 * 24 * 3600_000); // 2026-03-04T09:00Z
  const error = await rejectsUnchanged(d, () => d.postDueCreditNotes(SYSTEM, new Date('2026-03-04T09:00:01Z')));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.fields.field, 'at');
  assert.deepEqual(await d.postDueCreditNotes(SYSTEM, new Date('2026-03-03T23:59:59Z')), []);
  const [posted] = await d.postDueCreditNotes(SYSTEM, null);
  assert.equal(posted.id, made.creditNote.id);
});

test('a decimal input that is not a number is invalid_input and changes nothing', async () => {
  const { desk: d, m, a, acme, customer, journal, printer, ticket, invoice } = await desk();
  const cases = [
    ['percent', () => d.createTax(m, { company: acme.id, name: 'Bad', percent: 'twenty-one' })],
    ['sale_price', () => d.createProduct(m, { company: acme.id, name: 'Bad', salePrice: '12,50' })],
    ['quantity', () => d.createInvoice(m, {
      company: acme.id, customer: customer.id, journal: journal.id, currency: 'EUR',
      lines: [{ product: printer.id, quantity: 'one' }],
    })],
    ['unit_price', () => d.createSaleOrder(m, {
      company: acme.id, customer: customer.id, currency: 'EUR',
      lines: [{ product: printer.id, quantity: '1', unitPrice: '' }],
    })],
    ['discount_percent', () => d.createCouponProgram(m, {
      company: acme.id, name: 'Bad', currency: 'EUR', reward: { kind: 'discount', discountPercent: 'NaN' },
    })],
    ['minimum_amount', () => d.createCouponProgram(m, {
      company: acme.id, name: 'Bad', currency: 'EUR', reward: { kind: 'discount', discountPercent: '10' },
      conditions: { minimumAmount: '1.2.3' },
    })],
  ];
  const note = await d.reverseInvoice(a, ticket.id, { invoice: invoice.id });
  cases.push(['quantity', () => d.updateCreditNoteLine(a, note.id, 0, { quantity: 'half' })]);
  for (const [field, call] of cases) {
    const error = await rejectsUnchanged(d, call);
    assert.equal(error.code, 'invalid_input', field);
    assert.equal(error.kind, 'invalid_input', field);
    assert.equal(error.fields.field, field);
  }
});

test('a date or whole number that is not one is invalid_input and changes nothing', async () => {
  const { desk: d, m, a, acme, customer, journal, printer, ticket, invoice } = await desk();
  const cases = [
    ['date', () => d.createInvoice(m, {
      company: acme.id, customer: customer.id, journal: journal.id, currency: 'EUR', date: '01/03/2026',
      lines: [{ product: printer.id, quantity: '1' }],
    })],
    ['reversal_date', () => d.reverseInvoice(a, ticket.id, { invoice: invoice.id, reversalDate: '2026-02-30' })],
    ['decimals', () => d.defineCurrency(SYSTEM, 'XBT', -1)],
    ['decimals', () => d.defineCurrency(SYSTEM, 'XBT', 2.5)],
    ['usage_limit', () => d.createCouponProgram(m, {
      company: acme.id, name: 'Bad', currency: 'EUR', reward: { kind: 'discount', discountPercent: '10' },
      usageLimit: -1,
    })],
    ['valid_until', () => d.createCouponProgram(m, {
      company: acme.id, name: 'Bad', currency: 'EUR', reward: { kind: 'discount', discountPercent: '10' },
      validUntil: 'tomorrow',
    })],
  ];
  const note = await d.reverseInvoice(a, ticket.id, { invoice: invoice.id });
  cases.push(['line', () => d.updateCreditNoteLine(a, note.id, 0.5, { quantity: '1' })]);
  cases.push(['line', () => d.updateCreditNoteLine(a, note.id, -1, { quantity: '1' })]);
  for (const [field, call] of cases) {
    const error = await rejectsUnchanged(d, call);
    assert.equal(error.code, 'invalid_input', field);
    assert.equal(error.fields.field, field);
  }
  // An unknown enum string is a type error from the binding, not a write.
  const error = await rejectsUnchanged(d, () => d.setPaymentState(m, invoice.id, 'refunded'));
  assert.ok(error instanceof Error);
});

test('access: agents do not record invoices; portal users do not read credit notes', async () => {
  const { desk: d, a, acme, customer, journal, printer, ticket } = await desk();
  const error = await rejectsUnchanged(d, () => d.createInvoice(a, {
    company: acme.id, customer: customer.id, journal: journal.id, currency: 'EUR',
    lines: [{ product: printer.id, quantity: '1' }],
  }));
  assert.equal(error.code, 'forbidden');
  const portal = await d.createUser(SYSTEM, { name: 'P', kind: 'portal', companies: [acme.id], partner: customer.id });
  const denied = await failure(() => d.ticketCreditNotes(user(portal.id), ticket.id));
  assert.equal(denied.code, 'forbidden');
});

test('a refund on SQLite survives reopening the file', async () => {
  const path = join(tempDir(), 'refunds.sqlite');
  const { desk: d, a, ticket, invoice } = await desk((clock) => Helpdesk.open(path, clock));
  const note = await d.reverseInvoice(a, ticket.id, { invoice: invoice.id });
  await d.updateCreditNoteLine(a, note.id, 1, { quantity: '1' });
  const posted = await d.postInvoice(a, note.id);
  const again = await Helpdesk.open(path);
  assert.deepEqual(await again.getInvoice(a, note.id), posted);
  assert.deepEqual((await again.ticketCreditNotes(a, ticket.id)).map((n) => n.number), ['RINV/2026/00001']);
});
