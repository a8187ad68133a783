// The hand-written runtime under the generated operations (lib/api.js):
// every operation is `call(desk, op, actor, args)`, which writes the
// arguments as the JSON core's one dispatch reads
// (`helpdesk::json_api::call`), runs it off the JavaScript thread through
// the addon's one entry point (`__invoke`) and turns the JSON result back
// into today's JavaScript values. The options of `Helpdesk.inMemory` and
// `open` (api.json's `desk_options` record) are converted the same way and
// handed to the addon's constructors as JSON, which core reads
// (`helpdesk::json_api::read`).
//
// The conversion is driven by the api.json types the generator embeds. It
// checks JavaScript types only (a string where a number belongs is
// `invalid_input` naming the field); every rule about values (whole ids,
// exact decimals, date and instant ranges, enum names, required fields) is
// core's, which reads the JSON with `helpdesk::scalars`. So a number that
// JSON cannot write (`NaN`, `Infinity`) goes as text, for core to refuse,
// rather than as `null`, which would read as "left out".
//
// Bytes (a raw e-mail, an attachment's content) are the text of their
// standard base64 (RFC 4648, `=` padding) in core's JSON: any `Uint8Array`
// in, a `Buffer` out.
'use strict'

const { isUint8Array } = require('node:util/types')
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

/** What `value` is, for a refusal's reason (`a string`, `null`, …). */
const describe = (value) =>
  value === null ? 'null' : Array.isArray(value) ? 'an array' : value instanceof Date ? 'a Date' : `a ${typeof value}`

/** A number as JSON: as it is, or as text when JSON cannot write it. */
const number = (value) => (Number.isFinite(value) ? value : String(value))

const wrapper = /^(option|list)<(.*)>$/

/** Hands back what it is given: the conversion of values JSON holds as is. */
const same = (value) => value

/**
 * The converters of one api.json description (`types`: the records and
 * tagged enums lib/api.js embeds): the `call` the operations use, and
 * `encode(type, value, field)`, a value of api.json type `type` as core's
 * JSON (refused naming `field`, or the record's field at fault), and
 * `decode(type, json)`, core's JSON of `type` as the binding returns it. Each
 * type's converter is made once, on first use, from its type string, so a
 * call walks prepared functions, not type strings.
 */
function bind(types) {
  const { records, tagged } = types
  const encoders = new Map()
  const decoders = new Map()

  /** The converter of `type` in `cache`, made by `make` on first use. */
  function cached(cache, type, make) {
    let converter = cache.get(type)
    if (converter === undefined) {
      // A record may contain itself: the entry exists before it is made.
      let made
      cache.set(type, (...args) => made(...args))
      made = make(type)
      cache.set(type, made)
      converter = made
    }
    return converter
  }

  /** A record's fields, `flatten`ed ones replaced by their record's. */
  const flat = (name) => records[name].flatMap((f) => (f[4] ? flat(f[2]) : [f]))

  const encoder = (type) => cached(encoders, type, makeEncoder)
  const decoder = (type) => cached(decoders, type, makeDecoder)

  /** `(value, field) => core's JSON` for api.json type `type`. */
  function makeEncoder(type) {
    const w = wrapper.exec(type)
    if (w && w[1] === 'option') {
      const inner = encoder(w[2])
      return (value, field) => (value === null || value === undefined ? null : inner(value, field))
    }
    if (w) {
      const inner = encoder(w[2])
      return (value, field) => {
        if (!Array.isArray(value)) throw invalid(field, `a list, not ${describe(value)}`)
        return value.map((item) => inner(item, field))
      }
    }
    switch (type) {
      case 'string':
      case 'decimal':
      case 'date':
      case 'time_of_day':
        return (value, field) => {
          if (typeof value !== 'string') throw invalid(field, `a string, not ${describe(value)}`)
          return value
        }
      case 'bool':
        return (value, field) => {
          if (typeof value !== 'boolean') throw invalid(field, `true or false, not ${describe(value)}`)
          return value
        }
      case 'instant':
        return (value, field) => {
          if (!(value instanceof Date)) throw invalid(field, `a Date, not ${describe(value)}`)
          // An Invalid Date has no ISO form: its text, for core to refuse.
          return Number.isNaN(value.getTime()) ? String(value) : value.toISOString()
        }
      case 'number':
        // A working amount (Within's days and hours): the number as
        // JavaScript writes it (its shortest form, `1.5`); core reads it
        // exactly and judges it.
        return (value, field) => {
          if (typeof value !== 'number' || !Number.isFinite(value)) {
            throw invalid(field, `a number, not ${describe(value)}`)
          }
          return value
        }
      case 'duration':
        // Milliseconds as exact decimal seconds (`720e-3`): core judges a
        // fraction of a second, never this side.
        return (value, field) => {
          if (typeof value !== 'number') throw invalid(field, `a number of milliseconds, not ${describe(value)}`)
          return `${value}e-3`
        }
      case 'bytes':
        // Any Uint8Array (a Buffer is one, from any realm); its own bytes
        // only, not the rest of the ArrayBuffer it may view.
        return (value, field) => {
          if (!isUint8Array(value)) throw invalid(field, `a Uint8Array, not ${describe(value)}`)
          return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64')
        }
      default:
        break
    }
    if (records[type]) {
      const fields = recordEncoder(type)
      return (value, field) => {
        if (value === null || typeof value !== 'object' || Array.isArray(value)) {
          throw invalid(field, `a ${type} object, not ${describe(value)}`)
        }
        return fields(value, {})
      }
    }
    if (tagged[type]) {
      const { tag, variants } = tagged[type]
      const fields = Object.fromEntries(
        Object.entries(variants).map(([name, list]) => [name, list.map(([f, js, t]) => [f, js, encoder(t)])]),
      )
      return (value, field) => {
        if (value === null || typeof value !== 'object') throw invalid(field, `a ${type} object, not ${describe(value)}`)
        const out = { [tag]: value[tag] }
        for (const [name, js, encode] of fields[value[tag]] ?? []) {
          if (value[js] !== undefined) out[name] = encode(value[js], name)
        }
        return out
      }
    }
    // Ids, counts and enum names: the JavaScript type here, the value in core.
    if (type.startsWith('id:') || /^[ui](8|16|32|64|size)$/.test(type)) {
      return (value, field) => {
        if (typeof value !== 'number') throw invalid(field, `a number, not ${describe(value)}`)
        return number(value)
      }
    }
    return (value, field) => {
      if (typeof value !== 'string') throw invalid(field, `a ${type} name, not ${describe(value)}`)
      return value
    }
  }

  /**
   * `(object, out) => out` writing the fields of record `name` found in
   * `object` into `out` under their published names. A key that is no
   * field of the record is refused, as core refuses an argument it does
   * not have: ignored, a misspelt or misplaced field (`{ filter: { … } }`
   * for a query whose filter's fields sit at the top) would be lost in
   * silence.
   */
  function recordEncoder(name) {
    let fields
    let known
    return (value, out) => {
      if (fields === undefined) {
        fields = flat(name).map(([field, js, type]) => [field, js, type.startsWith('option<'), encoder(type)])
        known = new Set(fields.map(([, js]) => js))
      }
      let given = 0
      for (const [field, js, isOption, encode] of fields) {
        const item = value[js]
        if (item !== undefined) given += 1
        if (item === undefined || item === null) {
          // Left out: core applies the default, or says it is required.
          if (item === null && isOption) out[field] = null
        } else {
          out[field] = encode(item, field)
        }
      }
      if (given !== Object.keys(value).length) {
        const extra = Object.keys(value).find((key) => !known.has(key) && value[key] !== undefined)
        if (extra !== undefined) {
          throw invalid(extra, `a ${name} has no field ${JSON.stringify(extra)} (it has ${[...known].join(', ')})`)
        }
      }
      return out
    }
  }

  /** `(core's JSON) => the binding's value` for api.json type `type`. */
  function makeDecoder(type) {
    const w = wrapper.exec(type)
    if (w && w[1] === 'option') {
      const inner = decoder(w[2])
      return inner === same ? same : (value) => (value === null || value === undefined ? null : inner(value))
    }
    if (w) {
      const inner = decoder(w[2])
      return inner === same ? same : (value) => value.map(inner)
    }
    switch (type) {
      case 'instant':
        return (value) => new Date(value)
      case 'duration':
        // Seconds (a number, or exact decimal text) to milliseconds.
        return (value) => Number(value) * 1000
      case 'bytes':
        return (value) => Buffer.from(value, 'base64')
      case 'unit':
        return () => undefined
      default:
        break
    }
    if (records[type]) {
      let fields
      return (value) => {
        fields ??= flat(type).map(([field, js, fieldType]) => [field, js, decoder(fieldType)])
        const out = {}
        for (const [field, js, decode] of fields) {
          const item = value[field]
          out[js] = item === undefined || item === null ? null : decode(item)
        }
        return out
      }
    }
    if (tagged[type]) {
      const { tag, variants } = tagged[type]
      const fields = Object.fromEntries(
        Object.entries(variants).map(([name, list]) => [name, list.map(([f, js, t]) => [f, js, decoder(t)])]),
      )
      return (value) => {
        const out = { [tag]: value[tag] }
        for (const [name, js, decode] of fields[value[tag]] ?? []) out[js] = decode(value[name])
        return out
      }
    }
    return same
  }

  /** The actor as the addon reads it (`{ kind, id }`). */
  function encodeActor(actor) {
    const shape = `{ kind: 'system' } or { kind: 'user', id }`
    if (actor === null || typeof actor !== 'object') throw invalid('actor', `${shape}, not ${describe(actor)}`)
    const { kind, id } = actor
    // Which kinds there are and what an id is, the addon says (core's rule).
    if (typeof kind !== 'string') throw invalid('actor', `${shape}: its kind is a string, not ${describe(kind)}`)
    if (id !== undefined && typeof id !== 'number') throw invalid('actor', `${shape}: its id is a number, not ${describe(id)}`)
    return JSON.stringify({ kind, id: id === undefined ? undefined : number(id) })
  }

  /** What `call` needs of operation `op`, prepared once. */
  const prepared = new Map()
  function prepare(op) {
    let ready = prepared.get(op)
    if (ready === undefined) {
      ready = {
        params: op.params.map(([name, type]) => ({
          name,
          // An input record: its fields sit beside the other parameters.
          record: records[type] ? { type, fields: recordEncoder(type) } : null,
          encode: records[type] ? null : encoder(type),
        })),
        decode: decoder(op.returns),
      }
      prepared.set(op, ready)
    }
    return ready
  }

  /**
   * Runs operation `op` (its description from lib/api.js) on `desk` as
   * `actor` with the positional `args`; always a Promise, also for an
   * argument of the wrong type.
   */
  function call(desk, op, actor, args) {
    let pending
    let ready
    try {
      ready = prepare(op)
      const json = {}
      ready.params.forEach(({ name, record, encode }, i) => {
        const value = args[i]
        if (value === undefined || value === null) return
        if (record === null) {
          json[name] = encode(value, name)
        } else if (typeof value !== 'object' || Array.isArray(value)) {
          throw invalid(name, `a ${record.type} object, not ${describe(value)}`)
        } else {
          record.fields(value, json)
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
    const { decode } = ready
    return pending.then((result) => decode(JSON.parse(result)))
  }

  return {
    call,
    encode: (type, value, field) => encoder(type)(value, field),
    decode: (type, value) => decoder(type)(value),
  }
}

/** Defines `value` as the method `name` of `target`, as class members are. */
function define(target, name, value) {
  Object.defineProperty(target, name, { value, writable: true, enumerable: false, configurable: true })
}

/**
 * Puts the methods of the generated class `Operations` on the native
 * `Helpdesk.prototype`, as class methods are (not enumerable); a name the
 * prototype already has (a native method) is left alone.
 *
 * Wraps the native `Helpdesk.inMemory(clock, options)` and
 * `Helpdesk.open(location, clock, options)`, which take the options as JSON
 * text: `encodeOptions(value)` makes an options object core's JSON, as an
 * operation's record argument (camelCase in, snake_case out; a JavaScript
 * type refused here naming the field, every value rule core's). A refusal
 * throws from `inMemory` and rejects `open`'s Promise.
 */
function install(Operations, encodeOptions) {
  const { Helpdesk } = native
  const target = Helpdesk.prototype
  for (const name of Object.getOwnPropertyNames(Operations.prototype)) {
    if (name === 'constructor' || Object.hasOwn(target, name)) continue
    Object.defineProperty(target, name, {
      ...Object.getOwnPropertyDescriptor(Operations.prototype, name),
      enumerable: false,
    })
  }
  /** The options as the addon reads them: JSON text, or none. */
  const options = (value) => (value === undefined || value === null ? undefined : JSON.stringify(encodeOptions(value)))
  const made = { inMemory: Helpdesk.inMemory, open: Helpdesk.open }
  const wrapped = {
    inMemory(clock, value) {
      return made.inMemory.call(this, clock, options(value))
    },
    open(location, clock, value) {
      let text
      try {
        text = options(value)
      } catch (error) {
        return Promise.reject(error)
      }
      return made.open.call(this, location, clock, text)
    },
  }
  define(Helpdesk, 'inMemory', wrapped.inMemory)
  define(Helpdesk, 'open', wrapped.open)
}

module.exports = { HelpdeskError, nativeError, bind, install }
