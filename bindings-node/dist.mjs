// `make dist`, after `napi create-npm-dirs` wrote npm/<platform>/ and the
// addons were copied in: stages the main package in npm/helpdesk/ (the files
// package.json's `files` names, the README, the licences) with its
// package.json listing every platform package as an optional dependency at
// the same version, and puts the licences and the project's links in each
// platform package.
// (`napi pre-publish` would write the optional dependencies too, but into
// the checked-in package.json, and it publishes: not wanted here.)
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const npmDir = join(here, 'npm');
const stage = join(npmDir, 'helpdesk');
const licences = ['LICENSE-MIT', 'LICENSE-APACHE'].map((name) => join(here, '..', name));
const read = (path) => JSON.parse(readFileSync(path, 'utf8'));
const pkg = read(join(here, 'package.json'));
const { platformOfTarget } = createRequire(import.meta.url)('./lib/platform.js');

function fail(message) {
  console.error(`dist.mjs: ${message}`);
  process.exit(1);
}

// One package per target, named as lib/platform.js (the loader's error)
// names them.
const optionalDependencies = {};
for (const target of pkg.napi.targets) {
  const platformDir = join(npmDir, platformOfTarget(target));
  if (!existsSync(join(platformDir, 'package.json'))) fail(`${target}: no ${platformDir}/package.json`);
  const platform = read(join(platformDir, 'package.json'));
  if (platform.name !== `${pkg.name}-${platformOfTarget(target)}`) fail(`${target}: the package is ${platform.name}`);
  if (platform.version !== pkg.version) fail(`${platform.name} is ${platform.version}, not ${pkg.version}`);
  for (const field of ['os', 'cpu', 'engines', 'license']) {
    if (!platform[field]) fail(`${platform.name}: no ${field} in its package.json`);
  }
  if (!existsSync(join(platformDir, platform.main))) fail(`${platform.name}: no ${platform.main} (napi artifacts)`);
  // npm packs LICENSE and LICENCE by itself, but not LICENSE-MIT: named.
  const names = licences.map((licence) => licence.split('/').pop());
  for (const licence of licences) cpSync(licence, join(platformDir, licence.split('/').pop()));
  platform.files = [...new Set([...platform.files, ...names])];
  // The same home, issue tracker and repository as the main package.
  Object.assign(platform, { homepage: pkg.homepage, repository: pkg.repository, bugs: pkg.bugs });
  writeFileSync(join(platformDir, 'package.json'), `${JSON.stringify(platform, null, 2)}\n`);
  optionalDependencies[platform.name] = platform.version;
}

rmSync(stage, { recursive: true, force: true });
for (const file of [...pkg.files, 'README.md', ...licences]) {
  const from = file.startsWith('/') ? file : join(here, file);
  const to = join(stage, file.startsWith('/') ? file.split('/').pop() : file);
  mkdirSync(dirname(to), { recursive: true });
  cpSync(from, to);
}
const { devDependencies, scripts, ...published } = pkg;
published.files = [...published.files, ...licences.map((licence) => licence.split('/').pop())];
writeFileSync(join(stage, 'package.json'), `${JSON.stringify({ ...published, optionalDependencies }, null, 2)}\n`);
console.log(`npm/helpdesk: helpdesk ${pkg.version}, optional dependencies ${Object.keys(optionalDependencies).join(', ')}`);
