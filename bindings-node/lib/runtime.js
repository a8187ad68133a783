// The hand-written runtime under the generated operations (lib/api.js):
// every operation is `call(desk, op, actor, args)`, which writes the
// arguments as the JSON core's one dispatch reads
// (`helpdesk::json_api::call`), runs it off the JavaScript thread through
// the addon's one entry point (`__invoke`) and turns the JSON result back
// into today's JavaScript values.
//
// The conversion is driven by the api.json types the generator embeds. It
// checks JavaScript types only (a string where a number belongs is
// `invalid_input` naming the field); every rule about values (whole ids,
// exact decimals, date and instant ranges, enum names, required fields) is
// core's, which reads the JSON with `helpdesk::scalars`. So a number that
// JSON cannot write (`NaN`, `Infinity`) goes as text, for core to refuse,
// rather than as `null`, which would read as "left out".
'use strict'

const native = require('../index.js')

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

/** The `invalid_input` error for `field`, worded as core words its own. */
function invalid(field, reason) {
  return new HelpdeskError(`invalid ${field}: ${reason}`, {
    code: 'invalid_input',
    kind: 'invalid_input',
    fields: { field, reason },
  })
}

/**
 * The `HelpdeskError` for what a native function threw before it ran:
 * napi's status `GenericFailure` is a panic it caught (`internal`);
 * anything else is an argument it could not convert, named `field`.
 */
function nativeError(operation, thrown, field = 'arguments') {
  if (thrown instanceof HelpdeskError) return thrown
  const reason = thrown instanceof Error ? thrown.message : String(thrown)
  if (thrown && thrown.code === 'GenericFailure') {
    return new HelpdeskError(
      `internal error: ${reason}`,
      { code: 'internal', kind: 'internal', fields: { message: reason } },
      { cause: thrown },
    )
  }
  return new HelpdeskError(
    `invalid arguments of ${operation}: ${reason}`,
    { code: 'invalid_input', kind: 'invalid_input', fields: { field, reason } },
    { cause: thrown },
  )
}

const describe = (value) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : value instanceof Date ? 'a Date' : `a ${typeof value}`;

/** A number as JSON: as it is, or as text when JSON cannot write it. */
const number = (value) => (Number.isFinite(value) ? value : String(value))

const wrapper = /^(option|list)<(.*)>$/

/**
 * The converters of one api.json description (`types`: the records and
 * tagged enums lib/api.js embeds), and the `call` the operations use.
 */
function bind(types) {
  const { records, tagged } = types

  /** `value` of api.json type `type` as core's JSON; `field` for errors. */
  function encode(type, value, field) {
    const w = wrapper.exec(type)
    if (w) {
      if (w[1] === 'option') return value === null || value === undefined ? null : encode(w[2], value, field)
      if (!Array.isArray(value)) throw invalid(field, `a list, not ${describe(value)}`)
      return value.map((item) => encode(w[2], item, field))
    }
    switch (type) {
      case 'string':
      case 'decimal':
      case 'date':
      case 'time_of_day':
        if (typeof value !== 'string') throw invalid(field, `a string, not ${describe(value)}`)
        return value
      case 'bool':
        if (typeof value !== 'boolean') throw invalid(field, `true or false, not ${describe(value)}`)
        return value
      case 'instant':
        if (!(value instanceof Date)) throw invalid(field, `a Date, not ${describe(value)}`)
        // An Invalid Date has no ISO form: its text, for core to refuse.
        return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
      case 'duration':
        // Milliseconds as exact decimal seconds (`720e-3`): core judges a
        // fraction of a second, never this side.
        if (typeof value !== 'number') throw invalid(field, `a number of milliseconds, not ${describe(value)}`)
        return `${value}e-3`
      default:
        break
    }
    if (records[type]) {
      if (value === null || typeof value !== 'object' || Array.isArray(value)) {
        throw invalid(field, `a ${type} object, not ${describe(value)}`)
      }
      return encodeRecord(type, value, {})
    }
    if (tagged[type]) {
      const { tag, variants } = tagged[type]
      if (value === null || typeof value !== 'object') throw invalid(field, `a ${type} object, not ${describe(value)}`)
      const out = { [tag]: value[tag] }
      for (const [name, js, fieldType] of variants[value[tag]] ?? []) {
        if (value[js] !== undefined) out[name] = encode(fieldType, value[js], name)
      }
      return out
    }
    // Ids, counts and enum names: the JavaScript type here, the value in core.
    if (type.startsWith('id:') || /^[ui](8|16|32|64|size)$/.test(type)) {
      if (typeof value !== 'number') throw invalid(field, `a number, not ${describe(value)}`)
      return number(value)
    }
    if (typeof value !== 'string') throw invalid(field, `a ${type} name, not ${describe(value)}`)
    return value
  }

  /** The fields of record `name` from object `value`, into `out`. */
  function encodeRecord(name, value, out) {
    for (const [field, js, type, , flatten] of records[name]) {
      if (flatten) {
        encodeRecord(type, value, out)
        continue
      }
      const item = value[js]
      if (item === undefined || item === null) {
        // Left out: core applies the default, or says it is required.
        if (item === null && type.startsWith('option<')) out[field] = null
        continue
      }
      out[field] = encode(type, item, field)
    }
    return out
  }

  /** Core's JSON `value` of type `type` as the binding returns it. */
  function decode(type, value) {
    const w = wrapper.exec(type)
    if (w) {
      if (w[1] === 'option') return value === null || value === undefined ? null : decode(w[2], value)
      return value.map((item) => decode(w[2], item))
    }
    switch (type) {
      case 'instant':
        return new Date(value)
      case 'duration':
        // Seconds (a number, or exact decimal text) to milliseconds.
        return Number(value) * 1000
      case 'unit':
        return undefined
      default:
        break
    }
    if (records[type]) return decodeRecord(type, value, {})
    if (tagged[type]) {
      const { tag, variants } = tagged[type]
      const out = { [tag]: value[tag] }
      for (const [name, js, fieldType] of variants[value[tag]] ?? []) out[js] = decode(fieldType, value[name])
      return out
    }
    return value
  }

  function decodeRecord(name, value, out) {
    for (const [field, js, type, , flatten] of records[name]) {
      if (flatten) decodeRecord(type, value, out)
      else out[js] = value[field] === undefined ? null : decode(type, value[field])
    }
    return out
  }

  /** The actor as the addon reads it (`{ kind, id }`). */
  function encodeActor(actor) {
    if (actor === null || typeof actor !== 'object') {
      throw invalid('actor', `{ kind: 'system' } or { kind: 'user', id }, not ${describe(actor)}`)
    }
    return JSON.stringify({ kind: actor.kind, id: typeof actor.id === 'number' ? number(actor.id) : actor.id })
  }

  /**
   * Runs operation `op` (its description from lib/api.js) on `desk` as
   * `actor` with the positional `args`; always a Promise, also for an
   * argument of the wrong type.
   */
  function call(desk, op, actor, args) {
    let pending
    try {
      const json = {}
      op.params.forEach(([name, type], i) => {
        const value = args[i]
        if (records[type]) {
          // An input record: its fields sit beside the other parameters.
          if (value === undefined || value === null) return
          if (typeof value !== 'object' || Array.isArray(value)) {
            throw invalid(name, `a ${type} object, not ${describe(value)}`)
          }
          encodeRecord(type, value, json)
        } else if (value !== undefined && value !== null) {
          json[name] = encode(type, value, name)
        }
      })
      const who = encodeActor(actor)
      const text = JSON.stringify(json)
      try {
        pending = native.__invoke(desk, op.name, who, text)
      } catch (thrown) {
        throw nativeError(op.name, thrown, 'this')
      }
    } catch (error) {
      return Promise.reject(error)
    }
    return pending.then((result) => decode(op.returns, JSON.parse(result)))
  }

  return call
}

/**
 * Puts the methods of the generated class `Operations` on the native
 * `Helpdesk.prototype`, as class methods are (not enumerable); a name the
 * prototype already has (a native method) is left alone.
 */
function install(Operations) {
  const target = native.Helpdesk.prototype
  for (const name of Object.getOwnPropertyNames(Operations.prototype)) {
    if (name === 'constructor' || Object.hasOwn(target, name)) continue
    Object.defineProperty(target, name, {
      ...Object.getOwnPropertyDescriptor(Operations.prototype, name),
      enumerable: false,
    })
  }
}

module.exports = { HelpdeskError, nativeError, bind, install }
