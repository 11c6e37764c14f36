import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Readable } from 'node:stream';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readAsice } from '../../src/asice/asice-reader.js';
import { writeAsice } from '../../src/asice/asice-writer.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { openPayload } from '../../src/payload/open.js';
import { sealPayloadToBuffer } from '../../src/payload/seal.js';

const privateTmp = mkdtempSync(join(tmpdir(), 'hostile-input-test-'));
process.env.TMPDIR = privateTmp;

const sender = await generateDevCertificate({ commonName: 'Avsender' });
const receiver = await generateDevCertificate({ commonName: 'Mottaker' });
const files = [
  { name: 'melding.json', data: Buffer.from(JSON.stringify({ tekst: 'hei '.repeat(200) })) },
  { name: 'vedlegg.bin', data: Buffer.from(Array.from({ length: 1500 }, (_, i) => (i * 7) & 0xff)) },
];
const envelope = await sealPayloadToBuffer({ files, signer: sender, recipient: receiver.certificate });
const zipChunks: Buffer[] = [];
const sink = new PassThrough();
sink.on('data', (c: Buffer) => zipChunks.push(c));
await writeAsice({ files, signer: sender }, sink);
const container = Buffer.concat(zipChunks);

/** Bit flips, truncations, insertions, duplicated ranges, swapped bytes and plain garbage. */
function mutated(base: Buffer): fc.Arbitrary<Buffer> {
  const index = fc.nat(base.length - 1);
  return fc.oneof(
    fc.tuple(index, fc.integer({ min: 0, max: 7 })).map(([at, bit]) => {
      const copy = Buffer.from(base);
      copy[at]! ^= 1 << bit;
      return copy;
    }),
    index.map((length) => base.subarray(0, length)),
    fc
      .tuple(index, fc.uint8Array({ minLength: 1, maxLength: 64 }))
      .map(([at, bytes]) => Buffer.concat([base.subarray(0, at), bytes, base.subarray(at)])),
    fc
      .tuple(index, fc.integer({ min: 1, max: 256 }), index)
      .map(([from, length, at]) =>
        Buffer.concat([base.subarray(0, at), base.subarray(from, from + length), base.subarray(at)]),
      ),
    fc.tuple(index, index).map(([i, j]) => {
      const copy = Buffer.from(base);
      [copy[i], copy[j]] = [copy[j]!, copy[i]!];
      return copy;
    }),
    fc.uint8Array({ maxLength: 4096 }).map((bytes) => Buffer.from(bytes)),
    fc.tuple(index, fc.uint8Array({ minLength: 1, maxLength: 32 })).map(([at, bytes]) => {
      const copy = Buffer.from(base);
      copy.set(bytes.subarray(0, copy.length - at), at);
      return copy;
    }),
  );
}

const unexpected: string[] = [];
const outcomes = new Map<string, number>();

async function judge(run: () => Promise<unknown>): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const hang = new Promise<'hang'>((resolve) => {
    timer = setTimeout(() => resolve('hang'), 10_000);
  });
  try {
    const result = await Promise.race([run().then(() => 'OK'), hang]);
    if (result === 'hang') unexpected.push('an input made reading hang');
    outcomes.set(result, (outcomes.get(result) ?? 0) + 1);
  } catch (error) {
    if (isFiksError(error) && /^[A-Z][A-Z0-9_]+$/.test(error.code))
      outcomes.set(error.code, (outcomes.get(error.code) ?? 0) + 1);
    else unexpected.push(String((error as Error)?.stack ?? error));
  } finally {
    clearTimeout(timer);
  }
}

test('4 500 mutated envelopes: success or a coded FiksError, never another exception or a hang', async () => {
  await fc.assert(
    fc.asyncProperty(mutated(envelope), fc.integer({ min: 0, max: 9 }), async (input, route) => {
      // One in ten goes through the streaming path (taken apart as it decrypts), the rest through memory.
      await judge(() =>
        openPayload(route === 0 ? Readable.from([input]) : input, {
          privateKeys: [receiver.privateKey],
          trusted: [sender.certificate],
        }),
      );
    }),
    { seed: 20240601, numRuns: 4500 },
  );
  assert.equal(unexpected.slice(0, 3), []);
});

test('6 000 mutated containers given to the reader directly: success or a coded FiksError', async () => {
  await fc.assert(
    fc.asyncProperty(mutated(container), async (input) => {
      await judge(() => readAsice(input, { trusted: [sender.certificate] }));
    }),
    { seed: 20240602, numRuns: 6000 },
  );
  assert.equal(unexpected.slice(0, 3), []);
  console.log(`outcomes: ${JSON.stringify(Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])))}`);
});

test('no temporary file is left behind', () => {
  assert.equal(
    readdirSync(privateTmp).filter((name) => !name.startsWith('tsx-')),
    [],
  );
});

test.after(() => rmSync(privateTmp, { recursive: true, force: true }));
test.run();
