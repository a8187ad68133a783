// The api.json type `bytes` (a raw e-mail, an attachment's content): in
// core's JSON the text of its standard base64 (RFC 4648 §4, `=` padding);
// in Node a `Buffer` back, any `Uint8Array` taken, anything else refused as
// `invalid_input` naming the field. No operation of core takes or gives
// bytes yet, so these tests drive the runtime's converters (lib/runtime.js
// `bind`) and the generator on a made-up description.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import ts from 'typescript';
import { helpdesk, packageDir, tempDir, toCoreJson } from './helpers.mjs';
import { generateFiles, loadApi } from '../generate.mjs';

const require = createRequire(import.meta.url);
const { bind } = require(join(packageDir, 'lib', 'runtime.js'));
const { HelpdeskError } = helpdesk;

// As lib/api.js embeds them: [published name, JavaScript name, type, optional, flatten].
const { encode, decode } = bind({
  records: {
    MailAttachment: [
      ['file_name', 'fileName', 'string', false, false],
      ['content', 'content', 'option<bytes>', true, false],
    ],
  },
  tagged: {},
});

const bytes = (...values) => Buffer.from(values);
const samples = [
  bytes(),
  bytes(0x00, 0xff, 0xfe),
  Buffer.from('f'),
  Buffer.from('fo'),
  Buffer.from('foo'),
  Buffer.from('héllo ✉\n', 'utf8'),
  Buffer.from(Array.from({ length: 256 }, (_, i) => i)),
];

test('bytes go to core as standard base64 and come back as a Buffer', () => {
  for (const raw of samples) {
    const text = encode('bytes', raw, 'raw');
    assert.equal(text, raw.toString('base64'));
    const back = decode('bytes', text);
    assert.ok(Buffer.isBuffer(back), 'a Buffer');
    assert.deepEqual([...back], [...raw]);
  }
});

test('the alphabet is the standard one, with padding', () => {
  assert.equal(encode('bytes', bytes(0x00, 0xff, 0xfe), 'raw'), 'AP/+');
  assert.equal(encode('bytes', bytes(0xff), 'raw'), '/w==');
  assert.equal(encode('bytes', bytes(), 'raw'), '');
  assert.deepEqual([...decode('bytes', '/w==')], [0xff]);
  assert.equal(decode('bytes', '').length, 0);
});

test('any Uint8Array is taken as its own bytes, a view of a larger buffer too', () => {
  assert.equal(encode('bytes', new Uint8Array([0x00, 0xff, 0xfe]), 'raw'), 'AP/+');
  const view = new Uint8Array([1, 0x00, 0xff, 0xfe, 2]).subarray(1, 4);
  assert.equal(encode('bytes', view, 'raw'), 'AP/+');
  assert.equal(encode('bytes', Buffer.from([9, 0x00, 0xff, 0xfe]).subarray(1), 'raw'), 'AP/+');
});

test('anything else is invalid_input naming the field', () => {
  const wrong = ['AP/+', [0, 255, 254], 7, new Uint16Array([1]), new ArrayBuffer(2), {}, true];
  for (const value of wrong) {
    assert.throws(
      () => encode('bytes', value, 'raw'),
      (error) => {
        assert.ok(error instanceof HelpdeskError, `${error}`);
        assert.equal(error.code, 'invalid_input');
        assert.equal(error.kind, 'invalid_input');
        assert.equal(error.fields.field, 'raw');
        assert.match(error.message, /^invalid raw: a Uint8Array, not /);
        return true;
      },
    );
  }
  assert.throws(() => encode('bytes', 'text', 'raw'), { message: 'invalid raw: a Uint8Array, not a string' });
});

test('option<bytes> is null or bytes, list<bytes> a list of them', () => {
  assert.equal(encode('option<bytes>', null, 'content'), null);
  assert.equal(encode('option<bytes>', undefined, 'content'), null);
  assert.equal(decode('option<bytes>', null), null);
  assert.equal(encode('option<bytes>', bytes(0), 'content'), 'AA==');
  assert.deepEqual([...decode('option<bytes>', 'AA==')], [0]);
  assert.throws(() => encode('option<bytes>', 'AA==', 'content'), { code: 'invalid_input', fields: { field: 'content', reason: 'a Uint8Array, not a string' } });
  assert.deepEqual(encode('list<bytes>', [bytes(0x61), new Uint8Array(0), bytes(0xff)], 'parts'), ['YQ==', '', '/w==']);
  const parts = decode('list<bytes>', ['YQ==', '', '/w==']);
  assert.ok(parts.every((part) => Buffer.isBuffer(part)));
  assert.deepEqual(parts.map((part) => [...part]), [[0x61], [], [0xff]]);
  assert.throws(() => encode('list<bytes>', bytes(1), 'parts'), { fields: { field: 'parts', reason: 'a list, not a object' } });
});

test('a record field of type bytes: base64 in core JSON, a Buffer or null out, refused by its name', () => {
  assert.deepEqual(encode('MailAttachment', { fileName: 'a.bin', content: bytes(0x00, 0xff, 0xfe) }, 'attachment'), {
    file_name: 'a.bin',
    content: 'AP/+',
  });
  assert.deepEqual(encode('MailAttachment', { fileName: 'none', content: null }, 'attachment'), { file_name: 'none', content: null });
  const read = decode('MailAttachment', { file_name: 'a.bin', content: 'AP/+' });
  assert.ok(Buffer.isBuffer(read.content));
  assert.deepEqual([...read.content], [0x00, 0xff, 0xfe]);
  assert.deepEqual(decode('MailAttachment', { file_name: 'none', content: null }), { fileName: 'none', content: null });
  assert.throws(() => encode('MailAttachment', { fileName: 'a.txt', content: 'text' }, 'attachment'), {
    code: 'invalid_input',
    fields: { field: 'content', reason: 'a Uint8Array, not a string' },
  });
});

test('the golden replay compares bytes as their UTF-8 text (tests/golden/README.md)', () => {
  assert.deepEqual(toCoreJson({ fileName: 'a', content: Buffer.from('héllo', 'utf8') }), { file_name: 'a', content: 'héllo' });
  assert.equal(toCoreJson(new Uint8Array([0x68, 0x69])), 'hi');
  assert.equal(toCoreJson(bytes(0xff)), '\ufffd');
});

// ----- the generator -----

const MAIL_API = {
  desk_options: 'MailOptions',
  operations: [
    {
      name: 'receive_email',
      doc: 'Reads a raw e-mail.',
      params: [
        { name: 'company', type: 'id:Company' },
        { name: 'raw', type: 'bytes' },
        { name: 'parts', type: 'option<list<bytes>>' },
      ],
      returns: 'MailReceipt',
    },
    { name: 'send_email', params: [{ name: 'input', type: 'NewMail' }], returns: 'bytes' },
  ],
  records: {
    MailOptions: { fields: [{ name: 'seed', type: 'option<u64>', optional: true }] },
    NewMail: { fields: [{ name: 'raw', type: 'bytes', optional: false }, { name: 'extra', type: 'option<bytes>', optional: true }] },
    MailReceipt: {
      fields: [
        { name: 'ticket', type: 'id:Ticket', optional: false },
        { name: 'attachments', type: 'list<MailAttachment>', optional: false },
      ],
    },
    MailAttachment: {
      fields: [
        { name: 'file_name', type: 'string', optional: false },
        { name: 'content', type: 'option<bytes>', optional: true },
      ],
    },
  },
  enums: {},
};

test('the generator types bytes Uint8Array in and Buffer out', () => {
  const dts = generateFiles(MAIL_API)['lib/api.d.ts'];
  assert.match(dts, /receiveEmail\(actor: Actor, company: number, raw: Uint8Array, parts\?: Array<Uint8Array> \| undefined \| null\): Promise<MailReceipt>/);
  assert.match(dts, /sendEmail\(actor: Actor, input: NewMail\): Promise<Buffer>/);
  // An input record's fields are what a caller passes; a returned record's what it reads.
  assert.match(dts, /export interface NewMail \{\n  raw: Uint8Array\n  extra\?: Uint8Array \| null\n\}/);
  assert.match(dts, /export interface MailAttachment \{\n  fileName: string\n  content: Buffer \| null\n\}/);
  assert.match(dts, /^\/\/ @generated[^\n]*\n\n\/\/\/ <reference types="node" \/>\n/);
  assert.match(generateFiles(MAIL_API)['lib/api.js'], /receive_email: \{ name: "receive_email", params: \[\["company","id:Company",false\],\["raw","bytes",false\],\["parts","option<list<bytes>>",false\]\], returns: "MailReceipt" \}/);
  // An api without bytes needs no @types/node; core's (receive_email) does.
  assert.doesNotMatch(generateFiles({ ...MAIL_API, operations: [], records: {} })['lib/api.d.ts'], /reference types/);
  assert.match(generateFiles(loadApi())['lib/api.d.ts'], /reference types="node"/);
});

test('the generated types of bytes pass tsc --strict, even with no ambient types', () => {
  const dir = tempDir();
  mkdirSync(join(dir, 'lib'));
  writeFileSync(join(dir, 'lib', 'api.d.ts'), generateFiles(MAIL_API)['lib/api.d.ts']);
  writeFileSync(join(dir, 'index.d.ts'), readFileSync(join(packageDir, 'index.d.ts'), 'utf8'));
  const use = join(dir, 'use.ts');
  writeFileSync(
    use,
    `import type { Actor, Helpdesk, MailReceipt, NewMail } from './lib/api.js'
const system: Actor = { kind: 'system' }
export async function use(desk: Helpdesk, raw: Uint8Array): Promise<Buffer | null> {
  const receipt: MailReceipt = await desk.receiveEmail(system, 1, raw, [Buffer.from('a'), new Uint8Array(1)])
  await desk.receiveEmail(system, 1, Buffer.from('x'))
  // @ts-expect-error: text is not bytes
  await desk.receiveEmail(system, 1, 'text')
  const mail: NewMail = { raw: new Uint8Array(2), extra: null }
  const sent: Buffer = await desk.sendEmail(system, mail)
  // @ts-expect-error: a result is a Buffer, not any Uint8Array
  const narrow: Buffer = new Uint8Array(1)
  void [sent, narrow]
  return receipt.attachments[0]?.content ?? null
}
`,
  );
  const program = ts.createProgram([use], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2022.d.ts'],
    module: ts.ModuleKind.Node16,
    moduleResolution: ts.ModuleResolutionKind.Node16,
    // No ambient types: Buffer resolves by the d.ts's own reference.
    types: [],
    typeRoots: [join(packageDir, 'node_modules', '@types')],
    skipLibCheck: false,
  });
  const diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  assert.deepEqual(diagnostics, []);
});
