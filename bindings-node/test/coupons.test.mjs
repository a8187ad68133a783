// Coupons from Node (issue 8): programs with decimal-string rewards, codes
// generated from a ticket, the share link and e-mail, and redemption, whose
// refusals keep their own codes (coupon_used, coupon_mistyped, …) under the
// invalid_state / invalid_input kinds; two concurrent redemptions of a
// single-use coupon: one wins.
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

/** A team with coupons on, a customer with a ticket, a 10 % program. */
async function desk(open = (clock) => Helpdesk.inMemory(clock)) {
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const d = await open(clock);
  const acme = await d.createCompany(SYSTEM, { name: 'Acme' });
  const customer = await d.createPartner(SYSTEM, { company: acme.id, name: 'Carla', email: 'carla@example.com' });
  const stranger = await d.createPartner(SYSTEM, { company: acme.id, name: 'Stranger' });
  const manager = await d.createUser(SYSTEM, { name: 'M', kind: 'internal', role: 'manager', companies: [acme.id] });
  const agent = await d.createUser(SYSTEM, { name: 'A', kind: 'internal', role: 'agent', companies: [acme.id] });
  const portal = await d.createUser(SYSTEM, { name: 'P', kind: 'portal', companies: [acme.id], partner: customer.id });
  const m = user(manager.id);
  const a = user(agent.id);
  const team = await d.createTeam(m, { company: acme.id, name: 'Care', members: [agent.id], settings: { coupons: true } });
  const ticket = await d.createTicket(a, { team: team.id, subject: 'Late delivery', customer: customer.id });
  const program = await d.createCouponProgram(m, {
    company: acme.id, name: 'Sorry 10%', currency: 'EUR', reward: { kind: 'discount', discountPercent: '10' },
  });
  return { desk: d, clock, acme, customer, stranger, m, a, portal, team, ticket, program };
}

test('a program and a coupon are typed records with decimal strings and dates', async () => {
  const { desk: d, a, m, acme, customer, ticket, program } = await desk();
  assert.equal(program.name, 'Sorry 10%');
  assert.deepEqual(program.currency, { code: 'EUR', decimals: 2 });
  assert.deepEqual(program.reward, {
    kind: 'discount', discountPercent: '10', fixedAmount: '0', freeProduct: null,
    scope: 'order', products: [], maxDiscount: null,
  });
  assert.deepEqual(program.conditions, { minimumQuantity: null, minimumAmount: null, products: [] });
  assert.deepEqual([program.validFrom, program.validUntil, program.usageLimit], [null, null, null]);
  assert.deepEqual([program.used, program.pointsPerUse, program.active], [0, 1, true]);
  assert.deepEqual(await d.getCouponProgram(a, program.id), program);

  const coupon = await d.generateCoupon(a, ticket.id, { program: program.id, points: 2, validUntil: '2026-12-31' });
  assert.match(coupon.code, /^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}-[0-9A-Z*~$=]$/);
  assert.deepEqual(
    [coupon.company, coupon.program, coupon.partner, coupon.points, coupon.validUntil, coupon.ticket],
    [acme.id, program.id, customer.id, 2, '2026-12-31', ticket.id],
  );
  assert.ok(coupon.createdAt instanceof Date);
  assert.deepEqual(await d.getCoupon(a, coupon.id), coupon);
  assert.deepEqual(await d.ticketCoupons(a, ticket.id), [coupon]);
  assert.deepEqual((await d.getTicket(a, ticket.id)).documents, [{ kind: 'coupon', id: coupon.id }]);

  // The check character may be `*` or `$`: the code is percent-encoded as
  // RFC 3986 says (only letters, digits and `-._~` stay as they are).
  const code = encodeURIComponent(coupon.code).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  const link = await d.couponShareLink(a, coupon.id, 'https://shop.example.com/');
  assert.equal(link, `https://shop.example.com/coupon/${code}?r=%2Fshop`);
  assert.equal(
    await d.couponShareLink(a, coupon.id, 'https://shop.example.com', '/cart?x=1'),
    `https://shop.example.com/coupon/${code}?r=%2Fcart%3Fx%3D1`,
  );
  const bad = await failure(() => d.couponShareLink(a, coupon.id, 'ftp://shop'));
  assert.equal(bad.code, 'invalid_input');

  const mail = await d.sendCoupon(a, coupon.id);
  assert.equal(mail.template, 'helpdesk.coupon');
  assert.deepEqual(mail.recipients, [customer.id]);
  // Includes, not a RegExp: a code may hold `$` or `+`.
  assert.ok(mail.body.includes(coupon.code), mail.body);
  assert.deepEqual((await d.pendingOutbox(SYSTEM, 10)).map((o) => o.id), [mail.id]);

  const fixed = await d.createCouponProgram(m, {
    company: acme.id, name: '25 off', currency: 'EUR', reward: { kind: 'fixed_amount', fixedAmount: '25' },
    conditions: { minimumAmount: '100' }, validFrom: '2026-03-01', usageLimit: 10, pointsPerUse: 1,
  });
  assert.equal(fixed.reward.fixedAmount, '25');
  assert.equal(fixed.conditions.minimumAmount, '100');
  assert.equal(fixed.validFrom, '2026-03-01');
  assert.equal(fixed.usageLimit, 10);
});

test('a coupon redeemed twice: the second gets coupon_used, kind invalid_state', async () => {
  const { desk: d, a, acme, customer, ticket, program } = await desk();
  const coupon = await d.generateCoupon(a, ticket.id, { program: program.id });
  const redeemed = await d.redeemCoupon(a, { company: acme.id, code: coupon.code, partner: customer.id });
  assert.equal(redeemed.coupon.points, 0);
  assert.equal(redeemed.discount, '0');
  assert.equal(redeemed.freeProduct, null);
  const error = await rejectsUnchanged(d, () =>
    d.redeemCoupon(a, { company: acme.id, code: coupon.code, partner: customer.id }));
  assert.equal(error.code, 'coupon_used');
  assert.equal(error.kind, 'invalid_state');
  assert.deepEqual({ ...error.fields }, { typed: coupon.code, reason: 'the coupon has already been used' });
  assert.equal((await d.getCouponProgram(a, program.id)).used, 1);
});

test('a mistyped code is coupon_mistyped (invalid_input); a sloppy but right one redeems', async () => {
  const { desk: d, acme, a, portal, customer, ticket, program } = await desk();
  const coupon = await d.generateCoupon(a, ticket.id, { program: program.id });
  const typo = (coupon.code[0] === '0' ? '1' : '0') + coupon.code.slice(1);
  let error = await rejectsUnchanged(d, () => d.redeemCoupon(user(portal.id), { company: acme.id, code: typo }));
  assert.equal(error.code, 'coupon_mistyped');
  assert.equal(error.kind, 'invalid_input');
  assert.equal(error.fields.typed, typo);
  error = await rejectsUnchanged(d, () => d.redeemCoupon(SYSTEM, { company: acme.id, code: 'NOT-A-CODE' }));
  assert.equal(error.code, 'coupon_unknown');
  assert.equal(error.kind, 'invalid_input');

  const sloppy = coupon.code.toLowerCase().replaceAll('-', ' ');
  const redeemed = await d.redeemCoupon(user(portal.id), { company: acme.id, code: sloppy });
  assert.equal(redeemed.coupon.id, coupon.id);
  assert.equal(redeemed.coupon.partner, customer.id);
});

test('reserved and expired coupons keep their own codes', async () => {
  const { desk: d, clock, acme, a, stranger, customer, ticket, program } = await desk();
  const coupon = await d.generateCoupon(a, ticket.id, { program: program.id, validUntil: '2026-03-03' });
  let error = await rejectsUnchanged(d, () =>
    d.redeemCoupon(SYSTEM, { company: acme.id, code: coupon.code, partner: stranger.id }));
  assert.equal(error.code, 'coupon_reserved');
  assert.equal(error.kind, 'invalid_state');
  clock.advance(2 * 24 * 3600_000);
  error = await rejectsUnchanged(d, () =>
    d.redeemCoupon(SYSTEM, { company: acme.id, code: coupon.code, partner: customer.id }));
  assert.equal(error.code, 'coupon_expired');
  assert.equal(error.kind, 'invalid_state');
});

test('a reward on an order: the discount is a decimal string in the currency', async () => {
  const { desk: d, m, a, acme, customer, ticket } = await desk();
  const product = await d.createProduct(m, { company: acme.id, name: 'Printer', salePrice: '199.99' });
  const order = await d.createSaleOrder(m, {
    company: acme.id, customer: customer.id, currency: 'EUR',
    lines: [{ product: product.id, quantity: '1', unitPrice: '199.99' }],
  });
  const program = await d.createCouponProgram(m, {
    company: acme.id, name: '25 off', currency: 'EUR', reward: { kind: 'fixed_amount', fixedAmount: '25' },
    conditions: { minimumAmount: '100' },
  });
  const coupon = await d.generateCoupon(a, ticket.id, { program: program.id, points: 2 });
  const redeemed = await d.redeemCoupon(SYSTEM, {
    company: acme.id, code: coupon.code, partner: customer.id, saleOrder: order.id,
  });
  assert.equal(redeemed.discount, '25.00');
  assert.equal(redeemed.coupon.points, 1);
});

test('generating a coupon checks its input: points, the team switch', async () => {
  const { desk: d, m, a, acme, customer, ticket, program } = await desk();
  let error = await rejectsUnchanged(d, () => d.generateCoupon(a, ticket.id, { program: program.id, points: -1 }));
  assert.equal(error.code, 'invalid_input');
  assert.equal(error.fields.field, 'points');
  error = await rejectsUnchanged(d, () => d.generateCoupon(a, ticket.id, { program: program.id, points: 0 }));
  assert.equal(error.code, 'invalid_input');
  const plain = await d.createTeam(m, { company: acme.id, name: 'Plain' });
  const other = await d.createTicket(m, { team: plain.id, subject: 'No coupons here', customer: customer.id });
  error = await rejectsUnchanged(d, () => d.generateCoupon(m, other.id, { program: program.id }));
  assert.equal(error.code, 'invalid_state');
});

for (const [store, open] of [
  ['memory', (clock) => Helpdesk.inMemory(clock)],
  ['sqlite', (clock) => Helpdesk.open(join(tempDir(), 'coupons.sqlite'), clock)],
]) {
  test(`two concurrent redemptions of a single-use coupon: one wins (${store})`, async () => {
    const { desk: d, acme, a, customer, ticket, program } = await desk(open);
    const coupon = await d.generateCoupon(a, ticket.id, { program: program.id });
    const redeem = () => d.redeemCoupon(SYSTEM, { company: acme.id, code: coupon.code, partner: customer.id });
    const results = await Promise.allSettled([redeem(), redeem(), redeem(), redeem()]);
    const won = results.filter((r) => r.status === 'fulfilled');
    const lost = results.filter((r) => r.status === 'rejected');
    assert.equal(won.length, 1);
    assert.deepEqual(lost.map((r) => r.reason.code), ['coupon_used', 'coupon_used', 'coupon_used']);
    assert.equal((await d.getCouponProgram(a, program.id)).used, 1);
  });
}

test('a seeded desk draws the same coupon codes as another with the same seed', async () => {
  const firstCode = async (seed) => {
    const { desk: d, a, ticket, program } = await desk((clock) => Helpdesk.inMemory(clock, { seed }));
    return (await d.generateCoupon(a, ticket.id, { program: program.id })).code;
  };
  assert.equal(await firstCode(7), await firstCode(7));
  assert.notEqual(await firstCode(7), await firstCode(8));
  assert.throws(
    () => Helpdesk.inMemory(undefined, { seed: 1.5 }),
    (e) => e.code === 'invalid_input' && e.fields.field === 'seed',
  );
});

test('a SQLite desk opened with a seed draws the codes of an in-memory one with that seed', async () => {
  const code = async (open) => {
    const { desk: d, a, ticket, program } = await desk(open);
    return (await d.generateCoupon(a, ticket.id, { program: program.id })).code;
  };
  const path = join(tempDir(), 'seeded.sqlite');
  assert.equal(
    await code((clock) => Helpdesk.open(path, clock, { seed: 7 })),
    await code((clock) => Helpdesk.inMemory(clock, { seed: 7 })),
  );
  await assert.rejects(
    Helpdesk.open(join(tempDir(), 'x.sqlite'), undefined, { seed: -1 }),
    (e) => e.code === 'invalid_input' && e.fields.field === 'seed',
  );
});
