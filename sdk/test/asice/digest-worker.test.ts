import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  acquireDigestWorker,
  type DigestWorker,
  releaseDigestWorker,
} from '../../src/asice/digest-worker.js';

const CHUNK = 1024;
const RING = 3;

/** Feeds `content` through `worker` chunk by chunk, as a reader would; returns the digests. */
async function digestThrough(worker: DigestWorker, content: Buffer) {
  for (let index = 0; index * CHUNK < content.length; index++) {
    const chunk = content.subarray(index * CHUNK, (index + 1) * CHUNK);
    chunk.copy(await worker.buffer(index));
    worker.submit(index, chunk.length);
  }
  return worker.finish();
}

function expected(content: Buffer) {
  return { sha256: createHash('sha256').update(content).digest(), crc: crc32(content) };
}

test('one worker digests file after file correctly, and a released one is used again', async () => {
  const worker = acquireDigestWorker(CHUNK, RING);
  await fc.assert(
    fc.asyncProperty(fc.uint8Array({ maxLength: 12 * CHUNK }), async (bytes) => {
      const content = Buffer.from(bytes);
      assert.equal(await digestThrough(worker, content), expected(content));
    }),
    { numRuns: 40 },
  );
  releaseDigestWorker(worker);
  const again = acquireDigestWorker(CHUNK, RING);
  assert.ok(again === worker, 'the idle worker was not used again');
  const content = randomBytes(5 * CHUNK + 7);
  assert.equal(await digestThrough(again, content), expected(content));
  releaseDigestWorker(again);
});

test('files digested at the same time get workers of their own', async () => {
  const contents = [randomBytes(9 * CHUNK), randomBytes(7 * CHUNK + 3), randomBytes(CHUNK)];
  const workers = contents.map(() => acquireDigestWorker(CHUNK, RING));
  assert.is(new Set(workers).size, workers.length);
  const results = await Promise.all(contents.map((content, i) => digestThrough(workers[i]!, content)));
  for (const [i, content] of contents.entries()) assert.equal(results[i], expected(content));
  for (const worker of workers) releaseDigestWorker(worker);
});

test('a worker stopped in the middle of a file is not used again; waits on it fail with OUTPUT_FAILED', async () => {
  const worker = acquireDigestWorker(CHUNK, RING);
  (await worker.buffer(0)).fill(1);
  worker.submit(0, CHUNK);
  worker.terminate();
  let code: string | undefined;
  try {
    for (let index = 1; index < 10; index++) {
      await worker.buffer(index);
      worker.submit(index, CHUNK);
    }
    await worker.finish();
  } catch (error) {
    code = (error as { code?: string }).code;
  }
  assert.is(code, 'OUTPUT_FAILED');
  releaseDigestWorker(worker);
  const next = acquireDigestWorker(CHUNK, RING);
  assert.ok(next !== worker);
  const content = randomBytes(4 * CHUNK);
  assert.equal(await digestThrough(next, content), expected(content));
  releaseDigestWorker(next);
});

test('between files, a worker checksums the tail of an open file; a bad read is an error, not a stop', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'digest-worker-test-'));
  const worker = acquireDigestWorker(CHUNK, RING);
  try {
    const content = randomBytes(10 * CHUNK + 123);
    const path = join(dir, 'bilag.pdf');
    writeFileSync(path, content);
    const handle = await open(path, 'r');
    try {
      for (const start of [0, 1, CHUNK, 3 * CHUNK + 5, content.length, content.length + 10])
        assert.equal(await worker.crcFrom(handle.fd, start), {
          crc: crc32(content.subarray(start)),
          bytes: Math.max(0, content.length - start),
        });
    } finally {
      await handle.close();
    }
    let message = '';
    await worker.crcFrom(1_000_000, 0).catch((error: Error) => {
      message = error.message;
    });
    assert.match(message, /EBADF|bad file descriptor/i);
    // Still good for a file's digests afterwards.
    assert.equal(await digestThrough(worker, content), expected(content));
  } finally {
    releaseDigestWorker(worker);
    rmSync(dir, { recursive: true, force: true });
  }
});

test('idle workers do not keep the process alive', () => {
  const script = `
    const { acquireDigestWorker, releaseDigestWorker } = await import(${JSON.stringify(
      new URL('../../src/asice/digest-worker.ts', import.meta.url).href,
    )});
    releaseDigestWorker(acquireDigestWorker(1024, 3));
    releaseDigestWorker(acquireDigestWorker(4096, 3));
  `;
  const child = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    encoding: 'utf8',
    timeout: 20_000,
  });
  assert.is(child.signal, null, 'the process did not end by itself');
  assert.is(child.status, 0, child.stderr);
});

test.run();
