// When no native addon loads, `require('helpdesk')` names the platform
// package that is missing (or broken) and the platforms that have one,
// instead of the generated loader's message blaming npm.
//
// Simulated as an installed package would be: the package's JavaScript
// files (no `.node`) copied to a temporary node_modules/helpdesk, then
// loaded in a child process; with a fake `process.arch` for a platform
// without a package, and with a platform package whose addon is broken.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const packageJson = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8'));
const { currentPlatform, platformOfTarget } = require(join(packageDir, 'lib', 'platform.js'));
const here = currentPlatform();
const built = packageJson.napi.targets.map(platformOfTarget);

/** A project with `helpdesk` installed without its platform package. */
function project(t) {
  const dir = mkdtempSync(join(tmpdir(), 'helpdesk-platform-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const installed = join(dir, 'node_modules', 'helpdesk');
  for (const file of [...packageJson.files, 'package.json']) {
    mkdirSync(dirname(join(installed, file)), { recursive: true });
    cpSync(join(packageDir, file), join(installed, file));
  }
  return dir;
}

/** The message `require('helpdesk')` throws in `dir` (after `preamble`). */
function loadError(dir, preamble = '') {
  const script = `${preamble}
try { require('helpdesk'); console.log(JSON.stringify({ loaded: true })) }
catch (e) { console.log(JSON.stringify({ message: e.message, code: e.code, platform: e.platform })) }`;
  const env = { ...process.env };
  delete env.NAPI_RS_NATIVE_LIBRARY_PATH;
  delete env.NAPI_RS_FORCE_WASI;
  return JSON.parse(execFileSync(process.execPath, ['-e', script], { cwd: dir, env, encoding: 'utf8' }));
}

test('the platforms with a package are the ones make dist builds', () => {
  assert.deepEqual(built, ['linux-x64-gnu', 'linux-arm64-gnu']);
  assert.equal(platformOfTarget('x86_64-apple-darwin'), 'darwin-x64');
  assert.equal(platformOfTarget('x86_64-pc-windows-msvc'), 'win32-x64-msvc');
  assert.equal(platformOfTarget('x86_64-unknown-linux-musl'), 'linux-x64-musl');
});

test('a missing platform package is named, with the platforms that exist', (t) => {
  const error = loadError(project(t));
  assert.equal(error.code, 'ERR_HELPDESK_NATIVE_ADDON');
  assert.equal(error.platform, here);
  assert.doesNotMatch(error.message, /npm has a bug/);
  if (built.includes(here)) {
    assert.match(error.message, new RegExp(`helpdesk-${here}@${packageJson.version} is not installed`));
    assert.match(error.message, /npm install helpdesk-/);
  }
  for (const platform of built) assert.ok(error.message.includes(platform), `${platform} in: ${error.message}`);
});

test('a platform without a package says so', (t) => {
  const error = loadError(project(t), "Object.defineProperty(process, 'arch', { value: 'riscv64' })");
  assert.equal(error.code, 'ERR_HELPDESK_NATIVE_ADDON');
  assert.match(error.platform, /-riscv64/);
  assert.match(error.message, /No package is built for \S+-riscv64/);
  assert.match(error.message, new RegExp(`ships native addons for: ${built.join(', ')}`));
});

test('an installed platform package whose addon does not load shows why', { skip: !built.includes(here) }, (t) => {
  const dir = project(t);
  const platformPackage = join(dir, 'node_modules', `helpdesk-${here}`);
  mkdirSync(platformPackage, { recursive: true });
  const addon = `helpdesk.${here}.node`;
  writeFileSync(
    join(platformPackage, 'package.json'),
    JSON.stringify({ name: `helpdesk-${here}`, version: packageJson.version, main: addon }),
  );
  writeFileSync(join(platformPackage, addon), 'not a shared library');
  const error = loadError(dir);
  assert.equal(error.code, 'ERR_HELPDESK_NATIVE_ADDON');
  assert.match(error.message, new RegExp(`helpdesk-${here} is installed but its addon failed to load`));
  assert.match(error.message, /The addon failed with: .*(invalid ELF header|too short|file too short)/);
});
