// The comparison behind parity.test.mjs: core/api.json (the core's API,
// generated from its source) against the checked-in lib/api.d.ts (written
// from api.json by generate.mjs: the check that the generator writes what
// api.json says), read with the TypeScript compiler API (no regexes).
//
// `node test/api-parity.mjs` prints the current mismatches as an allow-list
// object (`{ "key": "what differs" }`), to review, not to paste blindly.
import ts from 'typescript';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { camel, packageDir } from './helpers.mjs';

/** core/api.json, parsed. */
export const loadApi = () => JSON.parse(readFileSync(join(packageDir, '..', 'core', 'api.json'), 'utf8'));

/** lib/api.d.ts (or `file`), parsed by the TypeScript compiler. */
export function loadDts(file = join(packageDir, 'lib', 'api.d.ts')) {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
}

const nameOf = (node) => (node.name && ts.isIdentifier(node.name) ? node.name.text : node.name?.getText());

/** Whether a type node is a union with a `null` member. */
function admitsNull(type) {
  if (!type) return false;
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  return members.some((t) => ts.isLiteralTypeNode(t) && t.literal.kind === ts.SyntaxKind.NullKeyword);
}

/** A property or parameter as the comparison sees it. */
function member(node) {
  return { name: nameOf(node), question: node.questionToken !== undefined, nullable: admitsNull(node.type) };
}

/** The string-literal values of a union type (`'a' | 'b'`), or null. */
function stringUnion(type) {
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  const values = [];
  for (const t of members) {
    if (!ts.isLiteralTypeNode(t) || !ts.isStringLiteral(t.literal)) return null;
    values.push(t.literal.text);
  }
  return values;
}

/** The values of the `tag` property of a union of object types, or null. */
function taggedUnion(type, tag) {
  const members = ts.isUnionTypeNode(type) ? type.types : [type];
  const values = [];
  for (const t of members) {
    if (!ts.isTypeLiteralNode(t)) return null;
    const prop = t.members.find((m) => ts.isPropertySignature(m) && nameOf(m) === tag);
    const literal = prop?.type && stringUnion(prop.type);
    if (!literal || literal.length !== 1) return null;
    values.push(literal[0]);
  }
  return values;
}

/**
 * What the d.ts declares: `classes` (name → method name → parameters),
 * `interfaces` (name → properties, in order), `aliases` (name → type node).
 */
export function declarations(source) {
  const classes = new Map();
  const interfaces = new Map();
  const aliases = new Map();
  for (const statement of source.statements) {
    if (ts.isClassDeclaration(statement) && statement.name) {
      const methods = new Map();
      for (const m of statement.members) {
        if (ts.isMethodDeclaration(m) && m.name && ts.isIdentifier(m.name)) {
          methods.set(m.name.text, m.parameters.map(member));
        }
      }
      classes.set(statement.name.text, methods);
    } else if (ts.isInterfaceDeclaration(statement)) {
      interfaces.set(statement.name.text, statement.members.filter(ts.isPropertySignature).map(member));
    } else if (ts.isTypeAliasDeclaration(statement)) {
      aliases.set(statement.name.text, statement.type);
    }
  }
  return { classes, interfaces, aliases };
}

const isOption = (type) => type.startsWith('option<');

/**
 * How a field of api.json may be written in lib/api.d.ts (see the rule in
 * parity.test.mjs): `?` (may be left out), `nullable` (always present,
 * typed `T | null`) or `required`.
 */
function acceptedForms(field) {
  if (!field.optional) return ['required'];
  return isOption(field.type) ? ['?', 'nullable'] : ['?'];
}

function formOf(property) {
  if (property.question) return '?';
  return property.nullable ? 'nullable' : 'required';
}

/** api.json's fields of `record`, `flatten`ed fields replaced by theirs. */
function apiFields(api, record) {
  return api.records[record].fields.flatMap((f) => (f.flatten ? apiFields(api, f.type) : [f]));
}

/**
 * Every mismatch between api.json and lib/api.d.ts, as a Map from a stable
 * key to a description:
 * - `operation` (snake_case): the method is missing on `Helpdesk`;
 * - `operation.param` (camelCase param): a parameter after the actor is
 *   missing, extra, renamed, moved or of another optionality (`?` exactly
 *   where api.json's type is `option<…>` or the parameter is `optional`);
 * - `Record.field` (camelCase field): a field missing, extra or of another
 *   optionality, `Record` alone: not declared as an interface;
 * - `Enum.value` (the core's name): a value missing or extra, `Enum`
 *   alone: not declared as a union of strings (or of tagged objects).
 */
export function mismatches(api, source) {
  const { classes, interfaces, aliases } = declarations(source);
  const found = new Map();
  const helpdesk = classes.get('Helpdesk') ?? new Map();

  for (const op of api.operations) {
    const params = helpdesk.get(camel(op.name));
    if (!params) {
      found.set(op.name, `no method ${camel(op.name)} on Helpdesk`);
      continue;
    }
    const [actor, ...rest] = params;
    if (actor?.name !== 'actor') found.set(`${op.name}.actor`, `first parameter is ${actor?.name ?? 'missing'}, not actor`);
    const length = Math.max(rest.length, op.params.length);
    for (let i = 0; i < length; i += 1) {
      const want = op.params[i];
      const have = rest[i];
      if (!want) {
        found.set(`${op.name}.${have.name}`, `lib/api.d.ts has an extra parameter ${have.name}`);
        continue;
      }
      const key = `${op.name}.${camel(want.name)}`;
      if (!have) {
        found.set(key, `parameter ${camel(want.name)} is missing in lib/api.d.ts`);
      } else if (have.name !== camel(want.name)) {
        found.set(key, `parameter ${i + 1} after the actor is ${have.name} in lib/api.d.ts, ${camel(want.name)} in api.json`);
      } else if (have.question !== (isOption(want.type) || want.optional === true)) {
        found.set(
          key,
          have.question
            ? `optional in lib/api.d.ts, required in api.json (${want.type})`
            : `required in lib/api.d.ts, optional in api.json (${want.type})`,
        );
      }
    }
  }

  for (const record of Object.keys(api.records)) {
    if (!interfaces.has(record)) {
      if (aliases.has(record)) found.set(record, 'declared as a type alias, not an interface');
      continue; // Only the records index.d.ts declares are compared.
    }
    const properties = new Map(interfaces.get(record).map((p) => [p.name, p]));
    const expected = new Set();
    for (const field of apiFields(api, record)) {
      const name = camel(field.name);
      expected.add(name);
      const key = `${record}.${name}`;
      const property = properties.get(name);
      if (!property) {
        found.set(key, 'missing in lib/api.d.ts');
        continue;
      }
      const accepted = acceptedForms(field);
      const form = formOf(property);
      if (!accepted.includes(form)) {
        found.set(
          key,
          `${form} in lib/api.d.ts; api.json: ${field.type}, optional: ${field.optional} (expects ${accepted.join(' or ')})`,
        );
      }
    }
    for (const name of properties.keys()) {
      if (!expected.has(name)) found.set(`${record}.${name}`, 'extra in lib/api.d.ts (not in api.json)');
    }
  }

  for (const [name, description] of Object.entries(api.enums)) {
    const type = aliases.get(name);
    const values = type && (description.tag ? taggedUnion(type, description.tag) : stringUnion(type));
    if (!values) {
      if (type || interfaces.has(name) || classes.has(name)) {
        found.set(name, 'not declared as a union of string literals (or of tagged objects)');
      } else {
        found.set(name, 'not declared in lib/api.d.ts');
      }
      continue;
    }
    const expected = description.variants.map((v) => v.name);
    for (const value of expected) {
      if (!values.includes(value)) found.set(`${name}.${value}`, 'value missing in lib/api.d.ts');
    }
    for (const value of values) {
      if (!expected.includes(value)) found.set(`${name}.${value}`, 'extra value in lib/api.d.ts');
    }
  }
  return found;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const found = mismatches(loadApi(), loadDts());
  console.log(JSON.stringify(Object.fromEntries([...found].sort(([a], [b]) => a.localeCompare(b))), null, 2));
}
