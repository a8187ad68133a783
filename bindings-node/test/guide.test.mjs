// docs/guide-node.md runs as written: its `js` blocks, in order, are one ES
// module (the guide says so). It is written under generated/, inside this
// package, so that its `import … from 'helpdesk'` resolves to this package
// (a package may import itself by name through its "exports"), and run in an
// empty directory since the guide may open a store file in the current one.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { packageDir } from './helpers.mjs';

const GUIDE = join(packageDir, '..', 'docs', 'guide-node.md');

test('the Node guide runs as written', async () => {
  const blocks = [...readFileSync(GUIDE, 'utf8').matchAll(/```js\n(.*?)```/gs)].map((m) => m[1]);
  assert.ok(blocks.length > 0, `${GUIDE} has no js block`);
  const module = join(packageDir, 'generated', 'guide.mjs');
  mkdirSync(join(packageDir, 'generated'), { recursive: true });
  writeFileSync(module, `// @generated from docs/guide-node.md by test/guide.test.mjs\n${blocks.join('\n')}`);

  const printed = [];
  const log = console.log;
  console.log = (...values) => printed.push(values); // keep the guide's output out of the report
  process.chdir(mkdtempSync(join(tmpdir(), 'helpdesk-guide-')));
  try {
    await import(pathToFileURL(module).href);
  } finally {
    console.log = log;
  }
  // The guide's first block prints the version: the module did run.
  assert.ok(printed.length > 0);
});
