// Compile-time tests of helpdesk.d.ts: `make typecheck` (tsc --strict)
// checks this file, never runs it. Each `@ts-expect-error` line must be an
// error, so a type that became too loose fails the check too.
import {
  Helpdesk,
  HelpdeskError,
  MailOutcome,
  Priority,
  Visibility,
  TicketSort,
  WorkingCalendar,
  Weekday,
  type CalendarSpec,
  type DayTime,
  type TimeByDay,
  type WorkingInterval,
  type DeskOptions,
  type HelpdeskErrorCode,
  type HelpdeskErrorKind,
  type MailAttachment,
  type MailReceipt,
  type NewTicket,
  type TicketQuery,
} from '../helpdesk.js';

// Enums are values and types; literals stay assignable.
const high: Priority = Priority.High;
const literal: Priority = 'urgent';
const invited: Visibility = Visibility.InvitedInternal;
const sort: TicketSort = TicketSort.SlaDeadline;
const input: NewTicket = { team: 1, subject: 'x', priority: Priority.Medium };
const exact: 'high' = Priority.High;
// @ts-expect-error: not a member of the enum
const wrong: Priority = 'critical';
// @ts-expect-error: no such member
void Priority.Critical;
// @ts-expect-error: enum objects are read-only (even with the same value)
Priority.High = 'high';
void [high, literal, invited, sort, input, exact, wrong];

// Errors are typed.
export async function errors(desk: Helpdesk): Promise<HelpdeskErrorCode | null> {
  try {
    await desk.getTicket({ kind: 'system' }, 42);
    return null;
  } catch (e) {
    if (e instanceof HelpdeskError) {
      const code: HelpdeskErrorCode = e.code;
      const kind: HelpdeskErrorKind = e.kind;
      const field: string | undefined = e.fields.field;
      const asError: Error = e;
      void [kind, field, asError];
      // @ts-expect-error: not a code of the library
      if (e.code === 'no_such_code') return null;
      return code;
    }
    throw e;
  }
}
const made = new HelpdeskError('m', { code: 'coupon_used', kind: 'invalid_state', fields: { code: 'X' } });
void made;

// close() and `await using`.
export async function dispose(path: string): Promise<void> {
  {
    await using desk = await Helpdesk.open(path);
    await desk.listTeams({ kind: 'system' });
  }
  const other = Helpdesk.inMemory();
  const closing: Promise<void> = other.close();
  const disposing: Promise<void> = other[Symbol.asyncDispose]();
  await Promise.all([closing, disposing]);
}

// One type per core record, in and out: a stored calendar's spec is the
// spec `WorkingCalendar` (native) takes; a ticket query has its filter's
// fields beside its own, as core's TicketQuery flattens them.
export async function calendars(desk: Helpdesk): Promise<Date> {
  const stored = await desk.getCalendar({ kind: 'system' }, 1);
  const spec: CalendarSpec = {
    timeZone: 'UTC',
    hours: [{ weekday: Weekday.Monday, start: '08:00', end: '17:00' }],
    closures: null,
  };
  void new WorkingCalendar(spec);
  const twoWeeks = new WorkingCalendar({ ...spec, secondWeek: { anchor: '2026-03-02', hours: [] } });
  const breakdown: TimeByDay = twoWeeks.workingTimeByDay(new Date(0), new Date());
  const first: DayTime | undefined = breakdown.perDay[0];
  const listed: WorkingInterval[] = twoWeeks.workingIntervals(new Date(0), new Date());
  const days: string = breakdown.days;
  void [first, listed, days];
  // @ts-expect-error: days are a number of days, not a Date
  twoWeeks.addWorkingDays(new Date(), new Date());
  return new WorkingCalendar(stored.spec).addWorkingTime(new Date(), 1000);
}
const query: TicketQuery = { slaFailed: true, sort: TicketSort.SlaDeadline, limit: 10 };
// @ts-expect-error: the filter is not nested
const nested: TicketQuery = { filter: { slaFailed: true } };
void [query, nested];

// A desk's options are api.json's `desk_options` record: every field may be
// left out (or null), the limits too, one by one.
export async function options(path: string): Promise<void> {
  const seeded: DeskOptions = { seed: 7 };
  const limited: DeskOptions = { limits: { subject: 120 } };
  const none: DeskOptions = { seed: null, limits: null };
  Helpdesk.inMemory(undefined, seeded);
  Helpdesk.inMemory(null, { ...limited, ...none });
  const opened: Helpdesk = await Helpdesk.open(path, undefined, { seed: 1, limits: { short: 64, text: 1024 } });
  void opened;
  // @ts-expect-error: a seed is a number
  Helpdesk.inMemory(undefined, { seed: '7' });
  // @ts-expect-error: no such option (the limits are `limits`)
  Helpdesk.inMemory(undefined, { subject: 120 });
  // @ts-expect-error: the positional seed is gone: options are an object
  Helpdesk.inMemory(undefined, 7);
}

// E-mail in (MAIL-1 … MAIL-5): any Uint8Array (a Buffer too) in, never the
// mail's text; a receipt whose attachments' bytes come back as a Buffer, or
// null when the company keeps no more (MAIL-4).
export async function receiveEmail(desk: Helpdesk, company: number): Promise<Buffer | null> {
  const raw: Uint8Array = new TextEncoder().encode('From: jane@example.com\r\n\r\nHello');
  const receipt: MailReceipt = await desk.receiveEmail({ kind: 'system' }, company, raw);
  const again: Promise<MailReceipt> = desk.receiveEmail({ kind: 'system' }, company, Buffer.from('x'));
  const created: boolean = receipt.outcome === MailOutcome.TicketCreated;
  const ticket: number | null = receipt.ticket;
  void [again, created, ticket];
  // @ts-expect-error: the raw mail is its bytes, not its text
  void desk.receiveEmail({ kind: 'system' }, company, 'From: jane@example.com');
  // @ts-expect-error: not an outcome
  void (receipt.outcome === 'created');
  const [first]: MailAttachment[] = receipt.attachments;
  if (first === undefined) return null;
  const sha256: string = first.sha256;
  void sha256;
  // @ts-expect-error: the content is null past the company's limit
  const always: Buffer = first.content;
  void always;
  const content: Buffer | null = first.content;
  return content;
}
