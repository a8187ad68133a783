// Enums are values and types; records are plain data.
//
// - Each enum of the core is exported as a frozen object, its values under
//   PascalCase names (`Priority.High === 'high'`), and helpdesk.d.ts
//   declares it both as that object (a value) and as the union of its
//   values (a type): checked here against the run time with the
//   TypeScript type checker, and by `make typecheck` on test/types.ts.
// - Records are plain objects: `JSON.stringify` writes every field
//   (instants as ISO strings), no `toJSON` needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { helpdesk, packageDir, SYSTEM } from './helpers.mjs';
import { loadApi } from './api-parity.mjs';

const { Helpdesk, ManualClock } = helpdesk;
const api = loadApi();

const pascal = (name) => name.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');

/** The enums the package exports at run time: name → object. */
const runtimeEnums = Object.fromEntries(
  Object.entries(helpdesk).filter(([, value]) => value !== null && typeof value === 'object'),
);

test('every enum of the core is exported as a frozen object: PascalCase name → the core\'s value', () => {
  const plain = Object.entries(api.enums).filter(([, e]) => !e.tag);
  assert.ok(plain.length >= 20);
  for (const [name, description] of plain) {
    const values = runtimeEnums[name];
    assert.ok(values, `${name} is not exported`);
    assert.deepEqual(
      Object.entries(values),
      description.variants.map((v) => [pascal(v.name), v.name]),
      name,
    );
    assert.ok(Object.isFrozen(values), `${name} can be changed`);
  }
  assert.deepEqual(Object.keys(runtimeEnums).sort(), plain.map(([name]) => name).sort(), 'other exported objects');
});

test('helpdesk.d.ts types every exported enum as its object (a value) and its union (a type)', () => {
  const file = join(packageDir, 'helpdesk.d.ts');
  const program = ts.createProgram([file], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.Node16, moduleResolution: ts.ModuleResolutionKind.Node16, types: [],
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(diagnostics, []);
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(file);
  const exports = new Map(checker.getExportsOfModule(checker.getSymbolAtLocation(source)).map((s) => [s.name, s]));
  for (const [name, values] of Object.entries(runtimeEnums)) {
    const symbol = exports.get(name);
    assert.ok(symbol, `${name} is not exported by helpdesk.d.ts`);
    assert.ok(symbol.flags & ts.SymbolFlags.Value, `${name} is not a value in helpdesk.d.ts`);
    assert.ok(symbol.flags & ts.SymbolFlags.Type, `${name} is not a type in helpdesk.d.ts`);
    // The value's type: each property a readonly string literal.
    const valueType = checker.getTypeOfSymbol(symbol);
    const typed = Object.fromEntries(
      checker.getPropertiesOfType(valueType).map((p) => [p.name, checker.getTypeOfSymbol(p).value]),
    );
    assert.deepEqual(typed, { ...values }, `${name}: the declared object differs from the run time`);
    // The type: the union of the same values.
    const declared = checker.getDeclaredTypeOfSymbol(symbol);
    const members = (declared.isUnion() ? declared.types : [declared]).map((t) => t.value).sort();
    assert.deepEqual(members, Object.values(values).sort(), `${name}: the declared union differs`);
  }
});

test('an enum value is accepted wherever the string is', async () => {
  const { Priority, Visibility } = helpdesk;
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const team = await desk.createTeam(SYSTEM, { company: acme.id, name: 'T', visibility: Visibility.InvitedInternal });
  assert.equal(team.visibility, 'invited_internal');
  const ticket = await desk.createTicket(SYSTEM, { team: team.id, subject: 'x', priority: Priority.Urgent });
  assert.equal(ticket.priority, Priority.Urgent);
});

test('records are plain objects: JSON.stringify writes every field, instants as ISO strings', async () => {
  const desk = Helpdesk.inMemory(new ManualClock(new Date('2026-03-02T09:00:00Z')));
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  const team = await desk.createTeam(SYSTEM, { company: acme.id, name: 'Support', settings: { useSla: true } });
  const ticket = await desk.createTicket(SYSTEM, { team: team.id, subject: 'Printer jam' });
  for (const record of [acme, team, ticket, team.settings]) {
    assert.equal(Object.getPrototypeOf(record), Object.prototype);
  }
  const json = JSON.parse(JSON.stringify(ticket));
  assert.deepEqual(Object.keys(json), Object.keys(ticket), 'a field is missing from the JSON');
  assert.equal(json.createdAt, '2026-03-02T09:00:00.000Z');
  assert.equal(json.subject, 'Printer jam');
  assert.equal(json.closedAt, null);
  const fromJson = Object.fromEntries(
    Object.entries(ticket).map(([k, v]) => [k, v instanceof Date ? v.toISOString() : v]),
  );
  assert.deepEqual(json, JSON.parse(JSON.stringify(fromJson)));
  assert.deepEqual(JSON.parse(JSON.stringify(team)).settings, { ...team.settings });
});
