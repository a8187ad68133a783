// `make dist`'s smoke test, CommonJS: run in a fresh npm project that
// installed the packed tarballs (see install.sh).
const assert = require('node:assert/strict');
const { Helpdesk, HelpdeskError, version } = require('helpdesk');

(async () => {
  const desk = Helpdesk.inMemory();
  const acme = await desk.createCompany({ kind: 'system' }, { name: 'Acme Inc.' });
  assert.equal(acme.name, 'Acme Inc.');
  assert.equal(typeof acme.id, 'number');
  await assert.rejects(desk.createCompany({ kind: 'system' }, { name: '' }), HelpdeskError);
  await desk.close();
  console.log(`require('helpdesk'): helpdesk ${version()}, company ${acme.id} created`);
})().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
