/*
 * Types of the npm package `helpdesk` (hand-written, for helpdesk.js): the
 * napi-generated API of index.d.ts, plus what napi does not generate — the
 * `HelpdeskError` class, the enums as values, `Symbol.asyncDispose`.
 */

import type * as native from './index.js'

export * from './index.js'

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
 * rejects with one (also when napi refuses an argument before the
 * library runs: code `invalid_input`, `fields.field` `'arguments'`), and
 * the synchronous `ManualClock` and `WorkingCalendar` throw one.
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
 * (`Priority.High === 'high'`), frozen. The enum's type is the union of its
 * values, so `Priority.High` and `'high'` are both a `Priority`.
 */
export type EnumValues<Value extends string> = { readonly [V in Value as PascalCase<V>]: V }

export declare const AssignmentMethod: EnumValues<native.AssignmentMethod>
export type AssignmentMethod = native.AssignmentMethod
export declare const DocumentKind: EnumValues<native.DocumentKind>
export type DocumentKind = native.DocumentKind
export declare const HelpdeskRole: EnumValues<native.HelpdeskRole>
export type HelpdeskRole = native.HelpdeskRole
export declare const InvoiceKind: EnumValues<native.InvoiceKind>
export type InvoiceKind = native.InvoiceKind
export declare const InvoiceState: EnumValues<native.InvoiceState>
export type InvoiceState = native.InvoiceState
export declare const JournalKind: EnumValues<native.JournalKind>
export type JournalKind = native.JournalKind
export declare const LocationKind: EnumValues<native.LocationKind>
export type LocationKind = native.LocationKind
export declare const MessageKind: EnumValues<native.MessageKind>
export type MessageKind = native.MessageKind
export declare const OutboxKind: EnumValues<native.OutboxKind>
export type OutboxKind = native.OutboxKind
export declare const PaymentState: EnumValues<native.PaymentState>
export type PaymentState = native.PaymentState
export declare const Priority: EnumValues<native.Priority>
export type Priority = native.Priority
export declare const RepairState: EnumValues<native.RepairState>
export type RepairState = native.RepairState
export declare const RewardKind: EnumValues<native.RewardKind>
export type RewardKind = native.RewardKind
export declare const RewardScope: EnumValues<native.RewardScope>
export type RewardScope = native.RewardScope
export declare const SaleOrderState: EnumValues<native.SaleOrderState>
export type SaleOrderState = native.SaleOrderState
export declare const ServicePolicy: EnumValues<native.ServicePolicy>
export type ServicePolicy = native.ServicePolicy
export declare const SlaState: EnumValues<native.SlaState>
export type SlaState = native.SlaState
export declare const TaskStage: EnumValues<native.TaskStage>
export type TaskStage = native.TaskStage
export declare const TicketSort: EnumValues<native.TicketSort>
export type TicketSort = native.TicketSort
export declare const Tracking: EnumValues<native.Tracking>
export type Tracking = native.Tracking
export declare const TransferKind: EnumValues<native.TransferKind>
export type TransferKind = native.TransferKind
export declare const TransferState: EnumValues<native.TransferState>
export type TransferState = native.TransferState
export declare const UserKind: EnumValues<native.UserKind>
export type UserKind = native.UserKind
export declare const Visibility: EnumValues<native.Visibility>
export type Visibility = native.Visibility
export declare const Weekday: EnumValues<native.Weekday>
export type Weekday = native.Weekday

declare module './index.js' {
  interface Helpdesk {
    /**
     * Closes the desk (`close()`): `await using desk = await Helpdesk.open(…)`
     * closes it at the end of the block. Defined where the runtime has
     * `Symbol.asyncDispose` (current Node 20 releases and later; the
     * package adds no polyfill).
     */
    [Symbol.asyncDispose](): Promise<void>
  }
}

declare global {
  // Declared as TypeScript's `esnext.disposable` library and @types/node do,
  // for projects with neither.
  interface SymbolConstructor {
    readonly asyncDispose: unique symbol
  }
}
