// E-mail in from Node (MAIL-1 … MAIL-5), as a host's mail fetcher does it:
// it hands the desk each mail as the Buffer it received, and keeps the
// attachments' bytes the receipt gives back (a Buffer each, found by its
// SHA-256).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { helpdesk, SYSTEM, user } from './helpers.mjs';

const { Helpdesk, HelpdeskError, MailOutcome, ManualClock } = helpdesk;

const ALIAS = 'support@desk.example';
// Not text: every byte value, so a lossy conversion anywhere would show.
const REPORT = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.from(Array.from({ length: 256 }, (_, i) => i))]);

/** Acme with a Support team taking mail at ALIAS, and its manager. */
async function mailDesk() {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const desk = Helpdesk.inMemory(clock);
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const manager = await desk.createUser(SYSTEM, {
    name: 'Mia', kind: 'internal', role: 'manager', companies: [acme.id],
  });
  const m = user(manager.id);
  const support = await desk.createTeam(m, { company: acme.id, name: 'Support', emailAlias: ALIAS });
  return { desk, clock, acme, m, support };
}

/** A raw mail's text, CRLF line ends as on the wire. */
function mail({
  subject = 'Printer prints blank pages',
  messageId = '<jane-1@example.com>',
  from = 'Jane Doe <Jane@Example.com>',
  to = `Support <${ALIAS}>`,
  headers = [],
  body = 'Since this morning every page comes out blank.',
} = {}) {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: ${subject}`,
    `Message-ID: ${messageId}`,
    ...headers,
    'Content-Type: text/plain; charset=utf-8',
    '',
    body,
    '',
  ].join('\r\n');
}

/** A multipart mail with `bytes` attached as report.pdf (base64, 76 columns). */
function mailWithAttachment(bytes) {
  const encoded = bytes.toString('base64').replace(/.{1,76}/g, '$&\r\n');
  return [
    'From: Jane Doe <jane@example.com>',
    `To: ${ALIAS}`,
    'Subject: The report',
    'Message-ID: <jane-report@example.com>',
    'MIME-Version: 1.0',
    'Content-Type: multipart/mixed; boundary="b1"',
    '',
    '--b1',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Here is the report.',
    '--b1',
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Disposition: attachment; filename="report.pdf"',
    'Content-Transfer-Encoding: base64',
    '',
    encoded,
    '--b1--',
    '',
  ].join('\r\n');
}

test('mail_1 a mail to a team alias opens a ticket for its sender', async () => {
  const { desk, acme, support } = await mailDesk();
  const receipt = await desk.receiveEmail(SYSTEM, acme.id, Buffer.from(mail()));
  assert.equal(receipt.outcome, MailOutcome.TicketCreated);
  assert.equal(receipt.outcome, 'ticket_created');
  assert.equal(receipt.automatic, null);
  assert.deepEqual(receipt.attachments, []);
  const ticket = await desk.getTicket(SYSTEM, receipt.ticket);
  assert.equal(ticket.team, support.id);
  assert.equal(ticket.subject, 'Printer prints blank pages');
  assert.equal(ticket.description, 'Since this morning every page comes out blank.');
  const customer = await desk.getPartner(SYSTEM, ticket.customer);
  assert.equal(customer.name, 'Jane Doe');
  assert.equal(customer.email, 'jane@example.com');
  const messages = await desk.listMessages(SYSTEM, ticket.id);
  assert.deepEqual(messages.map((m) => [m.id, m.kind, m.authorPartner, m.body]), [
    [receipt.message, 'reply', customer.id, ticket.description],
  ]);
});

test('mail_1 any Uint8Array is taken as the raw mail', async () => {
  const { desk, acme } = await mailDesk();
  const bytes = new TextEncoder().encode(mail({ subject: 'From a Uint8Array' }));
  const receipt = await desk.receiveEmail(SYSTEM, acme.id, bytes);
  assert.equal(receipt.outcome, MailOutcome.TicketCreated);
  assert.equal((await desk.getTicket(SYSTEM, receipt.ticket)).subject, 'From a Uint8Array');
});

test('mail_1 a mail to no alias goes to the default team the manager sets', async () => {
  const { desk, acme, m } = await mailDesk();
  assert.deepEqual(acme.mail, { defaultTeam: null, ticketsPerSenderPerHour: 10, maxKeptAttachmentBytes: 10485760 });
  const sales = await desk.createTeam(m, { company: acme.id, name: 'Sales' });
  const updated = await desk.setMailSettings(m, acme.id, { defaultTeam: sales.id });
  assert.equal(updated.mail.defaultTeam, sales.id);
  const receipt = await desk.receiveEmail(SYSTEM, acme.id, Buffer.from(mail({ to: 'sales@desk.example' })));
  assert.equal(receipt.outcome, MailOutcome.TicketCreated);
  assert.equal((await desk.getTicket(SYSTEM, receipt.ticket)).team, sales.id);
});

test('mail_2 a reply naming the first mail joins its ticket', async () => {
  const { desk, acme } = await mailDesk();
  const opened = await desk.receiveEmail(SYSTEM, acme.id, Buffer.from(mail()));
  const reply = mail({
    subject: 'Re: Printer prints blank pages',
    messageId: '<jane-2@example.com>',
    headers: ['In-Reply-To: <jane-1@example.com>', 'References: <jane-1@example.com>'],
    body: 'It works again after a restart.',
  });
  const receipt = await desk.receiveEmail(SYSTEM, acme.id, Buffer.from(reply));
  assert.equal(receipt.outcome, MailOutcome.MessageAdded);
  assert.equal(receipt.ticket, opened.ticket);
  const messages = await desk.listMessages(SYSTEM, opened.ticket);
  assert.deepEqual(messages.map((m) => m.id), [opened.message, receipt.message]);
  assert.equal(messages[1].body, 'It works again after a restart.');
  assert.equal(messages[1].kind, 'reply');
});

test('mail_3 the same mail delivered twice is a duplicate and writes nothing', async () => {
  const { desk, acme } = await mailDesk();
  const raw = Buffer.from(mail());
  const opened = await desk.receiveEmail(SYSTEM, acme.id, raw);
  const before = await desk.snapshot();
  const again = await desk.receiveEmail(SYSTEM, acme.id, raw);
  assert.equal(again.outcome, MailOutcome.Duplicate);
  assert.equal(again.ticket, opened.ticket);
  assert.equal(again.message, null);
  assert.equal(await desk.snapshot(), before, 'the store changed');
});

test('mail_3 a sender over the hourly limit is throttled until the hour has passed', async () => {
  const { desk, clock, acme, m } = await mailDesk();
  const company = await desk.setMailSettings(m, acme.id, { ticketsPerSenderPerHour: 1 });
  assert.equal(company.mail.ticketsPerSenderPerHour, 1);
  const first = await desk.receiveEmail(SYSTEM, acme.id, Buffer.from(mail()));
  assert.equal(first.outcome, MailOutcome.TicketCreated);
  const second = Buffer.from(mail({ subject: 'Another problem', messageId: '<jane-9@example.com>' }));
  const throttled = await desk.receiveEmail(SYSTEM, acme.id, second);
  assert.deepEqual([throttled.outcome, throttled.ticket, throttled.message], [MailOutcome.Throttled, null, null]);
  clock.advance(3600 * 1000);
  assert.equal((await desk.receiveEmail(SYSTEM, acme.id, second)).outcome, MailOutcome.TicketCreated);
});

test('mail_4 the receipt hands back the attachment as a Buffer with its SHA-256', async () => {
  const { desk, acme } = await mailDesk();
  const receipt = await desk.receiveEmail(SYSTEM, acme.id, Buffer.from(mailWithAttachment(REPORT)));
  assert.equal(receipt.outcome, MailOutcome.TicketCreated);
  assert.equal(receipt.attachments.length, 1);
  const [attachment] = receipt.attachments;
  assert.equal(attachment.name, 'report.pdf');
  assert.equal(attachment.mediaType, 'application/pdf');
  assert.equal(attachment.size, REPORT.length);
  assert.equal(attachment.sha256, createHash('sha256').update(REPORT).digest('hex'));
  assert.ok(Buffer.isBuffer(attachment.content), `not a Buffer: ${attachment.content}`);
  assert.ok(attachment.content.equals(REPORT), 'the attached bytes came back changed');
  // The message records it, without the bytes: those are the host's.
  const [message] = await desk.listMessages(SYSTEM, receipt.ticket);
  assert.deepEqual(message.attachments, [
    { name: 'report.pdf', mediaType: 'application/pdf', size: REPORT.length, sha256: attachment.sha256 },
  ]);
});

test('mail_5 a string raw rejects with invalid_input on raw, writing nothing', async () => {
  const { desk, acme } = await mailDesk();
  const before = await desk.snapshot();
  await assert.rejects(desk.receiveEmail(SYSTEM, acme.id, mail()), (error) => {
    assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
    assert.equal(error.code, 'invalid_input');
    assert.equal(error.fields.field, 'raw');
    return true;
  });
  assert.equal(await desk.snapshot(), before, 'the store changed');
});

test('mail_5 a mail to no alias without a default team is invalid raw, writing nothing', async () => {
  const { desk, acme } = await mailDesk();
  const before = await desk.snapshot();
  await assert.rejects(
    desk.receiveEmail(SYSTEM, acme.id, Buffer.from(mail({ to: 'sales@desk.example' }))),
    (error) => {
      assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
      assert.equal(error.code, 'invalid_input');
      assert.equal(error.fields.field, 'raw');
      assert.match(error.fields.reason, /no team's alias/);
      return true;
    },
  );
  assert.equal(await desk.snapshot(), before, 'the store changed');
});
