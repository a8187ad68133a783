// The operations' JavaScript and types are generated from core/api.json by
// generate.mjs and checked in (lib/api.js, lib/api.d.ts): running the
// generator in memory must give exactly the checked-in files, so a change
// of core's API fails here until `make generate` is run and committed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageDir } from './helpers.mjs';
import { OUTPUTS, generateFiles, loadApi } from '../generate.mjs';

const fresh = generateFiles(loadApi());

test('the generator writes exactly the files it declares', () => {
  assert.deepEqual(Object.keys(fresh).sort(), [...OUTPUTS].sort());
});

for (const path of OUTPUTS) {
  test(`checked-in ${path} is what generate.mjs writes from core/api.json`, () => {
    const checkedIn = readFileSync(join(packageDir, path), 'utf8');
    assert.ok(checkedIn === fresh[path], `${path} drifted from core/api.json: run \`make generate\` and commit it`);
    assert.match(checkedIn, /@generated .* do not edit/);
  });
}
