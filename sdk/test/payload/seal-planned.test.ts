import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readAsice } from '../../src/asice/asice-reader.js';
import { ZipArchive } from '../../src/asice/zip-archive.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { openPayload } from '../../src/payload/open.js';
import { sealPayload } from '../../src/payload/seal.js';
import { patternedBytes } from '../support/patterned-bytes.js';

// Every temporary file of this process goes here, so any temporary file is visible.
const privateTmp = mkdtempSync(join(tmpdir(), 'seal-planned-test-'));
process.env.TMPDIR = privateTmp;
const work = mkdtempSync(join(privateTmp, 'work-'));
const temporaries = () => readdirSync(privateTmp).filter((name) => !name.startsWith('work-'));
const hasOpenssl = spawnSync('openssl', ['version']).status === 0;

const sender = await generateDevCertificate({ commonName: 'Avsender Kommune' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker AS' });

test('stored files from disk seal with no temporary file; openssl decrypts the envelope to a container that verifies', async () => {
  const pdf = patternedBytes(9 * 1024 * 1024 + 3, 1);
  const png = patternedBytes(70_001, 2);
  const pdfPath = join(work, 'bilag.pdf');
  const pngPath = join(work, 'skanning.png');
  writeFileSync(pdfPath, pdf);
  writeFileSync(pngPath, png);
  const chunks: Buffer[] = [];
  let sawTemporary = false;
  for await (const chunk of sealPayload({
    files: [
      { name: 'bilag.pdf', data: pdfPath },
      { name: 'skanning.png', data: pngPath },
      { name: 'faktura.json', data: Buffer.from('{"belop":100}') },
    ],
    signer: sender,
    recipient: receiver.certificate,
  })) {
    chunks.push(chunk as Buffer);
    if (temporaries().length > 0) sawTemporary = true;
  }
  assert.not.ok(sawTemporary, 'a temporary file appeared while sealing');
  const envelope = Buffer.concat(chunks);
  assert.is(envelope[0], 0x30);
  assert.is.not(envelope[1], 0x80, 'definite length');

  const opened = await openPayload(envelope, {
    privateKeys: [receiver.privateKey],
    outDir: join(work, 'out'),
  });
  assert.ok(readFileSync(join(work, 'out', 'bilag.pdf')).equals(pdf));
  assert.ok(readFileSync(join(work, 'out', 'skanning.png')).equals(png));
  assert.is(opened.files[2]!.data!.toString(), '{"belop":100}');

  if (!hasOpenssl) return;
  writeFileSync(join(work, 'envelope.der'), envelope);
  writeFileSync(join(work, 'recipient.key'), receiver.privateKeyPem);
  writeFileSync(join(work, 'recipient.crt'), receiver.certificatePem);
  const decrypted = spawnSync(
    'openssl',
    ['cms', '-decrypt', '-binary', '-inform', 'DER', '-in', 'envelope.der', '-inkey', 'recipient.key'],
    { cwd: work, maxBuffer: 64 * 1024 * 1024 },
  );
  assert.is(decrypted.status, 0, decrypted.stderr?.toString());
  const container = decrypted.stdout;
  const archive = await ZipArchive.open(container);
  const entries = await archive.entries();
  archive.close();
  assert.is(entries[0]!.name, 'mimetype');
  assert.is(entries[0]!.compressionMethod, 0);
  const stored = entries.filter((e) => e.name !== 'faktura.json');
  for (const entry of stored) {
    assert.is(entry.compressionMethod, 0, `${entry.name} is STORED`);
    assert.is(entry.flags & 0x08, 0, `${entry.name} has no data descriptor`);
  }
  const verified = await readAsice(container, {
    trusted: [sender.certificate],
    outDir: join(work, 'openssl-out'),
  });
  assert.is(verified.signature.status, 'verified');
  assert.ok(readFileSync(join(work, 'openssl-out', 'bilag.pdf')).equals(pdf));
});

test('a file changed between the passes fails the seal with INPUT_CHANGED and leaves no temporary file', async () => {
  const size = 6 * 1024 * 1024;
  const path = join(work, 'endres.pdf');
  writeFileSync(path, patternedBytes(size, 3));
  const stream = sealPayload({
    files: [{ name: 'endres.pdf', data: path }],
    signer: sender,
    recipient: receiver.certificate,
  });
  let code = 'OK';
  let first = true;
  try {
    for await (const _chunk of stream) {
      // The envelope header comes after the first pass; change the file before the second reads it.
      if (first) writeFileSync(path, patternedBytes(size, 4));
      first = false;
    }
  } catch (error) {
    assert.ok(isFiksError(error), String(error));
    code = (error as { code: string }).code;
  }
  assert.is(code, 'INPUT_CHANGED');
  assert.equal(temporaries(), []);
});

test.after(() => rmSync(privateTmp, { recursive: true, force: true }));

test.run();
