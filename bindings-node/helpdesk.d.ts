/*
 * Types of the npm package `helpdesk` (hand-written, for helpdesk.js): the
 * desk, its operations, records and enums generated from core/api.json
 * (lib/api.d.ts), the native classes of the napi-generated index.d.ts, and
 * the `HelpdeskError` class.
 */

export * from './lib/api.js'
// Named, not `export *`: index.d.ts also declares the desk handle and the
// calendar types napi writes for `WorkingCalendar`, which lib/api.d.ts
// declares as core does.
export { ManualClock, WorkingCalendar, version, operations } from './index.js'
// The values the calendar's planning methods return (CAL-9, CAL-10).
export type { DayTime, TimeByDay, WorkingInterval } from './index.js'

/** The coarse family of an error (`HelpdeskError.kind`). */
export type HelpdeskErrorKind =
  | 'not_found'
  | 'forbidden'
  | 'invalid_input'
  | 'invalid_state'
  | 'conflict'
  | 'storage'
  | 'internal'

/**
 * The stable, machine-readable code of an error (`HelpdeskError.code`): a
 * kind, or a finer code of one — `schema_too_new` and `corrupt_store`
 * (kind `storage`), `coupon_unknown` and `coupon_mistyped` (kind
 * `invalid_input`), `coupon_expired`, `coupon_used` and `coupon_reserved`
 * (kind `invalid_state`).
 */
export type HelpdeskErrorCode =
  | HelpdeskErrorKind
  | 'schema_too_new'
  | 'corrupt_store'
  | 'coupon_unknown'
  | 'coupon_mistyped'
  | 'coupon_expired'
  | 'coupon_used'
  | 'coupon_reserved'

/**
 * The error every failure of the library is: an operation's Promise
 * rejects with one (also for an argument of the wrong JavaScript type:
 * code `invalid_input`, `fields.field` naming it), and the synchronous
 * `ManualClock` and `WorkingCalendar` throw one.
 *
 * ```ts
 * try {
 *   await desk.getTicket(actor, 42)
 * } catch (e) {
 *   if (e instanceof HelpdeskError && e.code === 'not_found') { … }
 * }
 * ```
 */
export declare class HelpdeskError extends Error {
  constructor(
    message: string,
    details: {
      code: HelpdeskErrorCode
      kind: HelpdeskErrorKind
      fields?: Readonly<Record<string, string>>
    },
    options?: { cause?: unknown },
  )
  /** The stable code: `not_found`, `invalid_input`, `coupon_used`, … */
  readonly code: HelpdeskErrorCode
  /** The family: `not_found`, `forbidden`, `invalid_input`, … */
  readonly kind: HelpdeskErrorKind
  /**
   * The structured details, strings by name: `{ entity: 'ticket', id: '42' }`,
   * `{ field: 'subject', reason: '…' }`, `{ code: '…', reason: '…' }`.
   */
  readonly fields: Readonly<Record<string, string>>
}

/** `'equal_open_tickets'` → `'EqualOpenTickets'`. */
export type PascalCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Capitalize<Head>}${PascalCase<Tail>}`
  : Capitalize<S>

/**
 * The object an enum is at run time: each value under its PascalCase name
 * (`Priority.High === 'high'`), frozen; `EnumValues<Priority>` is the type
 * of `Priority` (lib/api.d.ts spells each one out). The enum's type is the
 * union of its values, so `Priority.High` and `'high'` are both a `Priority`.
 */
export type EnumValues<Value extends string> = { readonly [V in Value as PascalCase<V>]: V }

declare global {
  // Declared as TypeScript's `esnext.disposable` library and @types/node do,
  // for projects with neither.
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol
  }
}
