// Shared helpers of the Node suite: the loaded package, actors, and the
// conversion of results to the core's JSON form (snake_case keys, RFC 3339
// instants) so they compare with the golden files.
import { createRequire } from 'node:module';
import { mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);

/** The package directory (bindings-node/). */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');

/** The package as a host loads it (through the checked-in index.js). */
export const helpdesk = require(packageDir);

/**
 * The raw native addon, for the test hooks (`__panicForTests`, the scalar
 * hooks, …): compiled only with the cargo feature `test-hooks` (the
 * Makefile's test build) and kept out of index.js / index.d.ts. Node caches
 * addons per path: same module instance.
 */
export function nativeAddon() {
  const file = readdirSync(packageDir).find((f) => f.endsWith('.node'));
  if (!file) throw new Error('no .node addon in bindings-node/: run `make build`');
  return require(join(packageDir, file));
}

export const SYSTEM = Object.freeze({ kind: 'system' });
export const user = (id) => ({ kind: 'user', id });

/** A fresh temporary directory. */
export const tempDir = () => mkdtempSync(join(tmpdir(), 'helpdesk-node-'));

export const camel = (name) => name.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
export const snake = (name) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** `value` with every object key camelCased (for golden arguments). */
export function camelKeys(value) {
  if (Array.isArray(value)) return value.map(camelKeys);
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [camel(k), camelKeys(v)]));
  }
  return value;
}

/**
 * A binding result as the core's JSON: snake_case keys, instants as RFC 3339
 * UTC strings without a fraction when it is zero (as chrono writes them).
 * Bytes become their UTF-8 text, as the golden files write them (an invalid
 * sequence is U+FFFD), not the core's base64.
 */
export function toCoreJson(value) {
  if (value instanceof Date) return value.toISOString().replace('.000Z', 'Z');
  if (value instanceof Uint8Array) return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('utf8');
  if (Array.isArray(value)) return value.map(toCoreJson);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [snake(k), toCoreJson(v)]));
  }
  return value === undefined ? null : value;
}
