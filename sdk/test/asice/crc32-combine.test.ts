import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { crc32Combine } from '../../src/asice/crc32-combine.js';

test('property: combining the CRC-32s of two parts gives the CRC-32 of the whole', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 2000 }), fc.uint8Array({ maxLength: 2000 }), (a, b) => {
      assert.is(crc32Combine(crc32(a), crc32(b), b.length), crc32(Buffer.concat([a, b])));
    }),
    { numRuns: 500 },
  );
});

test('a long run of zeros, as a file tail of tens of megabytes', () => {
  const head = Buffer.from('%PDF-1.7 faktura');
  const zeros = Buffer.alloc(40 * 1024 * 1024 + 3);
  assert.is(crc32Combine(crc32(head), crc32(zeros), zeros.length), crc32(zeros, crc32(head)));
});

test('property: lengths past 4 GiB combine consistently (grouping does not matter)', () => {
  const crc = fc.integer({ min: 0, max: 0xffffffff });
  const length = fc.integer({ min: 0, max: 2 ** 45 });
  fc.assert(
    fc.property(crc, crc, crc, length, length, (x, y, z, lengthY, lengthZ) => {
      assert.is(
        crc32Combine(crc32Combine(x, y, lengthY), z, lengthZ),
        crc32Combine(x, crc32Combine(y, z, lengthZ), lengthY + lengthZ),
      );
    }),
    { numRuns: 300 },
  );
});

test.run();
