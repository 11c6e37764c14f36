import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  BerDecodeError,
  childrenOf,
  contentOf,
  oidOf,
  readHeader,
  readSingleTlv,
  readTlv,
} from '../../src/crypto/ber-reader.js';
import {
  derHeader,
  derOctetString,
  derOid,
  derSequence,
  derSetOf,
  derSmallInteger,
} from '../../src/crypto/der-writer.js';

test('OIDs: DER encoding and decoding round trip (property) and known encodings', () => {
  assert.is(derOid('1.2.840.113549.1.7.3').toString('hex'), '06092a864886f70d010703');
  assert.is(derOid('2.16.840.1.101.3.4.1.42').toString('hex'), '060960864801650304012a');
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 2 }),
      fc.integer({ min: 0, max: 39 }),
      fc.array(fc.nat(2 ** 40), { maxLength: 8 }),
      (a, b, rest) => {
        const dotted = [a, b, ...rest].join('.');
        return oidOf(readSingleTlv(derOid(dotted))) === dotted;
      },
    ),
  );
});

test('lengths: short and long forms round trip (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 2 ** 40 }), (length) => {
      const header = readHeader(Buffer.concat([derHeader(0x04, length), Buffer.alloc(1)]), 0);
      return (
        header.length === length &&
        header.tag === 0x04 &&
        header.headerLength === derHeader(0x04, length).length
      );
    }),
  );
});

test('indefinite lengths and constructed strings', () => {
  const ber = Buffer.from('3080' + '2480' + '040161' + '04026263' + '0000' + '020105' + '0000', 'hex');
  const node = readSingleTlv(ber);
  assert.ok(node.indefinite);
  const [string, integer] = childrenOf(node);
  assert.is(contentOf(string!).toString(), 'abc');
  assert.is(integer!.tag, 0x02);
  assert.is(node.end, ber.length);
});

test('DER writer: SET OF is sorted, INTEGER is minimal and positive', () => {
  const set = derSetOf(derOctetString(Buffer.from('b')), derOctetString(Buffer.from('a')));
  assert.is(set.toString('hex'), '3106' + '040161' + '040162');
  assert.is(derSmallInteger(0).toString('hex'), '020100');
  assert.is(derSmallInteger(128).toString('hex'), '02020080');
  assert.is(derSequence().toString('hex'), '3000');
});

test('truncation reports how many bytes are needed', () => {
  const value = derSequence(derOctetString(randomBytes(300)));
  for (const cut of [0, 1, 3, 10, value.length - 1]) {
    try {
      readTlv(value.subarray(0, cut), 0);
      assert.unreachable('should fail');
    } catch (error) {
      assert.instance(error, BerDecodeError);
      assert.ok(
        (error as BerDecodeError).needed !== undefined && (error as BerDecodeError).needed! > cut,
        `cut ${cut}`,
      );
    }
  }
});

test('property: arbitrary bytes decode or fail with BerDecodeError, never anything else', () => {
  fc.assert(
    fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
      try {
        const node = readSingleTlv(Buffer.from(bytes));
        if (node.constructed) childrenOf(node);
        return true;
      } catch (error) {
        return error instanceof BerDecodeError;
      }
    }),
    { numRuns: 2000 },
  );
  // Deep nesting is refused rather than overflowing the stack.
  const deep = Buffer.from('3080'.repeat(10000), 'hex');
  try {
    readTlv(deep, 0);
    assert.unreachable('should fail');
  } catch (error) {
    assert.instance(error, BerDecodeError);
  }
});

test.run();
