import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';

const bin = join(import.meta.dirname, '../../bin/fiks-io.mjs');
const work = mkdtempSync(join(tmpdir(), 'fiks-io-cli-test-'));
const at = (...parts: string[]) => join(work, ...parts);

function fiksIo(...args: string[]): { status: number | null; stdout: Buffer; stderr: string } {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: work, timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.toString() };
}

function failsWith(result: ReturnType<typeof fiksIo>, code: string): void {
  assert.is.not(result.status, 0);
  const lines = result.stderr.trim().split('\n');
  assert.is(lines.length, 1, result.stderr);
  assert.match(lines[0]!, new RegExp(`^fiks-io: ${code}: `));
}

const invoice = Buffer.from(JSON.stringify({ fakturanummer: 'F-1', belop: 1200 }));
const attachment = Buffer.alloc(70_000);
for (let i = 0; i < attachment.length; i++) attachment[i] = (i * 31 + (i >> 8)) & 0xff;

test('keygen writes a PKCS#8 key and a certificate for each party', () => {
  for (const party of ['alice', 'bob', 'mallory']) {
    const result = fiksIo('keygen', '--cn', `${party} kommune`, '--out-dir', at(party));
    assert.is(result.status, 0, result.stderr);
    assert.match(readFileSync(at(party, 'key.pem'), 'utf8'), /^-----BEGIN PRIVATE KEY-----/);
    assert.match(readFileSync(at(party, 'cert.pem'), 'utf8'), /^-----BEGIN CERTIFICATE-----/);
    assert.match(JSON.parse(result.stdout.toString()).subject, new RegExp(`CN=${party} kommune`));
  }
  writeFileSync(at('faktura.json'), invoice);
  writeFileSync(at('vedlegg.pdf'), attachment);
});

test('seal from alice to bob; bob opens the files byte for byte and sees alice as signer', () => {
  const seal = fiksIo(
    'seal',
    '--to',
    at('bob/cert.pem'),
    '--cert',
    at('alice/cert.pem'),
    '--key',
    at('alice/key.pem'),
    '--out',
    at('payload.cms'),
    at('faktura.json'),
    at('vedlegg.pdf'),
  );
  assert.is(seal.status, 0, seal.stderr);
  const open = fiksIo(
    'open',
    '--key',
    at('mallory/key.pem'),
    '--key',
    at('bob/key.pem'),
    '--out',
    at('out'),
    '--trust',
    at('alice/cert.pem'),
    at('payload.cms'),
  );
  assert.is(open.status, 0, open.stderr);
  assert.ok(readFileSync(at('out/faktura.json')).equals(invoice));
  assert.ok(readFileSync(at('out/vedlegg.pdf')).equals(attachment));
  const summary = JSON.parse(open.stdout.toString());
  assert.equal(
    summary.files.map((f: { name: string; size: number }) => [f.name, f.size]),
    [
      ['faktura.json', invoice.length],
      ['vedlegg.pdf', attachment.length],
    ],
  );
  assert.match(summary.signer.subject, /CN=alice kommune/);
  assert.type(summary.signer.serialNumber, 'string');
  assert.is(summary.checks.signature, 'verified');
  assert.is(summary.checks.signerTrusted, true);
});

test('seal writes to stdout without --out', () => {
  const seal = fiksIo(
    'seal',
    '--to',
    at('bob/cert.pem'),
    '--cert',
    at('alice/cert.pem'),
    '--key',
    at('alice/key.pem'),
    at('faktura.json'),
  );
  assert.is(seal.status, 0, seal.stderr);
  writeFileSync(at('stdout.cms'), seal.stdout);
  const open = fiksIo('open', '--key', at('bob/key.pem'), at('stdout.cms'));
  assert.is(open.status, 0, open.stderr);
  assert.is(JSON.parse(open.stdout.toString()).files[0].sha256.length, 64);
});

test('the wrong key fails with NO_MATCHING_KEY', () => {
  failsWith(fiksIo('open', '--key', at('alice/key.pem'), at('payload.cms')), 'NO_MATCHING_KEY');
});

test('a tampered byte fails with a code', () => {
  const envelope = readFileSync(at('payload.cms'));
  for (const offset of [envelope.length - 100, Math.floor(envelope.length / 2)]) {
    const tampered = Buffer.from(envelope);
    tampered[offset]! ^= 0x01;
    writeFileSync(at('tampered.cms'), tampered);
    failsWith(fiksIo('open', '--key', at('bob/key.pem'), at('tampered.cms')), '[A-Z_]+');
  }
});

test('another signer than the trusted one fails with SIGNER_NOT_TRUSTED', () => {
  const seal = fiksIo(
    'seal',
    '--to',
    at('bob/cert.pem'),
    '--cert',
    at('mallory/cert.pem'),
    '--key',
    at('mallory/key.pem'),
    '--out',
    at('mallory.cms'),
    at('faktura.json'),
  );
  assert.is(seal.status, 0, seal.stderr);
  failsWith(
    fiksIo('open', '--key', at('bob/key.pem'), '--trust', at('alice/cert.pem'), at('mallory.cms')),
    'SIGNER_NOT_TRUSTED',
  );
});

test('usage errors and missing files name a code', () => {
  failsWith(fiksIo('open', '--key', at('bob/key.pem')), 'USAGE');
  failsWith(fiksIo('open', '--key', at('nope.pem'), at('payload.cms')), 'FILE_UNREADABLE');
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
