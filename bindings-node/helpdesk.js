// The entry of the npm package `helpdesk` (hand-written; typed by
// helpdesk.d.ts). It puts together:
//
// - the native addon (index.js, the napi loader): the desk handle
//   (`Helpdesk.inMemory`, `open`, `snapshot`, `close`), `ManualClock`,
//   `WorkingCalendar`, `version`, `operations`;
// - the operations, generated from core/api.json (lib/api.js), installed
//   on `Helpdesk.prototype`: each one call into lib/runtime.js, which runs
//   core's one JSON dispatch; the runtime also wraps `Helpdesk.inMemory`
//   and `open` to hand their options (api.json's `desk_options` record)
//   to the addon as JSON;
// - `HelpdeskError` (lib/runtime.js), the class of every error; the addon
//   makes its errors with it too;
// - napi's own argument errors of the native methods (a string where a
//   `Date` is expected): napi throws them synchronously, so each native
//   method of `Helpdesk` (and `Helpdesk.open`) is wrapped here to reject its
//   Promise instead, and the synchronous `ManualClock`, `WorkingCalendar`
//   and `Helpdesk.inMemory` to throw a `HelpdeskError`;
// - `Helpdesk.prototype[Symbol.asyncDispose]` (calls `close()`), defined
//   only where the runtime has `Symbol.asyncDispose` (no polyfill);
// - when no addon loads, an error naming the platform package that is
//   missing and the platforms that have one (lib/platform.js), in place of
//   the generated loader's, which blames npm.
'use strict'

let native
try {
  native = require('./index.js')
} catch (cause) {
  throw require('./lib/platform.js').missingAddonError(cause)
}
const { HelpdeskError, nativeError } = require('./lib/runtime.js')

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
        return fail(nativeError(name, thrown))
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

// The native methods of a desk return Promises (snapshot, close).
const { Helpdesk } = native
for (const name of Object.getOwnPropertyNames(Helpdesk.prototype)) {
  if (name !== 'constructor') rewrap(Helpdesk.prototype, name, rejecting)
}
rewrap(Helpdesk, 'open', rejecting)

// The generated operations, installed on `Helpdesk.prototype` when
// lib/api.js loads: after the loop above, since they never throw (the
// runtime rejects) and so need no guard. Loading it also wraps
// `Helpdesk.open` (guarded above: the wrapper rejects for bad options
// itself) and `inMemory` (guarded below). Its exports are the enums.
require('./lib/api.js')

/** `Class` whose constructor throws a `HelpdeskError` for what napi threw. */
function constructing(Class) {
  return new Proxy(Class, {
    construct(target, args, newTarget) {
      try {
        return Reflect.construct(target, args, newTarget)
      } catch (thrown) {
        throw nativeError(`new ${target.name}`, thrown)
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

// Written as one object literal so that Node's ESM import sees the names
// (`import { Helpdesk, HelpdeskError, Priority } from 'helpdesk'`: the
// lexer follows the two `require`s); the generated enum objects replace
// the one the addon exports for `WorkingCalendar` (`Weekday`).
module.exports = { ...require('./index.js'), ...synchronous, HelpdeskError, ...require('./lib/api.js') }
// Internal: the addon's one operation entry point, how it gets its error
// factory, and the test hooks of a test build (the raw addon has them).
for (const name of Object.keys(module.exports)) {
  if (['__invoke', '__registerErrorFactory'].includes(name) || name.endsWith('ForTests')) delete module.exports[name]
}
