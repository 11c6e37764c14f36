import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { AsiceError } from '../../src/asice/asice-error.js';
import { type InflateBounds, ZipArchive } from '../../src/asice/zip-archive.js';
import { ZipWriter } from '../../src/asice/zip-writer.js';

const work = mkdtempSync(join(tmpdir(), 'zip-archive-test-'));

async function build(fill: (zip: ZipWriter) => Promise<void>, comment = ''): Promise<Buffer> {
  const out = new PassThrough();
  const chunks: Buffer[] = [];
  out.on('data', (c: Buffer) => chunks.push(c));
  const zip = new ZipWriter(out);
  await fill(zip);
  await zip.finish(comment);
  out.end();
  return Buffer.concat(chunks);
}

const roomy = (): InflateBounds => ({
  maxBytes: 1e9,
  maxRatio: 1e6,
  ratioGraceBytes: 0,
  total: { remaining: 1e9, limit: 1e9 },
});

/** Every entry's bytes, from the buffer and from a file: both must agree. */
async function readAll(zip: Buffer, bounds: () => InflateBounds = roomy): Promise<Map<string, Buffer>> {
  const path = join(work, `${randomBytes(6).toString('hex')}.zip`);
  writeFileSync(path, zip);
  const results: Array<Map<string, Buffer>> = [];
  for (const source of [zip, path]) {
    const archive = await ZipArchive.open(source);
    try {
      const result = new Map<string, Buffer>();
      const shared = bounds();
      for (const entry of await archive.entries()) {
        const chunks: Buffer[] = [];
        await archive.pump(entry, { ...shared, total: shared.total }, (c) => {
          chunks.push(Buffer.from(c));
        });
        result.set(entry.name, Buffer.concat(chunks));
      }
      results.push(result);
    } finally {
      archive.close();
    }
  }
  rmSync(path, { force: true });
  assert.equal([...results[0]!.entries()], [...results[1]!.entries()]);
  return results[0]!;
}

async function codeOf(run: Promise<unknown>): Promise<string> {
  try {
    await run;
    return 'OK';
  } catch (error) {
    return error instanceof AsiceError ? error.code : `not an AsiceError: ${String(error)}`;
  }
}

const text = Buffer.from('faktura '.repeat(50_000));
const big = randomBytes(2_500_000);

test('buffers and files read the same: stored, small and large deflated, streamed, comment', async () => {
  const largeText = Buffer.from('linje med tekst\n'.repeat(700_000)); // > 8 MiB: streamed inflate
  const zip = await build(async (zip) => {
    await zip.addBuffer('mimetype', Buffer.from('application/vnd.etsi.asic-e+zip'), false);
    await zip.addBuffer('text.txt', text, true);
    await zip.addStored('big.bin', Readable.from([big]), big.length, crc32(big));
    await zip.addDeflated('large.txt', Readable.from([largeText]));
    await zip.addBuffer('tom.txt', Buffer.alloc(0), false);
  }, 'kommentar');
  const contents = await readAll(zip);
  assert.ok(contents.get('text.txt')!.equals(text));
  assert.ok(contents.get('big.bin')!.equals(big));
  assert.ok(contents.get('large.txt')!.equals(largeText));
  assert.is(contents.get('tom.txt')!.length, 0);
  const archive = await ZipArchive.open(zip);
  assert.is(archive.declaredEntryCount, 5);
  assert.is(archive.comment.toString(), 'kommentar');
  archive.close();
});

test('structural damage is ZIP_MALFORMED, from a buffer and from a file', async () => {
  const zip = await build(async (zip) => {
    await zip.addBuffer('a.txt', text, true);
    await zip.addBuffer('b.bin', Buffer.from('stored bytes'), false);
  });
  const directoryOffset = zip.readUInt32LE(zip.length - 6);
  const storedCentral = zip.indexOf(Buffer.from('b.bin'), directoryOffset) - 46;
  const damaged: Array<[string, Buffer]> = [
    ['trailing bytes', Buffer.concat([zip, Buffer.from('x')])],
    ['no end record', zip.subarray(0, zip.length - 22)],
    ['empty', Buffer.alloc(0)],
    [
      'central signature',
      (() => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(0x12345678, directoryOffset);
        return copy;
      })(),
    ],
    [
      'local signature',
      (() => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(0x12345678, 0);
        return copy;
      })(),
    ],
    [
      'stored sizes disagree',
      (() => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(3, storedCentral + 24);
        return copy;
      })(),
    ],
    [
      'data past the end',
      (() => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(copy.length, storedCentral + 20);
        copy.writeUInt32LE(copy.length, storedCentral + 24);
        return copy;
      })(),
    ],
    [
      'directory past the end',
      (() => {
        const copy = Buffer.from(zip);
        copy.writeUInt32LE(copy.length + 10, copy.length - 6);
        return copy;
      })(),
    ],
    [
      'multi-disk',
      (() => {
        const copy = Buffer.from(zip);
        copy.writeUInt16LE(1, copy.length - 18);
        return copy;
      })(),
    ],
  ];
  for (const [what, bytes] of damaged) assert.is(await codeOf(readAll(bytes)), 'ZIP_MALFORMED', what);
});

test('real inflated bytes are checked: declared size, entry bound, total, ratio', async () => {
  const zip = await build(async (zip) => {
    await zip.addBuffer('a.txt', text, true);
  });
  const central = zip.readUInt32LE(zip.length - 6);
  const declaring = (size: number) => {
    const copy = Buffer.from(zip);
    copy.writeUInt32LE(size, central + 24);
    return copy;
  };
  assert.is(await codeOf(readAll(declaring(text.length - 1))), 'ZIP_MALFORMED', 'more than declared');
  assert.is(await codeOf(readAll(declaring(text.length + 1))), 'ZIP_MALFORMED', 'less than declared');
  assert.is(await codeOf(readAll(zip, () => ({ ...roomy(), maxBytes: 1000 }))), 'LIMIT_EXCEEDED');
  assert.is(
    await codeOf(readAll(zip, () => ({ ...roomy(), total: { remaining: 1000, limit: 1000 } }))),
    'LIMIT_EXCEEDED',
  );
  assert.is(await codeOf(readAll(zip, () => ({ ...roomy(), maxRatio: 2 }))), 'LIMIT_EXCEEDED');
  // A bomb far past every bound stops at the bound (the one-shot inflate is capped).
  const bomb = await build(async (zip) => {
    await zip.addBuffer('bomb.txt', Buffer.alloc(64 * 1024 * 1024), true);
  });
  const started = Date.now();
  assert.is(await codeOf(readAll(bomb, () => ({ ...roomy(), maxBytes: 1024 * 1024 }))), 'LIMIT_EXCEEDED');
  assert.ok(Date.now() - started < 5000);
  // A corrupt deflate stream is ZIP_MALFORMED.
  const corrupt = Buffer.from(zip);
  corrupt.fill(0xff, 40, 60);
  assert.is(await codeOf(readAll(corrupt)), 'ZIP_MALFORMED');
});

test('mutated archives end in their bytes or an AsiceError, the same from a buffer and a file', async () => {
  const zip = await build(async (zip) => {
    await zip.addBuffer('mimetype', Buffer.from('application/vnd.etsi.asic-e+zip'), false);
    await zip.addBuffer('a.txt', Buffer.from('tekst '.repeat(300)), true);
    await zip.addBuffer('b.bin', randomBytes(700), false);
  }, 'mimetype=application/vnd.etsi.asic-e+zip');
  await fc.assert(
    fc.asyncProperty(
      fc.nat(zip.length - 1),
      fc.integer({ min: 1, max: 255 }),
      fc.boolean(),
      async (at, xor, truncate) => {
        const bytes = truncate ? zip.subarray(0, at) : Buffer.from(zip);
        if (!truncate) bytes[at]! ^= xor;
        const code = await codeOf(readAll(bytes, () => ({ ...roomy(), maxBytes: 1e6 })));
        assert.ok(/^[A-Z_]+$/.test(code) && !code.startsWith('not'), code);
      },
    ),
    { numRuns: 400 },
  );
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
