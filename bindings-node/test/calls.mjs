// How the golden replay calls each operation: the golden files name
// arguments (README of tests/golden); the binding takes them positionally
// after the actor, input records camelCased.
import { camelKeys } from './helpers.mjs';

/** `args` without the keys in `without`, camelCased: an input record. */
const input = (args, without = []) =>
  camelKeys(Object.fromEntries(Object.entries(args).filter(([k]) => !without.includes(k))));

/** A calendar input with its period closures' instants as `Date`s. */
const withDates = (value) => {
  const closures = (c) =>
    c.map((x) => (x.kind === 'period' ? { ...x, from: new Date(x.from), to: new Date(x.to) } : x));
  if (value.closures) value.closures = closures(value.closures);
  if (value.spec?.closures) value.spec.closures = closures(value.spec.closures);
  return value;
};

/** `args` with the named instants (RFC 3339 strings) as `Date`s. */
const dates = (args, names) =>
  Object.fromEntries(
    Object.entries(args).map(([k, v]) => [k, names.includes(k) && typeof v === 'string' ? new Date(v) : v]),
  );

/** The positional arguments (after the actor) of each operation. */
export const CALLS = {
  create_company: (a) => [input(a)],
  update_company: (a) => [a.company, a.name],
  get_company: (a) => [a.company],
  create_partner: (a) => [input(a)],
  update_partner: (a) => [a.partner, input(a, ['partner'])],
  get_partner: (a) => [a.partner],
  create_user: (a) => [input(a)],
  update_user: (a) => [a.user, input(a, ['user'])],
  get_user: (a) => [a.user],
  create_team: (a) => [input(a)],
  update_team: (a) => [a.team, input(a, ['team'])],
  set_team_members: (a) => [a.team, a.members],
  get_team: (a) => [a.team],
  list_companies: () => [],
  list_teams: () => [],
  follow_team: (a) => [a.team, a.partner],
  unfollow_team: (a) => [a.team, a.partner],
  team_followers: (a) => [a.team],
  create_stage: (a) => [input(a)],
  update_stage: (a) => [a.stage, input(a, ['stage'])],
  list_stages: (a) => [a.team],
  create_tag: (a) => [a.company, a.name],
  list_tags: (a) => [a.company],
  create_ticket_type: (a) => [a.company, a.name],
  list_ticket_types: (a) => [a.company],
  create_ticket: (a) => [input(a)],
  create_tickets: (a) => [a.tickets.map((t) => input(t))],
  set_ticket_team: (a) => [a.ticket, a.team],
  submit_ticket: (a) => [input(a)],
  update_ticket: (a) => [a.ticket, input(a, ['ticket'])],
  assign_ticket: (a) => [a.ticket, a.assignee],
  set_ticket_customer: (a) => [a.ticket, a.customer],
  set_ticket_type: (a) => [a.ticket, a.ticket_type],
  move_ticket: (a) => [a.ticket, a.stage],
  archive_ticket: (a) => [a.ticket],
  unarchive_ticket: (a) => [a.ticket],
  follow_ticket: (a) => [a.ticket, a.partner],
  unfollow_ticket: (a) => [a.ticket, a.partner],
  ticket_followers: (a) => [a.ticket],
  reply_to_ticket: (a) => [a.ticket, a.body],
  add_internal_note: (a) => [a.ticket, a.body],
  get_ticket: (a) => [a.ticket],
  list_tickets: (a) => [
    { filter: input(a, ['sort', 'limit', 'cursor']), sort: a.sort, cursor: a.cursor, limit: a.limit },
  ],
  count_tickets: (a) => [input(a)],
  list_messages: (a) => [a.ticket],
  stage_history: (a) => [a.ticket],
  set_user_calendar: (a) => [a.user, a.calendar],
  create_leave: (a) => [dates(input(a), ['from', 'to'])],
  delete_leave: (a) => [a.leave],
  list_leaves: (a) => [a.user],
  suggest_assignee: (a) => [a.team],
  create_sla_policy: (a) => [input(a)],
  update_sla_policy: (a) => [a.policy, input(a, ['policy'])],
  get_sla_policy: (a) => [a.policy],
  list_sla_policies: (a) => [a.team],
  ticket_sla_statuses: (a) => [a.ticket],
  sla_report: (a) => [dates(input(a), ['from', 'to'])],
  define_currency: (a) => [a.code, a.decimals],
  create_product: (a) => [input(a)],
  create_tax: (a) => [input(a)],
  create_journal: (a) => [input(a)],
  create_sale_order: (a) => [input(a)],
  confirm_sale_order: (a) => [a.sale_order],
  get_sale_order: (a) => [a.sale_order],
  create_invoice: (a) => [input(a)],
  get_invoice: (a) => [a.invoice],
  set_payment_state: (a) => [a.invoice, a.payment_state],
  post_invoice: (a) => [a.invoice],
  cancel_invoice: (a) => [a.invoice],
  refundable_invoices: (a) => [a.ticket, input(a, ['ticket'])],
  refund_defaults: (a) => [a.ticket],
  reverse_invoice: (a) => [a.ticket, input(a, ['ticket'])],
  reverse_and_reinvoice: (a) => [a.ticket, input(a, ['ticket'])],
  update_credit_note_line: (a) => [a.credit_note, a.line, input(a, ['credit_note', 'line'])],
  post_due_credit_notes: (a) => (a.at === undefined ? [] : [new Date(a.at)]),
  ticket_credit_notes: (a) => [a.ticket],
  create_coupon_program: (a) => [input(a)],
  get_coupon_program: (a) => [a.program],
  generate_coupon: (a) => [a.ticket, input(a, ['ticket'])],
  get_coupon: (a) => [a.coupon],
  ticket_coupons: (a) => [a.ticket],
  send_coupon: (a) => [a.coupon],
  coupon_share_link: (a) => [a.coupon, a.base_url, a.redirect],
  redeem_coupon: (a) => [input(a)],
  create_unit_category: (a) => [a.company, a.name],
  create_unit: (a) => [input(a)],
  list_units: (a) => [a.company],
  convert_quantity: (a) => [a.quantity, a.from, a.to],
  set_support_hours: (a) => [a.company, input(a, ['company'])],
  mark_sale_order_done: (a) => [a.sale_order],
  cancel_sale_order: (a) => [a.sale_order],
  invoice_sale_order: (a) => [a.sale_order, a.journal],
  log_time: (a) => [a.ticket, input(a, ['ticket'])],
  update_time_entry: (a) => [a.entry, input(a, ['entry'])],
  delete_time_entry: (a) => [a.entry],
  ticket_time_entries: (a) => [a.ticket],
  set_ticket_sale_line: (a) => [a.ticket, a.sale_line],
  ticket_hours: (a) => [a.ticket],
  customer_contracts: (a) => [a.company, a.customer],
  upsell_orders: (a) => [a.company],
  create_location: (a) => [input(a)],
  create_delivery: (a) => [input(a)],
  validate_transfer: (a) => [a.transfer],
  cancel_transfer: (a) => [a.transfer],
  get_transfer: (a) => [a.transfer],
  returnable_deliveries: (a) => [a.ticket, input(a, ['ticket'])],
  return_products: (a) => [a.ticket, input(a, ['ticket'])],
  return_for_exchange: (a) => [a.ticket, input(a, ['ticket'])],
  ticket_returns: (a) => [a.ticket],
  create_repair: (a) => [a.ticket, input(a, ['ticket'])],
  get_repair: (a) => [a.repair],
  ticket_repairs: (a) => [a.ticket],
  update_repair: (a) => [a.repair, input(a, ['repair'])],
  add_repair_part: (a) => [a.repair, input(a, ['repair'])],
  remove_repair_part: (a) => [a.repair, a.index],
  advance_repair: (a) => [a.repair],
  cancel_repair: (a) => [a.repair],
  repair_quotation: (a) => [a.repair, a.currency],
  create_field_service_project: (a) => [input(a)],
  create_field_service_task: (a) => [a.ticket, input(a, ['ticket'])],
  get_field_service_task: (a) => [a.task],
  ticket_field_service_tasks: (a) => [a.ticket],
  move_field_service_task: (a) => [a.task, a.stage],
  pending_outbox: (a) => [a.limit],
  acknowledge_outbox: (a) => [a.ids],
  create_calendar: (a) => [withDates(input(a))],
  update_calendar: (a) => [a.calendar, withDates(input(a, ['calendar']))],
  get_calendar: (a) => [a.calendar],
  list_calendars: (a) => [a.company],
  add_working_time: (a) => [a.calendar, new Date(a.start), a.duration * 1000],
  working_time_between: (a) => [a.calendar, new Date(a.a), new Date(a.b)],
};

/**
 * The golden `{"value": X}` form of an operation's result (the core's JSON):
 * instants as RFC 3339 strings, `working_time_between` in whole seconds.
 */
export const VALUES = {
  working_time_between: (ms) => ms / 1000,
};
