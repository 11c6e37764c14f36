// The containers inside our envelopes, read by Java's ZipInputStream as KS's Java receivers read
// them: in memory, planned from files on disk (both passes, the digest worker included) and
// spooled from a stream (deflated, with data descriptors).
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { missing } from '../../../scripts/test-support/services.js';
import { ASICE_MIMETYPE } from '../../src/asice/asic-manifest.js';
import { WORKER_DIGEST_BYTES } from '../../src/asice/file-digest-pipeline.js';
import { decryptEnvelope } from '../../src/crypto/cms-envelope-reader.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { type SealPayloadOptions, sealPayloadToBuffer } from '../../src/payload/seal.js';
import { patternedBytes } from '../support/patterned-bytes.js';

const CHECK = join(import.meta.dirname, 'java', 'ZipInputStreamCheck.java');

// `java` runs a source file only with a JDK (its compiler); without one the tests skip, except under CI.
const available =
  spawnSync('javac', ['-version']).status === 0 ||
  missing('java (a JDK) is not installed', 'Java ZipInputStream interop', 'install one');
const work = mkdtempSync(join(tmpdir(), 'java-interop-test-'));
const sender = await generateDevCertificate({ commonName: 'Avsender Kommune' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker AS' });
let counter = 0;

interface JavaEntry {
  name: string;
  method: string;
  size: number;
  sha256: string;
}

/** Runs the Java check on `zip`; the entries it read, or its error output. */
function readWithJava(zip: Buffer): { entries: JavaEntry[] } | { error: string } {
  const path = join(work, `container-${counter++}.asice`);
  writeFileSync(path, zip);
  const run = spawnSync('java', [CHECK, path], { encoding: 'utf8', timeout: 120_000 });
  if (run.status !== 0) return { error: `${run.stderr}${run.error ?? ''}` };
  const entries = run.stdout
    .trim()
    .split('\n')
    .map((line) => {
      const [name, method, size, sha256] = line.split('\t');
      return { name: name!, method: method!, size: Number(size), sha256: sha256! };
    });
  return { entries };
}

async function containerOf(options: Omit<SealPayloadOptions, 'signer' | 'recipient'>): Promise<Buffer> {
  const envelope = await sealPayloadToBuffer({ ...options, signer: sender, recipient: receiver.certificate });
  return decryptEnvelope(envelope, [receiver.privateKey]);
}

function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Asserts Java read `mimetype` first and STORED, every payload file whole, and the metadata entries. */
function assertReadByJava(zip: Buffer, files: Record<string, Buffer>, methods: Record<string, string>): void {
  const read = readWithJava(zip);
  if ('error' in read) assert.unreachable(`ZipInputStream failed: ${read.error}`);
  const { entries } = read as { entries: JavaEntry[] };
  assert.equal(entries[0], {
    name: 'mimetype',
    method: 'STORED',
    size: ASICE_MIMETYPE.length,
    sha256: sha256(ASICE_MIMETYPE),
  });
  for (const [name, data] of Object.entries(files)) {
    const entry = entries.find((e) => e.name === name);
    assert.ok(entry, `${name} is missing`);
    assert.equal(entry, { name, method: methods[name]!, size: data.length, sha256: sha256(data) });
  }
  assert.ok(entries.some((e) => e.name === 'META-INF/ASiCManifest.xml'));
  assert.ok(entries.some((e) => /^META-INF\/signature-[0-9a-f-]+\.p7s$/.test(e.name)));
  assert.is(entries.length, Object.keys(files).length + 3);
}

test('a small payload sealed in memory', async () => {
  if (!available) return;
  const files = {
    'faktura.json': Buffer.from(JSON.stringify({ fakturanummer: '2026-118', belop: '1499.00' }).repeat(40)),
    'bilag.pdf': patternedBytes(30_000, 1),
  };
  const zip = await containerOf({
    files: Object.entries(files).map(([name, data]) => ({ name, data })),
  });
  assertReadByJava(zip, files, { 'faktura.json': 'DEFLATED', 'bilag.pdf': 'STORED' });
});

test('a large file from disk, planned in two passes with the digest worker; a flipped byte fails the CRC check', async () => {
  if (!available) return;
  const pdf = patternedBytes(WORKER_DIGEST_BYTES + 3 * 1024 * 1024 + 11, 2);
  const json = Buffer.from('{"kommentar":"Se vedlagt bilag."}');
  const pdfPath = join(work, 'bilag.pdf');
  writeFileSync(pdfPath, pdf);
  const zip = await containerOf({
    files: [
      { name: 'kommentar.json', data: json },
      { name: 'bilag.pdf', data: pdfPath },
    ],
  });
  assertReadByJava(
    zip,
    { 'kommentar.json': json, 'bilag.pdf': pdf },
    { 'kommentar.json': 'STORED', 'bilag.pdf': 'STORED' },
  );

  // The check can fail: one byte changed inside the stored PDF is a CRC error to ZipInputStream.
  const at = zip.indexOf(pdf.subarray(1_000_000, 1_000_064));
  assert.ok(at > 0);
  const tampered = Buffer.from(zip);
  tampered[at] = tampered[at]! ^ 0xff;
  const read = readWithJava(tampered);
  assert.ok('error' in read, 'ZipInputStream accepted a tampered entry');
  assert.match((read as { error: string }).error, /invalid entry CRC/);
});

test('a payload given as a stream, deflated with data descriptors', async () => {
  if (!available) return;
  const xml = Buffer.from(`<kommentar>${'Betalingsutsettelse til 15. desember. '.repeat(2000)}</kommentar>`);
  const zip = await containerOf({
    files: [{ name: 'kommentar.xml', data: Readable.from([xml.subarray(0, 5000), xml.subarray(5000)]) }],
  });
  assertReadByJava(zip, { 'kommentar.xml': xml }, { 'kommentar.xml': 'DEFLATED' });
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
