import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readAsice } from '../../src/asice/asice-reader.js';
import { type AsiceCompression, type AsiceFileInput, writeAsice } from '../../src/asice/asice-writer.js';
import { WORKER_DIGEST_BYTES } from '../../src/asice/file-digest-pipeline.js';
import { isCompressibleMediaType, mediaTypeForFileName } from '../../src/asice/media-type.js';
import { type AsicePlan, planAsice } from '../../src/asice/planned-asice.js';
import { ZipArchive } from '../../src/asice/zip-archive.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

const signer = await generateDevCertificate({ commonName: 'Planlagt Kommune' });
const work = mkdtempSync(join(tmpdir(), 'planned-asice-test-'));
let fileCounter = 0;

/** The plan's bytes, copied out of its reused buffers. */
async function bytesOf(plan: AsicePlan): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of plan.chunks()) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'OK';
  } catch (error) {
    assert.ok(isFiksError(error), `not a FiksError: ${String(error)}`);
    return (error as { code: string }).code;
  }
}

function pattern(size: number, seed: number): Buffer {
  const out = Buffer.allocUnsafe(size);
  for (let i = 0; i < size; i++) out[i] = (i * 31 + seed * 7 + (i >> 9)) & 0xff;
  return out;
}

test('one writer: writeAsice writes plannable files as planned (STORED manifest, the planned length), streams entry by entry', async () => {
  const path = join(work, `writer-${fileCounter++}.pdf`);
  writeFileSync(path, pattern(70_000, 3));
  const written = async (files: AsiceFileInput[]) => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk));
    const result = await writeAsice({ files, signer }, out);
    return { bytes: Buffer.concat(chunks), result };
  };
  const manifestMethod = async (bytes: Buffer) => {
    const archive = ZipArchive.fromBytes(bytes);
    const manifest = archive.entriesSync().find((e) => e.name === 'META-INF/ASiCManifest.xml')!;
    return manifest.compressionMethod;
  };
  const plannable: AsiceFileInput[] = [
    { name: 'melding.json', data: Buffer.from('{"a":1}') },
    { name: 'bilag.pdf', data: path },
  ];
  const plan = (await planAsice({ files: plannable, signer }))!;
  const { bytes, result } = await written(plannable);
  assert.is(bytes.length, plan.length);
  assert.is(await manifestMethod(bytes), 0);
  assert.equal(
    result.files.map((f) => [f.name, f.size, f.sha256]),
    [
      ['melding.json', 7, createHash('sha256').update('{"a":1}').digest('hex')],
      ['bilag.pdf', 70_000, createHash('sha256').update(pattern(70_000, 3)).digest('hex')],
    ],
  );
  assert.is((await readAsice(bytes, { trusted: [signer.certificate] })).checks.digestsVerified, 2);
  // A stream cannot be planned: entry by entry, with the manifest deflated.
  const streamed = await written([{ name: 'strøm.txt', data: Readable.from([Buffer.from('hei')]) }]);
  assert.is(await manifestMethod(streamed.bytes), 8);
  assert.is((await readAsice(streamed.bytes)).files[0]!.data!.toString(), 'hei');
});

test('the planned length is the length produced, and the container verifies: files from disk and memory, any compression', async () => {
  const names = ['bilag.pdf', 'faktura.json', 'vedlegg.bin', 'notat.txt', 'skanning.png'];
  await fc.assert(
    fc.asyncProperty(
      fc.uniqueArray(
        fc.record({
          name: fc.constantFrom(...names),
          size: fc.oneof(
            fc.constantFrom(0, 1, 15, 16, 17, 1024 * 1024 - 1, 1024 * 1024 + 1),
            fc.nat(300_000),
          ),
          onDisk: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4, selector: (f) => f.name },
      ),
      fc.constantFrom<AsiceCompression>('auto', 'store', 'deflate'),
      async (specs, compression) => {
        const contents = specs.map((spec, index) => pattern(spec.size, index));
        const files: AsiceFileInput[] = specs.map((spec, index) => {
          if (!spec.onDisk) return { name: spec.name, data: contents[index]! };
          const path = join(work, `f${fileCounter++}`);
          writeFileSync(path, contents[index]!);
          return { name: spec.name, data: path };
        });
        const plan = await planAsice({ files, signer, compression });
        const deflatesFromDisk = files.some(
          (file) =>
            typeof file.data === 'string' &&
            (compression === 'deflate' ||
              (compression === 'auto' && isCompressibleMediaType(mediaTypeForFileName(file.name)))),
        );
        if (deflatesFromDisk) {
          assert.is(plan, undefined);
          return;
        }
        assert.ok(plan !== undefined);
        const container = await bytesOf(plan);
        assert.is(container.length, plan.length);

        const archive = await ZipArchive.open(container);
        const entries = await archive.entries();
        archive.close();
        assert.is(entries[0]!.name, 'mimetype');
        assert.is(entries[0]!.compressionMethod, 0);
        for (const entry of entries) assert.is(entry.flags & 0x08, 0, `${entry.name} has a data descriptor`);
        const manifestEntry = entries.find((e) => e.name === 'META-INF/ASiCManifest.xml');
        assert.is(manifestEntry?.compressionMethod, 0);

        const opened = await readAsice(container, { trusted: [signer.certificate] });
        assert.is(opened.signature.status, 'verified');
        assert.equal(
          opened.files.map((f) => f.name),
          specs.map((s) => s.name),
        );
        for (const [index, file] of opened.files.entries())
          assert.ok(file.data!.equals(contents[index]!), file.name);
      },
    ),
    { numRuns: 25 },
  );
});

// The second size is digested on a worker thread while the bytes are yielded.
const FILE_SIZES = [3 * 1024 * 1024 + 5, WORKER_DIGEST_BYTES + 5];

test('a file that changed between the passes (content, growth, truncation) is INPUT_CHANGED', async () => {
  for (const size of FILE_SIZES) {
    const cases: Array<[string, (path: string) => void]> = [
      ['same size, other content', (path) => writeFileSync(path, pattern(size, 99))],
      ['grown', (path) => writeFileSync(path, Buffer.concat([pattern(size, 1), Buffer.from('x')]))],
      ['truncated', (path) => writeFileSync(path, pattern(size - 1, 1))],
    ];
    for (const [label, change] of cases) {
      const path = join(work, `changed-${fileCounter++}`);
      writeFileSync(path, pattern(size, 1));
      const plan = await planAsice({ files: [{ name: 'bilag.pdf', data: path }], signer });
      assert.ok(plan !== undefined);
      change(path);
      assert.is(await codeOf(bytesOf(plan)), 'INPUT_CHANGED', `${label}, ${size} bytes`);
    }
  }
});

test('a file digested on the worker thread gets the right digest, also when the reader stops early', async () => {
  const content = pattern(FILE_SIZES[1]!, 3);
  const path = join(work, `large-${fileCounter++}`);
  writeFileSync(path, content);
  const plan = await planAsice({ files: [{ name: 'bilag.pdf', data: path }], signer });
  assert.ok(plan !== undefined);
  const read = await readAsice(await bytesOf(plan), { trusted: [signer.certificate] });
  assert.is(read.files[0]!.sha256, createHash('sha256').update(content).digest('hex'));
  assert.ok(read.files[0]!.data!.equals(content));
  // Abandoning the stream half-way stops that worker in the middle of the file; the next large
  // file still gets its digests right.
  let seen = 0;
  for await (const chunk of plan.chunks()) {
    seen += chunk.length;
    if (seen > content.length / 2) break;
  }
  const next = await readAsice(await bytesOf(plan), { trusted: [signer.certificate] });
  assert.is(next.files[0]!.sha256, createHash('sha256').update(content).digest('hex'));
});

test('streams cannot be planned; a missing file is INPUT_UNREADABLE; bad names fail before reading', async () => {
  assert.is(
    await planAsice({ files: [{ name: 'a.pdf', data: Readable.from([Buffer.from('x')]) }], signer }),
    undefined,
  );
  assert.is(
    await codeOf(planAsice({ files: [{ name: 'a.pdf', data: join(work, 'no-such-file') }], signer })),
    'INPUT_UNREADABLE',
  );
  assert.is(await codeOf(planAsice({ files: [], signer })), 'ASICE_MALFORMED');
  assert.is(
    await codeOf(
      planAsice({
        files: [
          { name: 'a.pdf', data: Buffer.from('1') },
          { name: 'A.pdf', data: Buffer.from('2') },
        ],
        signer,
      }),
    ),
    'DUPLICATE_ENTRY',
  );
});

test.after(() => rmSync(work, { recursive: true, force: true }));

test.run();
