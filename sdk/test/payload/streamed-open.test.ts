import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveAsiceLimits } from '../../src/asice/asice-limits.js';
import { readAsice } from '../../src/asice/asice-reader.js';
import { StreamedZipSplitter } from '../../src/asice/streamed-zip.js';
import { ZipWriter } from '../../src/asice/zip-writer.js';
import { encryptEnvelope } from '../../src/crypto/cms-envelope-writer.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { openPayload } from '../../src/payload/open.js';
import { type ByteDamage, withDamage } from '../support/damaged-bytes.js';
import { type ContainerLayout, PAYLOAD_FILE_LAYOUTS, signedContainer } from '../support/signed-container.js';

const work = mkdtempSync(join(tmpdir(), 'streamed-open-test-'));
process.env.TMPDIR = work;

const sender = await generateDevCertificate({ commonName: 'Avsender' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker' });
const MIMETYPE = Buffer.from('application/vnd.etsi.asic-e+zip');

const payload = {
  json: Buffer.from(JSON.stringify({ tekst: 'hei '.repeat(300) })),
  pdf: Buffer.from(Array.from({ length: 5000 }, (_, i) => (i * 31) & 0xff)),
};

/** A signed container in one of the layouts writers produce. */
const containerOf = (layout: ContainerLayout) =>
  signedContainer(layout, { ...payload, signer: sender, signatureName: 'META-INF/signature-s.p7s' });

/** 'OK' with the files' names and digests, or the error code; other exceptions propagate. */
async function outcome(
  run: () => Promise<{ files: Array<{ name: string; sha256: string }> }>,
): Promise<string> {
  try {
    const { files } = await run();
    return `OK ${files.map((f) => `${f.name}:${f.sha256}`).join(' ')}`;
  } catch (error) {
    if (isFiksError(error)) return 'FAILED';
    throw error;
  }
}

function streamed(container: Buffer, outDir?: string) {
  const envelope = encryptEnvelope(container, receiver.certificate);
  return openPayload(Readable.from([envelope.subarray(0, 1000), envelope.subarray(1000)]), {
    privateKeys: [receiver.privateKey],
    trusted: [sender.certificate],
    ...(outDir === undefined ? {} : { outDir }),
  });
}

test('every layout opens from a stream, in memory and into a directory, with the right bytes', async () => {
  for (const layout of ['stored', 'deflated json', 'data descriptors', 'deflated manifest'] as const) {
    const container = await containerOf(layout);
    const inMemory = await streamed(container);
    assert.equal(
      inMemory.files.map((f) => f.data),
      [payload.json, payload.pdf],
      layout,
    );
    const outDir = join(work, `out-${layout.replace(/ /g, '-')}`);
    const written = await streamed(container, outDir);
    assert.equal(readdirSync(outDir).sort(), ['bilag.pdf', 'melding.json'], layout);
    assert.equal(readFileSync(join(outDir, 'bilag.pdf')), payload.pdf, layout);
    assert.is(written.files[1]!.path, join(outDir, 'bilag.pdf'));
    assert.is(written.checks.signature, 'verified');
  }
});

test('a local header that disagrees with the central directory is refused, and nothing is left behind', async () => {
  const container = await containerOf('stored');
  // The payload file's local header claims one byte fewer than the central directory.
  const at = container.indexOf(Buffer.from('bilag.pdf')) - 30;
  const shortened = Buffer.from(container);
  shortened.writeUInt32LE(payload.pdf.length - 1, at + 18);
  shortened.writeUInt32LE(payload.pdf.length - 1, at + 22);
  const outDir = join(work, 'out-disagreeing');
  try {
    await streamed(shortened, outDir);
    assert.unreachable('opened');
  } catch (error) {
    assert.ok(isFiksError(error), String(error));
    assert.is(error.code, 'ZIP_MALFORMED');
  }
  // The output directory is not even created, and no stage is left beside it.
  assert.not.ok(existsSync(outDir));
  assert.equal(
    readdirSync(work).filter((name) => name.includes('.stage-')),
    [],
  );
});

/** The damage of each kind the property test draws: overwriting is drawn twice as often. */
const BYTE_DAMAGES: readonly ByteDamage[] = ['truncate', 'insert', 'flip', 'overwrite', 'overwrite'];

test('1 500 damaged containers: the streamed open agrees with the random-access reader', async () => {
  const bases = await Promise.all(PAYLOAD_FILE_LAYOUTS.map((layout) => containerOf(layout)));
  const damaged = fc
    .tuple(
      fc.nat(bases.length - 1),
      fc.nat(),
      fc.integer({ min: 0, max: 4 }),
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
    )
    .map(([which, position, kind, bytes]) => {
      const base = bases[which]!;
      return withDamage(base, BYTE_DAMAGES[kind]!, position % base.length, bytes);
    });
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(damaged, fc.boolean(), async (container, toDirectory) => {
      const expected = await outcome(() => readAsice(container, { trusted: [sender.certificate] }));
      const outDir = toDirectory ? join(work, 'out-damaged') : undefined;
      if (outDir !== undefined) rmSync(outDir, { recursive: true, force: true });
      const actual = await outcome(() => streamed(container, outDir));
      if (expected.startsWith('OK')) accepted++;
      assert.is(actual, expected);
      if (outDir !== undefined && !actual.startsWith('OK')) assert.not.ok(existsSync(outDir));
    }),
    { seed: 20261122, numRuns: 1500 },
  );
  // The damage must leave some containers readable, or the agreement says little.
  assert.ok(accepted > 50, `only ${accepted} damaged containers were readable`);
});

test('metadata beyond what a container needs is spooled, not held in memory', async () => {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (chunk: Buffer) => chunks.push(chunk));
  const zip = new ZipWriter(out);
  await zip.addBuffer('mimetype', MIMETYPE, false);
  for (let i = 0; i < 10; i++)
    await zip.addBuffer(`META-INF/junk-${i}.xml`, Buffer.alloc(40 * 1024, i), false);
  await zip.finish();
  const spoolPath = join(work, 'junk-spool');
  const writer = new StreamedZipSplitter({
    spoolPath,
    limits: resolveAsiceLimits({ maxMetadataBytes: 64 * 1024 }),
  });
  await pipeline(Readable.from(chunks), writer);
  const { entries, spoolStart } = writer.result();
  // Three entries' worth (192 KiB) is held: the mimetype and four junk entries fit, the fifth is spooled.
  assert.is(entries.size, 5);
  assert.is(readFileSync(spoolPath).length, Buffer.concat(chunks).length - spoolStart);
  rmSync(spoolPath);
});

test('no temporary file is left behind', () => {
  assert.equal(
    readdirSync(work).filter((name) => !name.startsWith('out-') && !name.startsWith('tsx-')),
    [],
  );
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
