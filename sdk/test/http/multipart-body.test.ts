import { Readable } from 'node:stream';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { createMultipartBody } from '../../src/http/multipart-body.js';
import { parseMultipart } from './fake-api.js';

async function collect(stream: ReadableStream<Uint8Array>): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
}

test('a stream part is not read before the body is consumed, and is read chunk by chunk', async () => {
  let reads = 0;
  const source = new Readable({
    read() {
      reads++;
      this.push(reads <= 3 ? Buffer.alloc(1000, reads) : null);
    },
  });
  const body = createMultipartBody([
    { name: 'data', contentType: 'application/octet-stream', filename: 'f', content: source },
  ]);
  await new Promise((r) => setTimeout(r, 10));
  assert.is(reads, 0);
  assert.is(body.contentLength, undefined);
  const bytes = await collect(body.stream);
  const [part] = parseMultipart(body.contentType, bytes);
  assert.is(part!.body.length, 3000);
  assert.is(part!.body[2500], 3);
});

test('property: any parts round-trip through a strict parser; contentLength is exact when known', async () => {
  await fc.assert(
    fc.asyncProperty(
      fc.array(
        fc.record({
          name: fc.stringMatching(/^[a-z]{1,8}$/),
          filename: fc.option(fc.uuid(), { nil: undefined }),
          bytes: fc.uint8Array({ maxLength: 300 }),
          asStream: fc.boolean(),
        }),
        { minLength: 1, maxLength: 4 },
      ),
      async (specs) => {
        const body = createMultipartBody(
          specs.map((s) => ({
            name: s.name,
            contentType: 'application/octet-stream',
            ...(s.filename === undefined ? {} : { filename: s.filename }),
            content: s.asStream ? Readable.from([Buffer.from(s.bytes)]) : s.bytes,
            ...(s.asStream ? { length: s.bytes.length } : {}),
          })),
        );
        const bytes = await collect(body.stream);
        assert.is(body.contentLength, bytes.length);
        const parsed = parseMultipart(body.contentType, bytes);
        assert.is(parsed.length, specs.length);
        specs.forEach((s, i) => {
          assert.is(parsed[i]!.name, s.name);
          assert.is(parsed[i]!.filename, s.filename);
          assert.equal([...parsed[i]!.body], [...s.bytes]);
        });
      },
    ),
    { numRuns: 100 },
  );
});

test('quotes and line breaks in names cannot break the part header', async () => {
  const body = createMultipartBody([{ name: 'a"\r\nX: y', contentType: 'text/plain', content: 'v' }]);
  const [part] = parseMultipart(body.contentType, await collect(body.stream));
  assert.is(Object.keys(part!.headers).length, 2);
  assert.is(part!.body.toString(), 'v');
});

test.run();
