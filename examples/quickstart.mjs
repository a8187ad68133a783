// A whole helpdesk scenario on the embedded SQLite store, from Node.js: the
// same as quickstart.rs. A company, a portal-visible team and a private one,
// agents, a portal customer submitting a ticket, replies and internal notes,
// stage moves to Solved, what the customer and another agent can and cannot
// see, automatic assignment with an SLA deadline, a partial refund by credit
// note and a coupon, prepaid support hours, a repair and an on-site visit,
// and the outbox.
//
// Run it with `make -C bindings-node build && node examples/quickstart.mjs`.
// In an application, import from the npm package: `from 'helpdesk'`.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Helpdesk, HelpdeskError, Priority, version } from '../bindings-node/helpdesk.js';

const path = join(tmpdir(), 'helpdesk-quickstart-node.sqlite');
for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
const desk = await Helpdesk.open(path);
console.log(`helpdesk ${version()} on ${path}`);

// The host sets up the directory as the system actor.
const system = { kind: 'system' };
const as = (user) => ({ kind: 'user', id: user.id });
const acme = await desk.createCompany(system, { name: 'Acme Inc.' });
const staff = (name, role) => ({
  name,
  email: `${name.toLowerCase()}@acme.example`,
  kind: 'internal',
  role,
  companies: [acme.id],
});
const manager = await desk.createUser(system, staff('Mia', 'manager'));
const alice = await desk.createUser(system, staff('Alice', 'agent'));
const bob = await desk.createUser(system, staff('Bob', 'agent'));
const customer = await desk.createPartner(system, {
  company: acme.id,
  name: 'Carla Customer',
  email: 'carla@example.com',
});
const carla = await desk.createUser(system, {
  name: 'Carla',
  email: customer.email,
  kind: 'portal',
  role: 'none',
  companies: [acme.id],
  partner: customer.id,
});

// The manager configures two teams: one on the portal, one private.
const team = (name, visibility, members) => ({
  company: acme.id,
  name,
  description: `${name} questions`,
  visibility,
  members,
});
const support = await desk.createTeam(as(manager), team('Customer Care', 'portal', [alice.id, bob.id]));
const payroll = await desk.createTeam(as(manager), team('Payroll', 'invited_internal', [alice.id]));
const stages = await desk.listStages(as(manager), support.id);
console.log(`team "${support.name}" stages: ${JSON.stringify(stages.map((s) => s.name))}`);
const [, inProgress, solved] = stages;
await desk.updateStage(as(manager), solved.id, { emailTemplate: 'helpdesk.ticket_solved' });

// The customer submits a ticket through the portal form.
const ticket = await desk.submitTicket(as(carla), {
  team: support.id,
  subject: 'My printer eats paper',
  description: 'Since Monday.',
});
console.log(`Carla submitted ${ticket.reference} "${ticket.subject}"`);

// Alice takes it, notes and replies, and solves it.
await desk.assignTicket(as(alice), ticket.id, alice.id);
await desk.moveTicket(as(alice), ticket.id, inProgress.id);
await desk.addInternalNote(as(alice), ticket.id, 'Model 3000: known roller issue.');
await desk.replyToTicket(as(alice), ticket.id, 'We are sending a new roller.');
await desk.replyToTicket(as(carla), ticket.id, 'Thank you!');
const closed = await desk.moveTicket(as(alice), ticket.id, solved.id);
console.log(`${closed.reference} is now "${solved.name}", closed at ${closed.closedAt?.toISOString()}`);

// A private payroll ticket.
const privateTicket = await desk.createTicket(as(alice), {
  team: payroll.id,
  subject: 'Salary review',
  priority: Priority.High, // the same as 'high'
});

// What each person sees.
for (const [name, actor] of [['Carla', as(carla)], ['Bob', as(bob)], ['Mia', as(manager)]]) {
  const page = await desk.listTickets(actor);
  console.log(`${name} sees ${JSON.stringify(page.tickets.map((t) => t.reference))}`);
}
const carlaView = await desk.listMessages(as(carla), ticket.id);
console.log(
  `Carla reads ${carlaView.length} messages (internal notes hidden): ${JSON.stringify(carlaView.map((m) => m.body))}`,
);
try {
  await desk.getTicket(as(bob), privateTicket.id);
  console.log('Bob unexpectedly sees the payroll ticket');
} catch (error) {
  if (!(error instanceof HelpdeskError)) throw error;
  console.log(`Bob opens ${privateTicket.reference}: ${error.message} (${error.code})`);
}
try {
  await desk.moveTicket(as(carla), ticket.id, inProgress.id);
  console.log('Carla unexpectedly moved the ticket');
} catch (error) {
  console.log(`Carla tries to reopen: ${error.message} (${error.code})`);
}

// Automatic assignment and an SLA: a team that hands new tickets to its two
// agents in turn, with a policy giving urgent tickets 4 hours to be solved.
const hotline = await desk.createTeam(as(manager), {
  company: acme.id,
  name: 'Hotline',
  members: [alice.id, bob.id],
  settings: { autoAssignment: true, assignmentMethod: 'equal_tickets', useSla: true },
});
const [, , hotlineSolved] = await desk.listStages(as(manager), hotline.id);
const policy = await desk.createSlaPolicy(as(manager), {
  team: hotline.id,
  name: 'Urgent: solved within 4 hours',
  priority: 'urgent',
  targetStage: hotlineSolved.id,
  within: { hours: 4 },
});
const calls = await desk.createTickets(as(manager), [
  { team: hotline.id, subject: 'Line 1 is down', priority: 'urgent' },
  { team: hotline.id, subject: 'Line 2 crackles' },
  { team: hotline.id, subject: 'Line 3 is slow' },
]);
const names = new Map([alice, bob].map((u) => [u.id, u.name]));
for (const call of calls) {
  const deadline = call.slaDeadline ? call.slaDeadline.toISOString() : 'none';
  console.log(`${call.reference} "${call.subject}" -> ${names.get(call.assignee)}, SLA deadline ${deadline}`);
}
const [status] = await desk.ticketSlaStatuses(as(alice), calls[0].id);
console.log(`${calls[0].reference}: "${status.policyName}" (policy #${policy.id}) is ${status.state}`);

// Refunds and coupons: the host records the ERP's tax, products, sale
// journal and Carla's posted invoice (money is decimal strings). From a
// ticket of an after-sales team, Alice reverses the invoice, edits the draft
// credit note down to one of the two rollers, posts it, and gives Carla a
// coupon.
const afterSales = await desk.createTeam(as(manager), {
  company: acme.id,
  name: 'After-sales',
  members: [alice.id],
  settings: { refunds: true, coupons: true },
});
const vat = await desk.createTax(system, { company: acme.id, name: 'VAT 21%', percent: '21' });
const printer = await desk.createProduct(system, {
  company: acme.id, name: 'Printer 3000', tracking: 'serial', salePrice: '249.00', taxes: [vat.id],
});
const roller = await desk.createProduct(system, { company: acme.id, name: 'Spare roller', salePrice: '12.50', taxes: [vat.id] });
const sales = await desk.createJournal(system, { company: acme.id, name: 'Customer Invoices', code: 'INV', kind: 'sale' });
const draftInvoice = await desk.createInvoice(system, {
  company: acme.id,
  customer: customer.id,
  journal: sales.id,
  currency: 'EUR',
  lines: [{ product: printer.id, quantity: '1' }, { product: roller.id, quantity: '2' }],
});
const invoice = await desk.postInvoice(system, draftInvoice.id);
console.log(`${invoice.number} of ${invoice.date} for Carla: ${invoice.total} ${invoice.currency.code}`);
const claim = await desk.createTicket(as(alice), {
  team: afterSales.id,
  subject: 'Refund a roller',
  customer: customer.id,
});
const [refundable] = await desk.refundableInvoices(as(alice), claim.id);
console.log(`${claim.reference}: ${refundable.invoice.number} has ${refundable.remaining} EUR left to refund`);
const draftNote = await desk.reverseInvoice(as(alice), claim.id, { invoice: invoice.id });
await desk.updateCreditNoteLine(as(alice), draftNote.id, 0, { quantity: '0' });
await desk.updateCreditNoteLine(as(alice), draftNote.id, 1, { quantity: '1' });
const creditNote = await desk.postInvoice(as(alice), draftNote.id);
console.log(`${creditNote.number} (${creditNote.reference}): ${creditNote.total} EUR refunded`);
const [rest] = await desk.refundableInvoices(as(alice), claim.id);
console.log(`${rest.invoice.number} still refundable: ${rest.remaining} EUR`);
const program = await desk.createCouponProgram(as(manager), {
  company: acme.id,
  name: 'Sorry: 10% off',
  currency: 'EUR',
  reward: { kind: 'discount', discountPercent: '10' },
});
const coupon = await desk.generateCoupon(as(alice), claim.id, { program: program.id, validUntil: '2099-12-31' });
await desk.sendCoupon(as(alice), coupon.id);
console.log(`coupon ${coupon.code} (valid until ${coupon.validUntil}) e-mailed to Carla`);

// Prepaid support hours, a repair and an on-site visit: the host sells
// Carla ten hours of support; a team that tracks time, repairs and plans
// visits charges the time of her ticket to that order (quantities are
// decimal strings, in Hours unless another unit is given).
const onSite = await desk.createFieldServiceProject(as(manager), { company: acme.id, name: 'On-site visits' });
const field = await desk.createTeam(as(manager), {
  company: acme.id,
  name: 'Field support',
  members: [alice.id],
  settings: { timeTracking: true, timeBilling: true, repairs: true, fieldService: true, fieldServiceProject: onSite.id },
});
const supportHours = await desk.createProduct(system, {
  company: acme.id, name: 'Technical Support', salePrice: '80', servicePolicy: 'prepaid',
});
const order = await desk.createSaleOrder(system, {
  company: acme.id,
  customer: customer.id,
  currency: 'EUR',
  salesperson: manager.id,
  lines: [{ product: supportHours.id, quantity: '10', unitPrice: '80' }],
});
await desk.confirmSaleOrder(system, order.id);
await desk.updatePartner(system, customer.id, { address: '1 Main St, Brussels' });
const visit = await desk.createTicket(as(alice), {
  team: field.id, subject: 'Set up the network printer', customer: customer.id, product: printer.id, lot: 'SN-3000-42',
});
await desk.logTime(as(alice), visit.id, { quantity: '1.5', description: 'Remote diagnosis' });
const hours = await desk.ticketHours(as(alice), visit.id);
console.log(`${visit.reference}: ${hours.loggedHours} h logged on ${order.reference}, ${hours.remainingHours} h left`);
const repair = await desk.createRepair(as(alice), visit.id, { underWarranty: true });
const task = await desk.createFieldServiceTask(as(alice), visit.id);
console.log(`repair ${repair.reference} of serial ${repair.lot}; task "${task.title}" at ${task.address} (${task.stage})`);

// The host drains the outbox: it sends, then acknowledges.
const outbox = await desk.pendingOutbox(system, 100);
for (const message of outbox) {
  console.log(`outbox #${message.id}: ${message.kind} to ${JSON.stringify(message.recipients)}: ${message.subject}`);
}
const sent = await desk.acknowledgeOutbox(system, outbox.map((m) => m.id));
console.log(`acknowledged ${sent} outbox messages; ${(await desk.pendingOutbox(system, 100)).length} left`);

// Done: close the desk (the SQLite file is closed; later calls reject with
// invalid_state). In TypeScript, `await using desk = …` does it.
await desk.close();
