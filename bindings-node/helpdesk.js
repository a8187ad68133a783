// The entry of the npm package `helpdesk` (hand-written; typed by
// helpdesk.d.ts). It re-exports the napi-generated loader (index.js, typed
// by the generated index.d.ts) and adds what napi does not generate:
//
// - `HelpdeskError`, the class of every error the library raises. The
//   addon makes its errors by calling the factory registered below, so a
//   core error (thrown, or rejecting a Promise) is a `HelpdeskError` with
//   `code`, `kind`, `fields` and `message`.
// - Argument errors napi raises before the library runs (a string where a
//   number is expected, a missing field, an unknown enum string): napi
//   throws them synchronously, even from a method that returns a Promise.
//   Every Promise-returning method of `Helpdesk` (and `Helpdesk.open`) is
//   wrapped here so such an error rejects its Promise instead, as a
//   `HelpdeskError` with code `invalid_input` (`fields.field` is
//   `'arguments'`: napi does not say which argument; `fields.reason` is
//   its message, `cause` its error). A panic napi caught in that
//   synchronous part is an `internal` error. The synchronous `ManualClock`,
//   `WorkingCalendar` (constructors and methods) and `Helpdesk.inMemory`
//   throw such errors as `HelpdeskError`s too.
// - `Helpdesk.prototype[Symbol.asyncDispose]` (calls `close()`), so that
//   `await using desk = …` closes the desk; defined only where the runtime
//   has `Symbol.asyncDispose` (no polyfill).
// - The enum objects napi exports (`Priority.High === 'high'`), frozen.
'use strict'

const native = require('./index.js')

/** The error every operation of the library fails with. */
class HelpdeskError extends Error {
  /**
   * @param {string} message
   * @param {{ code: string, kind: string, fields?: Record<string, string> }} details
   * @param {{ cause?: unknown }} [options]
   */
  constructor(message, details, options) {
    super(message, options)
    this.code = details.code
    this.kind = details.kind
    this.fields = { ...details.fields }
  }
}

Object.defineProperty(HelpdeskError.prototype, 'name', {
  value: 'HelpdeskError',
  writable: true,
  configurable: true,
})

native.__registerErrorFactory(
  (message, code, kind, fields) => new HelpdeskError(message, { code, kind, fields }),
)

/** The `HelpdeskError` for what a native method threw before it ran. */
function argumentError(operation, thrown) {
  if (thrown instanceof HelpdeskError) return thrown
  const reason = thrown instanceof Error ? thrown.message : String(thrown)
  // napi reports a caught panic with its generic status; anything else it
  // throws before the call is an argument it could not convert.
  if (thrown && thrown.code === 'GenericFailure') {
    return new HelpdeskError(
      `internal error: ${reason}`,
      { code: 'internal', kind: 'internal', fields: { message: reason } },
      { cause: thrown },
    )
  }
  return new HelpdeskError(
    `invalid arguments of ${operation}: ${reason}`,
    { code: 'invalid_input', kind: 'invalid_input', fields: { field: 'arguments', reason } },
    { cause: thrown },
  )
}

const WRAPPED = Symbol('helpdesk.rejectsArgumentErrors')

/**
 * `method` with what napi throws before it runs turned into a
 * `HelpdeskError` and handed to `fail` (which throws it, or rejects with it).
 */
function guarded(name, method, fail) {
  if (method[WRAPPED]) return method
  const wrapped = {
    [name](...args) {
      try {
        return method.apply(this, args)
      } catch (thrown) {
        return fail(argumentError(name, thrown))
      }
    },
  }[name]
  wrapped[WRAPPED] = true
  return wrapped
}

/** `method` (which returns a Promise), rejecting instead of throwing. */
const rejecting = (name, method) => guarded(name, method, (error) => Promise.reject(error))

/** `method` (synchronous), throwing a `HelpdeskError` for what napi threw. */
const throwing = (name, method) =>
  guarded(name, method, (error) => {
    throw error
  })

/** Replaces the function-valued property `name` of `target` by `wrap(it)`. */
function rewrap(target, name, wrap) {
  const descriptor = Object.getOwnPropertyDescriptor(target, name)
  if (descriptor && typeof descriptor.value === 'function') {
    Object.defineProperty(target, name, { ...descriptor, value: wrap(name, descriptor.value) })
  }
}

// Every method of a desk returns a Promise (the operations, snapshot, close).
const { Helpdesk } = native
for (const name of Object.getOwnPropertyNames(Helpdesk.prototype)) {
  if (name !== 'constructor') rewrap(Helpdesk.prototype, name, rejecting)
}
rewrap(Helpdesk, 'open', rejecting)

/** `Class` whose constructor throws a `HelpdeskError` for what napi threw. */
function constructing(Class) {
  return new Proxy(Class, {
    construct(target, args, newTarget) {
      try {
        return Reflect.construct(target, args, newTarget)
      } catch (thrown) {
        throw argumentError(`new ${target.name}`, thrown)
      }
    },
  })
}

// The synchronous classes and `Helpdesk.inMemory` throw, as a
// `HelpdeskError` too.
rewrap(Helpdesk, 'inMemory', throwing)
const synchronous = {}
for (const name of ['ManualClock', 'WorkingCalendar']) {
  const Class = native[name]
  for (const member of Object.getOwnPropertyNames(Class.prototype)) {
    if (member !== 'constructor') rewrap(Class.prototype, member, throwing)
  }
  synchronous[name] = constructing(Class)
}

if (typeof Symbol.asyncDispose === 'symbol' && !Object.hasOwn(Helpdesk.prototype, Symbol.asyncDispose)) {
  Object.defineProperty(Helpdesk.prototype, Symbol.asyncDispose, {
    value: {
      [Symbol.asyncDispose]() {
        return this.close()
      },
    }[Symbol.asyncDispose],
    writable: true,
    configurable: true,
  })
}

// The enums: plain objects `{ High: 'high', … }`; nobody may change them.
for (const value of Object.values(native)) {
  if (value !== null && typeof value === 'object') Object.freeze(value)
}

// Written as one object literal so that Node's ESM import sees the names
// (`import { Helpdesk, HelpdeskError } from 'helpdesk'`).
module.exports = { ...require('./index.js'), ...synchronous, HelpdeskError }
// Internal: how the addon gets its error factory, and the test hooks of a
// test build (the raw addon has them).
for (const name of Object.keys(module.exports)) {
  if (name === '__registerErrorFactory' || name.endsWith('ForTests')) delete module.exports[name]
}
