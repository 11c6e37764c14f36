import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveAsiceLimits } from '../../src/asice/asice-limits.js';
import { readAsice, readStreamedAsice, StagedOutput } from '../../src/asice/asice-reader.js';
import { StreamedZipSplitter } from '../../src/asice/streamed-zip.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { type ByteDamage, withDamage } from '../support/damaged-bytes.js';
import { errorCodeOf } from '../support/error-code-of.js';
import { type ContainerLayout, PAYLOAD_FILE_LAYOUTS, signedContainer } from '../support/signed-container.js';

const work = mkdtempSync(join(tmpdir(), 'reader-agreement-test-'));
const sender = await generateDevCertificate({ commonName: 'Avsender' });
const json = Buffer.from(JSON.stringify({ tekst: 'hei '.repeat(100) }));
const pdf = Buffer.from(Array.from({ length: 3000 }, (_, i) => (i * 31) & 0xff));

/** A signed container; `listed` are extra names the manifest lists with the JSON file's digest. */
const containerOf = (layout: ContainerLayout, listed: string[] = []) =>
  signedContainer(layout, { json, pdf, signer: sender, signatureName: 'META-INF/signature.p7s', listed });

/** Kinds 0 to 3 of the property test's damage. */
const BYTE_DAMAGES: readonly ByteDamage[] = ['truncate', 'insert', 'flip', 'overwrite'];

/** Where the central directory lies, and its records. */
function centralRecords(zip: Buffer): { start: number; records: Buffer[]; end: Buffer } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const start = zip.readUInt32LE(eocd + 16);
  const records: Buffer[] = [];
  for (let at = start; at < eocd; ) {
    const length = 46 + zip.readUInt16LE(at + 28) + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    records.push(zip.subarray(at, at + length));
    at += length;
  }
  return { start, records, end: zip.subarray(eocd) };
}

/** `zip` with its central directory replaced by `records`. */
function withCentral(zip: Buffer, records: Buffer[]): Buffer {
  const { start, end } = centralRecords(zip);
  const directory = Buffer.concat(records);
  const eocd = Buffer.from(end);
  eocd.writeUInt16LE(records.length, 8);
  eocd.writeUInt16LE(records.length, 10);
  eocd.writeUInt32LE(directory.length, 12);
  return Buffer.concat([zip.subarray(0, start), directory, eocd]);
}

/** A copy of a central record under another name (same length). */
function renamed(record: Buffer, name: string): Buffer {
  const nameLength = record.readUInt16LE(28);
  const copy = Buffer.from(record);
  copy.write(name.padEnd(nameLength, 'x').slice(0, nameLength), 46, 'latin1');
  return copy;
}

const verdict = errorCodeOf;

let runs = 0;

/** The verdict of every reader on `container`, keyed by reader. */
async function verdicts(container: Buffer): Promise<Record<string, string>> {
  const run = join(work, String(runs++));
  mkdirSync(run);
  const options = { trusted: [sender.certificate] };
  const path = join(run, 'container.asice');
  writeFileSync(path, container);
  const streamed = async (outDir?: string) => {
    const output = outDir === undefined ? undefined : await StagedOutput.create(outDir);
    try {
      const splitter = new StreamedZipSplitter({
        spoolPath: join(run, `spool-${outDir === undefined ? 'memory' : 'dir'}`),
        limits: resolveAsiceLimits(),
        ...(output === undefined ? {} : { stagingDir: output.filesDir }),
      });
      const halves = [container.subarray(0, 700), container.subarray(700)];
      await pipeline(Readable.from(halves), splitter);
      const withOutDir = outDir === undefined ? options : { ...options, outDir };
      return await readStreamedAsice(splitter.result(), withOutDir, output);
    } finally {
      await output?.remove();
    }
  };
  const result = {
    memory: await verdict(() => readAsice(container, options)),
    file: await verdict(() => readAsice(path, options)),
    memoryToDirectory: await verdict(() => readAsice(container, { ...options, outDir: join(run, 'out-a') })),
    streamed: await verdict(() => streamed()),
    streamedToDirectory: await verdict(() => streamed(join(run, 'out-b'))),
  };
  rmSync(run, { recursive: true, force: true });
  return result;
}

function assertAgree(found: Record<string, string>, expected?: string): void {
  const codes = new Set(Object.values(found));
  assert.is(codes.size, 1, `the readers disagree: ${JSON.stringify(found)}`);
  if (expected !== undefined) assert.is(found.memory, expected);
}

test('two central entries sharing one local header are refused by every reader', async () => {
  for (const layout of PAYLOAD_FILE_LAYOUTS) {
    const base = await containerOf(layout, ['kopiert.json']);
    const { records } = centralRecords(base);
    const json = records.find((r) => r.includes('melding.json'))!;
    const sharing = withCentral(base, [
      ...records.slice(0, 2),
      renamed(json, 'kopiert.json'),
      ...records.slice(2),
    ]);
    assertAgree(await verdicts(sharing), 'ZIP_MALFORMED');
  }
});

test('a local header whose sizes or method disagree with the central directory is refused by every reader', async () => {
  const base = await containerOf('stored');
  const at = base.indexOf(Buffer.from('bilag.pdf')) - 30;
  for (const size of [0, pdf.length - 1, pdf.length + 1, 0x7fffffff]) {
    const changed = Buffer.from(base);
    changed.writeUInt32LE(size, at + 18);
    changed.writeUInt32LE(size, at + 22);
    assertAgree(await verdicts(changed), 'ZIP_MALFORMED');
  }
  const deflatedClaim = Buffer.from(base);
  deflatedClaim.writeUInt16LE(8, at + 8);
  assertAgree(await verdicts(deflatedClaim), 'ZIP_MALFORMED');
});

test('the untouched layouts are accepted by every reader', async () => {
  for (const layout of PAYLOAD_FILE_LAYOUTS) assertAgree(await verdicts(await containerOf(layout)), 'OK');
});

test('property: generated and mutated containers get one verdict from every reader', async () => {
  const bases = await Promise.all(PAYLOAD_FILE_LAYOUTS.map((layout) => containerOf(layout)));
  const damaged = fc
    .tuple(
      fc.nat(bases.length - 1),
      fc.nat(),
      fc.integer({ min: 0, max: 5 }),
      fc.uint8Array({ minLength: 1, maxLength: 8 }),
      fc.nat(),
    )
    .map(([which, position, kind, bytes, other]) => {
      const base = bases[which]!;
      const at = position % base.length;
      if (kind === 5) {
        // A central record repeated, or two swapped: structure, not bytes.
        const { records } = centralRecords(base);
        const i = position % records.length;
        const j = other % records.length;
        const reordered = [...records];
        if (bytes[0]! % 2 === 0) reordered.splice(j, 0, records[i]!);
        else [reordered[i], reordered[j]] = [records[j]!, records[i]!];
        return withCentral(base, reordered);
      }
      if (kind === 4) {
        // A small 32-bit number written over the bytes at `at`.
        const copy = Buffer.from(base);
        copy.writeUInt32LE(bytes[0]! * 16, Math.min(at, copy.length - 4));
        return copy;
      }
      return withDamage(base, BYTE_DAMAGES[kind]!, at, bytes);
    });
  const disagreements: string[] = [];
  let accepted = 0;
  await fc.assert(
    fc.asyncProperty(damaged, async (container) => {
      const found = await verdicts(container);
      if (found.memory === 'OK') accepted++;
      if (new Set(Object.values(found)).size !== 1) disagreements.push(JSON.stringify(found));
    }),
    { seed: 20261203, numRuns: Number(process.env.AGREEMENT_RUNS ?? 600) },
  );
  assert.equal(disagreements.slice(0, 5), [], `${disagreements.length} disagreements`);
  assert.ok(accepted > 20, `only ${accepted} damaged containers were readable`);
});

test.after(() => rmSync(work, { recursive: true, force: true }));
test.run();
