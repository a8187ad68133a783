// The quickstart scenario (quickstart.rs, quickstart.mjs) in TypeScript,
// typed by the package's helpdesk.d.ts (over the generated index.d.ts).
// `make -C bindings-node typecheck` checks it with `tsc --noEmit --strict`.
// In an application, import from the npm package: `from 'helpdesk'`.
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  Helpdesk,
  HelpdeskError,
  Priority,
  version,
  type Actor,
  type Coupon,
  type FieldServiceTask,
  type HelpdeskRole,
  type Invoice,
  type Message,
  type NewInvoiceLine,
  type NewProduct,
  type NewTeam,
  type NewUser,
  type OutboxMessage,
  type RefundableInvoice,
  type Repair,
  type SaleOrder,
  type ServicePolicy,
  type SlaPolicy,
  type SlaStatusView,
  type Stage,
  type Tax,
  type Ticket,
  type TicketHours,
  type TicketPage,
  type TimeEntry,
  type User,
  type Visibility,
} from '../bindings-node/helpdesk.js';

/** What went wrong, for the log: the message and the stable code. */
function describe(caught: unknown): string {
  if (caught instanceof HelpdeskError) return `${caught.message} (${caught.code}, ${caught.kind})`;
  throw caught;
}

const system: Actor = { kind: 'system' };
const as = (user: User): Actor => ({ kind: 'user', id: user.id });

async function main(): Promise<void> {
  const path = join(tmpdir(), 'helpdesk-quickstart-ts.sqlite');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${path}${suffix}`, { force: true });
  // Closed at the end of `main`, however it ends (`close()` by hand works too).
  await using desk: Helpdesk = await Helpdesk.open(path);
  console.log(`helpdesk ${version()} on ${path}`);

  // The host sets up the directory as the system actor.
  const acme = await desk.createCompany(system, { name: 'Acme Inc.' });
  const staff = (name: string, role: HelpdeskRole): NewUser => ({
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
  const team = (name: string, visibility: Visibility, members: number[]): NewTeam => ({
    company: acme.id,
    name,
    description: `${name} questions`,
    visibility,
    members,
  });
  const support = await desk.createTeam(as(manager), team('Customer Care', 'portal', [alice.id, bob.id]));
  const payroll = await desk.createTeam(as(manager), team('Payroll', 'invited_internal', [alice.id]));
  const stages: Stage[] = await desk.listStages(as(manager), support.id);
  console.log(`team "${support.name}" stages: ${JSON.stringify(stages.map((s) => s.name))}`);
  const [, inProgress, solved] = stages;
  await desk.updateStage(as(manager), solved.id, { emailTemplate: 'helpdesk.ticket_solved' });

  // The customer submits a ticket through the portal form.
  const ticket: Ticket = await desk.submitTicket(as(carla), {
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
  const closedAt: Date | null = closed.closedAt;
  console.log(`${closed.reference} is now "${solved.name}", closed at ${closedAt?.toISOString()}`);

  // A private payroll ticket. Enums are string unions with a value per
  // member: `Priority.High` is `'high'`, both are a `Priority`.
  const high: Priority = Priority.High;
  const privateTicket = await desk.createTicket(as(alice), {
    team: payroll.id,
    subject: 'Salary review',
    priority: high,
  });

  // What each person sees.
  const viewers: Array<[string, Actor]> = [['Carla', as(carla)], ['Bob', as(bob)], ['Mia', as(manager)]];
  for (const [name, actor] of viewers) {
    const page: TicketPage = await desk.listTickets(actor);
    console.log(`${name} sees ${JSON.stringify(page.tickets.map((t) => t.reference))}`);
  }
  const carlaView: Message[] = await desk.listMessages(as(carla), ticket.id);
  console.log(`Carla reads ${carlaView.length} messages (internal notes hidden)`);
  try {
    await desk.getTicket(as(bob), privateTicket.id);
  } catch (caught) {
    console.log(`Bob opens ${privateTicket.reference}: ${describe(caught)}`);
  }
  try {
    await desk.moveTicket(as(carla), ticket.id, inProgress.id);
  } catch (caught) {
    console.log(`Carla tries to reopen: ${describe(caught)}`);
  }

  // Automatic assignment and an SLA: a team that hands new tickets to its
  // two agents in turn, with a policy giving urgent tickets 4 hours to be solved.
  const hotline = await desk.createTeam(as(manager), {
    company: acme.id,
    name: 'Hotline',
    members: [alice.id, bob.id],
    settings: { autoAssignment: true, assignmentMethod: 'equal_tickets', useSla: true },
  });
  const [, , hotlineSolved] = await desk.listStages(as(manager), hotline.id);
  const policy: SlaPolicy = await desk.createSlaPolicy(as(manager), {
    team: hotline.id,
    name: 'Urgent: solved within 4 hours',
    priority: 'urgent',
    targetStage: hotlineSolved.id,
    within: { hours: 4 },
  });
  const calls: Ticket[] = await desk.createTickets(as(manager), [
    { team: hotline.id, subject: 'Line 1 is down', priority: 'urgent' },
    { team: hotline.id, subject: 'Line 2 crackles' },
    { team: hotline.id, subject: 'Line 3 is slow' },
  ]);
  const names = new Map<number, string>([alice, bob].map((u) => [u.id, u.name]));
  for (const call of calls) {
    const deadline: Date | null = call.slaDeadline;
    const assignee = call.assignee === null ? 'nobody' : names.get(call.assignee);
    console.log(`${call.reference} "${call.subject}" -> ${assignee}, SLA deadline ${deadline?.toISOString() ?? 'none'}`);
  }
  const statuses: SlaStatusView[] = await desk.ticketSlaStatuses(as(alice), calls[0].id);
  for (const status of statuses) {
    console.log(`${calls[0].reference}: "${status.policyName}" (policy #${policy.id}) is ${status.state}`);
  }

  // Refunds and coupons: the host records the ERP's tax, products, sale
  // journal and Carla's posted invoice (money is decimal strings, dates
  // 'YYYY-MM-DD'). From a ticket of an after-sales team, Alice reverses the
  // invoice, edits the draft credit note down to one of the two rollers,
  // posts it, and gives Carla a coupon.
  const afterSales = await desk.createTeam(as(manager), {
    company: acme.id,
    name: 'After-sales',
    members: [alice.id],
    settings: { refunds: true, coupons: true },
  });
  const vat: Tax = await desk.createTax(system, { company: acme.id, name: 'VAT 21%', percent: '21' });
  const product = (name: string, salePrice: string): NewProduct => ({
    company: acme.id,
    name,
    tracking: 'serial',
    salePrice,
    taxes: [vat.id],
  });
  const printer = await desk.createProduct(system, product('Printer 3000', '249.00'));
  const roller = await desk.createProduct(system, product('Spare roller', '12.50'));
  const sales = await desk.createJournal(system, { company: acme.id, name: 'Customer Invoices', code: 'INV', kind: 'sale' });
  const lines: NewInvoiceLine[] = [
    { product: printer.id, quantity: '1' },
    { product: roller.id, quantity: '2' },
  ];
  const draftInvoice = await desk.createInvoice(system, {
    company: acme.id,
    customer: customer.id,
    journal: sales.id,
    currency: 'EUR',
    lines,
  });
  const invoice: Invoice = await desk.postInvoice(system, draftInvoice.id);
  const total: string = invoice.total;
  console.log(`${invoice.number} of ${invoice.date} for Carla: ${total} ${invoice.currency.code}`);
  const claim = await desk.createTicket(as(alice), {
    team: afterSales.id,
    subject: 'Refund a roller',
    customer: customer.id,
  });
  const draftNote = await desk.reverseInvoice(as(alice), claim.id, { invoice: invoice.id });
  await desk.updateCreditNoteLine(as(alice), draftNote.id, 0, { quantity: '0' });
  await desk.updateCreditNoteLine(as(alice), draftNote.id, 1, { quantity: '1' });
  const creditNote: Invoice = await desk.postInvoice(as(alice), draftNote.id);
  console.log(`${creditNote.number} (${creditNote.reference}): ${creditNote.total} EUR refunded`);
  const refundable: RefundableInvoice[] = await desk.refundableInvoices(as(alice), claim.id);
  for (const rest of refundable) {
    console.log(`${rest.invoice.number} still refundable: ${rest.remaining} EUR`);
  }
  const program = await desk.createCouponProgram(as(manager), {
    company: acme.id,
    name: 'Sorry: 10% off',
    currency: 'EUR',
    reward: { kind: 'discount', discountPercent: '10' },
  });
  const coupon: Coupon = await desk.generateCoupon(as(alice), claim.id, { program: program.id });
  await desk.sendCoupon(as(alice), coupon.id);
  console.log(`coupon ${coupon.code} e-mailed to Carla`);
  try {
    await desk.redeemCoupon(system, { company: acme.id, code: 'AAAA-AAAA-AAAA-AAAA-A', partner: customer.id });
  } catch (caught) {
    if (!(caught instanceof HelpdeskError)) throw caught;
    const why = caught.code === 'coupon_mistyped' ? 'its check character is wrong' : caught.code;
    console.log(`a code typed wrong: ${caught.message} (${why})`);
  }

  // Prepaid support hours, a repair and an on-site visit: the host sells
  // Carla ten hours of support; a team that tracks time, repairs and plans
  // visits charges the time of her ticket to that order.
  const onSite = await desk.createFieldServiceProject(as(manager), { company: acme.id, name: 'On-site visits' });
  const field = await desk.createTeam(as(manager), {
    company: acme.id,
    name: 'Field support',
    members: [alice.id],
    settings: { timeTracking: true, timeBilling: true, repairs: true, fieldService: true, fieldServiceProject: onSite.id },
  });
  const prepaid: ServicePolicy = 'prepaid';
  const supportHours = await desk.createProduct(system, {
    company: acme.id, name: 'Technical Support', salePrice: '80', servicePolicy: prepaid,
  });
  const order: SaleOrder = await desk.createSaleOrder(system, {
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
  const entry: TimeEntry = await desk.logTime(as(alice), visit.id, { quantity: '1.5', description: 'Remote diagnosis' });
  const hours: TicketHours = await desk.ticketHours(as(alice), visit.id);
  const left: string | null = hours.remainingHours;
  console.log(`${visit.reference}: ${entry.quantity} h logged on ${order.reference}, ${left ?? 'no'} h left`);
  const repair: Repair = await desk.createRepair(as(alice), visit.id, { underWarranty: true });
  const task: FieldServiceTask = await desk.createFieldServiceTask(as(alice), visit.id);
  console.log(`repair ${repair.reference} of serial ${repair.lot ?? '?'}; task "${task.title}" at ${task.address ?? '?'} (${task.stage})`);

  // The host drains the outbox: it sends, then acknowledges.
  const outbox: OutboxMessage[] = await desk.pendingOutbox(system, 100);
  for (const message of outbox) {
    console.log(`outbox #${message.id}: ${message.kind} to ${message.recipients.join(', ')}: ${message.subject}`);
  }
  const sent: number = await desk.acknowledgeOutbox(system, outbox.map((m) => m.id));
  console.log(`acknowledged ${sent} outbox messages; ${(await desk.pendingOutbox(system, 100)).length} left`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
