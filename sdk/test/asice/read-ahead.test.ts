import type { FileHandle } from 'node:fs/promises';
import { setImmediate as nextTurn } from 'node:timers/promises';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readAhead } from '../../src/asice/read-ahead.js';

/**
 * A file handle over `content` whose reads return at most `maxRead` bytes and finish after a
 * varying number of turns, so reads complete out of order and partial reads must be continued.
 */
function fakeHandle(content: Buffer, maxRead: number, failAt?: number): FileHandle {
  let calls = 0;
  const handle = {
    async read(buffer: Buffer, offset: number, length: number, position: number) {
      const turns = calls++ % 3;
      for (let i = 0; i < turns; i++) await nextTurn();
      if (failAt !== undefined && position + length > failAt) throw new Error('the disk went away');
      const n = Math.max(0, Math.min(length, maxRead, content.length - position));
      content.copy(buffer, offset, position, position + n);
      return { bytesRead: n, buffer };
    },
  };
  return handle as unknown as FileHandle;
}

test('any file, chunk size, depth and length: the bytes in order, and no read lands in a held chunk', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.uint8Array({ maxLength: 300 }),
      fc.integer({ min: 1, max: 40 }),
      fc.integer({ min: 1, max: 4 }),
      fc.integer({ min: 1, max: 50 }),
      fc.option(fc.integer({ min: 0, max: 400 }), { nil: undefined }),
      async (bytes, chunkBytes, depth, maxRead, wanted) => {
        const content = Buffer.from(bytes);
        const ring = Array.from({ length: depth + 1 }, () => Buffer.alloc(chunkBytes));
        const chunks: Buffer[] = [];
        for await (const chunk of readAhead(fakeHandle(content, maxRead), {
          length: wanted ?? Number.POSITIVE_INFINITY,
          chunkBytes,
          depth,
          buffer: (index) => ring[index % ring.length]!,
        })) {
          const copy = Buffer.from(chunk);
          // Reads in flight get every chance to finish while the chunk is held.
          for (let i = 0; i < 4; i++) await nextTurn();
          assert.equal(chunk, copy, 'a read overwrote the chunk being used');
          chunks.push(copy);
        }
        const expected = content.subarray(0, Math.min(content.length, wanted ?? content.length));
        assert.equal(Buffer.concat(chunks), expected);
        assert.ok(
          chunks.slice(0, -1).every((chunk) => chunk.length === chunkBytes),
          'only the last chunk is short',
        );
        assert.ok(
          chunks.every((chunk) => chunk.length > 0),
          'no empty chunks',
        );
      },
    ),
    { numRuns: 400 },
  );
});

test('a failing read is thrown where its chunk is due, after the chunks before it', async () => {
  const content = Buffer.alloc(100, 7);
  const ring = Array.from({ length: 4 }, () => Buffer.alloc(10));
  const received: number[] = [];
  const error = await (async () => {
    for await (const chunk of readAhead(fakeHandle(content, 10, 55), {
      length: Number.POSITIVE_INFINITY,
      chunkBytes: 10,
      depth: 3,
      buffer: (index) => ring[index % ring.length]!,
    }))
      received.push(chunk.length);
  })().catch((e: unknown) => e);
  assert.instance(error, Error);
  assert.is((error as Error).message, 'the disk went away');
  assert.equal(received, [10, 10, 10, 10, 10]);
});

test.run();
