// close() and `await using`: a closed desk refuses every operation with
// invalid_state (its Promise rejects), a SQLite desk closes its file, and
// `[Symbol.asyncDispose]` closes the desk at the end of an `await using`
// block.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { helpdesk, packageDir, SYSTEM, tempDir } from './helpers.mjs';

const { Helpdesk, HelpdeskError } = helpdesk;

/** The error `promise` rejects with (fails when it resolves). */
async function rejection(promise) {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a rejection');
}

/** Asserts that `promise` rejects as an operation of a closed desk. */
async function refusedAsClosed(promise) {
  const error = await rejection(promise);
  assert.ok(error instanceof HelpdeskError, `not a HelpdeskError: ${error}`);
  assert.equal(error.code, 'invalid_state');
  assert.equal(error.fields.entity, 'desk');
  assert.equal(error.fields.state, 'closed');
}

test('after close() every operation of the desk rejects with invalid_state', async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany(SYSTEM, { name: 'Acme' });
  assert.equal(await desk.close(), undefined);
  await refusedAsClosed(desk.getCompany(SYSTEM, acme.id));
  await refusedAsClosed(desk.createCompany(SYSTEM, { name: 'Later' }));
  await refusedAsClosed(desk.listTeams(SYSTEM));
  await refusedAsClosed(desk.snapshot());
});

test('closing twice is harmless', async () => {
  const desk = Helpdesk.inMemory();
  await desk.close();
  await desk.close();
  await refusedAsClosed(desk.listTeams(SYSTEM));
});

test('closing one desk leaves another desk open', async () => {
  const closed = Helpdesk.inMemory();
  const open = Helpdesk.inMemory();
  await closed.close();
  assert.equal((await open.createCompany(SYSTEM, { name: 'Still open' })).name, 'Still open');
});

test('a closed SQLite desk has closed its file: the WAL is gone and the file opens again', async () => {
  const path = join(tempDir(), 'close.sqlite');
  const desk = await Helpdesk.open(path);
  await desk.createCompany(SYSTEM, { name: 'Kept' });
  assert.ok(existsSync(`${path}-wal`), 'an open SQLite store in WAL mode has a -wal file');
  await desk.close();
  assert.ok(!existsSync(`${path}-wal`), 'the -wal file is still there: the connection is open');
  await refusedAsClosed(desk.getCompany(SYSTEM, 1));
  const again = await Helpdesk.open(path);
  assert.equal((await again.getCompany(SYSTEM, 1)).name, 'Kept');
  await again.close();
});

test('[Symbol.asyncDispose] is defined (this Node has the symbol) and closes the desk', async () => {
  assert.equal(typeof Symbol.asyncDispose, 'symbol');
  const desk = Helpdesk.inMemory();
  assert.equal(typeof desk[Symbol.asyncDispose], 'function');
  await desk[Symbol.asyncDispose]();
  await refusedAsClosed(desk.listTeams(SYSTEM));
});

test('`await using` closes the desk at the end of the block (TypeScript\'s emit, run on this Node)', async () => {
  const dir = tempDir();
  const entry = pathToFileURL(join(packageDir, 'helpdesk.js')).href;
  const source = `
    import { Helpdesk } from ${JSON.stringify(entry)};
    export async function scenario(path: string) {
      let inside: Helpdesk;
      {
        await using desk = await Helpdesk.open(path);
        inside = desk;
        await desk.createCompany({ kind: 'system' }, { name: 'Scoped' });
      }
      return inside;
    }`;
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022 },
  });
  assert.doesNotMatch(outputText, /await using/, 'TypeScript lowers `await using` for Node 20');
  const file = join(dir, 'scenario.mjs');
  writeFileSync(file, outputText);
  const { scenario } = await import(pathToFileURL(file).href);
  const path = join(dir, 'scoped.sqlite');
  const desk = await scenario(path);
  await refusedAsClosed(desk.listTeams(SYSTEM));
  assert.ok(!existsSync(`${path}-wal`), 'the file is still open');
});
