import { isFiksError } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { multipartBoundary, type PartHeaders, streamMultipart } from '../../src/emulator/multipart-reader.js';

const test = suite('multipart reader');
const BOUNDARY = 'XyZ-boundary-42';

function encode(parts: { name: string; data: Uint8Array }[]): Buffer {
  const pieces: Buffer[] = [];
  for (const part of parts)
    pieces.push(
      Buffer.from(
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${part.name}"; filename="f"\r\nContent-Type: application/octet-stream\r\n\r\n`,
      ),
      Buffer.from(part.data),
      Buffer.from('\r\n'),
    );
  pieces.push(Buffer.from(`--${BOUNDARY}--\r\n`));
  return Buffer.concat(pieces);
}

/** Streams a body and collects each part whole, as the test's sinks see it. */
async function readParts(
  body: AsyncIterable<Uint8Array>,
  options: { maxBytes: number },
): Promise<(PartHeaders & { data: Buffer })[]> {
  const parts: (PartHeaders & { data: Buffer })[] = [];
  await streamMultipart(body, BOUNDARY, {
    maxBytes: options.maxBytes,
    onPart: (headers) => {
      const chunks: Buffer[] = [];
      return {
        write: (chunk) => {
          chunks.push(Buffer.from(chunk));
        },
        end: () => {
          parts.push({ ...headers, data: Buffer.concat(chunks) });
        },
      };
    },
  });
  return parts;
}

async function* chunked(data: Buffer, cuts: number[]): AsyncGenerator<Buffer> {
  let at = 0;
  for (const cut of cuts) {
    const end = Math.min(data.length, at + cut);
    yield data.subarray(at, end);
    at = end;
  }
  if (at < data.length) yield data.subarray(at);
}

// Bytes that look like the delimiter without being it (a real body never contains the delimiter)
// stress the look-ahead.
const tricky = fc.constantFrom(
  '\r\n--',
  `\r\n--${BOUNDARY.slice(0, 5)}`,
  '\r\n\r\n',
  '--',
  `--${BOUNDARY.slice(0, -1)}`,
);
const content = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 40 }),
      tricky.map((s) => Buffer.from(s)),
    ),
    { maxLength: 8 },
  )
  .map((pieces) => Buffer.concat(pieces))
  // The pieces may join into the delimiter itself; a sender would have chosen another boundary.
  // The CRLF in front stands for the end of the part's headers.
  .filter((data) => !Buffer.concat([Buffer.from('\r\n'), data]).includes(`\r\n--${BOUNDARY}`));

test('any parts, cut into any chunks, read back byte for byte', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(fc.record({ name: fc.constantFrom('metadata', 'data', 'x'), data: content }), {
        minLength: 1,
        maxLength: 4,
      }),
      fc.array(fc.integer({ min: 1, max: 50 }), { maxLength: 30 }),
      async (parts, cuts) => {
        const read = await readParts(chunked(encode(parts), cuts), { maxBytes: 1e6 });
        assert.equal(
          read.map((p) => ({ name: p.name, data: Buffer.from(p.data) })),
          parts.map((p) => ({ name: p.name, data: Buffer.from(p.data) })),
        );
        assert.ok(read.every((p) => p.filename === 'f' && p.contentType === 'application/octet-stream'));
      },
    ),
    { numRuns: 300 },
  );
});

test('a body cut off before the closing boundary is MULTIPART_INVALID', async () => {
  const body = encode([{ name: 'data', data: Buffer.from('abc') }]);
  for (const length of [0, 10, body.length - 10]) {
    const error = await readParts(chunked(body.subarray(0, length), []), {
      maxBytes: 1e6,
    }).catch((e) => e);
    assert.ok(isFiksError<string>(error, 'MULTIPART_INVALID'), `cut at ${length}: ${String(error)}`);
  }
});

test('bodies above maxBytes are PAYLOAD_TOO_LARGE; the boundary comes from the content type', async () => {
  const body = encode([{ name: 'data', data: Buffer.alloc(2000) }]);
  const error = await readParts(chunked(body, [500, 500, 500]), { maxBytes: 1000 }).catch((e) => e);
  assert.ok(isFiksError(error, 'PAYLOAD_TOO_LARGE'));
  assert.is(multipartBoundary(`multipart/form-data; boundary="${BOUNDARY}"`), BOUNDARY);
  assert.is(multipartBoundary(`multipart/form-data; charset=utf-8; boundary=${BOUNDARY}`), BOUNDARY);
  assert.throws(
    () => multipartBoundary('application/json'),
    (e: unknown) => isFiksError<string>(e, 'MULTIPART_REQUIRED'),
  );
});

test.run();
