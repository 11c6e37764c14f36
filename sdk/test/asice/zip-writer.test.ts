import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { ZipArchive } from '../../src/asice/zip-archive.js';
import { ZipWriter } from '../../src/asice/zip-writer.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

async function build(fill: (zip: ZipWriter) => Promise<void>): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const zip = new ZipWriter(out);
  await fill(zip);
  await zip.finish('mimetype=application/vnd.etsi.asic-e+zip');
  out.end();
  return Buffer.concat(chunks);
}

async function readAll(zipBytes: Buffer): Promise<Map<string, Buffer>> {
  const archive = await ZipArchive.open(zipBytes);
  const result = new Map<string, Buffer>();
  const total = { remaining: 1e9, limit: 1e9 };
  for (const entry of await archive.entries()) {
    const chunks: Buffer[] = [];
    await archive.pump(entry, { maxBytes: 1e9, maxRatio: 1e6, ratioGraceBytes: 0, total }, (c) => {
      chunks.push(c);
    });
    result.set(entry.name, Buffer.concat(chunks));
  }
  archive.close();
  return result;
}

const big = randomBytes(300_000);
const text = Buffer.from('faktura '.repeat(20_000));

test('stored, deflated and streamed entries read back byte for byte, in order, with the comment', async () => {
  const zipBytes = await build(async (zip) => {
    await zip.addBuffer('mimetype', Buffer.from('application/vnd.etsi.asic-e+zip'), false);
    await zip.addBuffer('text.txt', text, true);
    await zip.addStored(
      'big.bin',
      Readable.from([big.subarray(0, 1000), big.subarray(1000)]),
      big.length,
      crc32(big),
    );
    await zip.addDeflated('streamed.txt', Readable.from([text, text]));
    await zip.addBuffer('æøå.json', Buffer.from('{}'), false);
  });
  // mimetype first, STORED, at offset 0 with its name at 30 and content right after.
  assert.is(zipBytes.readUInt16LE(8), 0);
  assert.is(zipBytes.subarray(30, 38).toString(), 'mimetype');
  assert.is(zipBytes.subarray(38, 38 + 31).toString(), 'application/vnd.etsi.asic-e+zip');
  assert.ok(zipBytes.subarray(-40).toString('latin1').endsWith('mimetype=application/vnd.etsi.asic-e+zip'));
  const archive = await ZipArchive.open(zipBytes);
  const entries = await archive.entries();
  archive.close();
  assert.equal(
    entries.map((e) => [e.name, e.compressionMethod]),
    [
      ['mimetype', 0],
      ['text.txt', 8],
      ['big.bin', 0],
      ['streamed.txt', 8],
      ['æøå.json', 0],
    ],
  );
  // STORED entries carry sizes in the local header and no data descriptor (Java ZipInputStream).
  for (const e of entries.filter((e) => e.compressionMethod === 0)) assert.is(e.flags & 8, 0);
  const contents = await readAll(zipBytes);
  assert.ok(contents.get('text.txt')!.equals(text));
  assert.ok(contents.get('big.bin')!.equals(big));
  assert.ok(contents.get('streamed.txt')!.equals(Buffer.concat([text, text])));
  assert.is(contents.get('æøå.json')!.toString(), '{}');

  const dir = mkdtempSync(join(tmpdir(), 'zip-writer-test-'));
  try {
    writeFileSync(join(dir, 'a.zip'), zipBytes);
    const unzip = spawnSync('unzip', ['-t', join(dir, 'a.zip')], { encoding: 'utf8' });
    if (unzip.error === undefined) assert.is(unzip.status, 0, unzip.stdout + unzip.stderr);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('a STORED entry whose bytes differ from the announced CRC fails with INPUT_CHANGED', async () => {
  try {
    await build(async (zip) => {
      await zip.addStored('x.bin', Readable.from([big]), big.length, (crc32(big) ^ 1) >>> 0);
    });
    assert.unreachable();
  } catch (error) {
    assert.ok(isFiksError(error, 'INPUT_CHANGED'), String(error));
  }
});

test('a failing source stream fails the deflated entry instead of hanging', async () => {
  const failing = new Readable({
    read() {
      this.destroy(new Error('disk gone'));
    },
  });
  try {
    await build(async (zip) => zip.addDeflated('x.txt', failing));
    assert.unreachable();
  } catch (error) {
    assert.match(String(error), /disk gone/);
  }
});

test.run();
