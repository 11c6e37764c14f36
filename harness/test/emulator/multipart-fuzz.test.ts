// Fuzzed multipart send requests from an authenticated integration against a running emulator:
// every answer is an HTTP status below 500 or a clean close, the emulator keeps serving, and no
// payload file is left behind (accepted small payloads go into the message, refused ones go).
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { waitFor } from './emulator-scenarios.js';
import { rawRequest } from './raw-http.js';
import { closeSendScene, type SendScene, startSendScene } from './send-scene.js';

const test = suite<SendScene>('Fiks IO emulator: fuzzed multipart sends');

test.before(async (context) => {
  Object.assign(
    context,
    await startSendScene('emulator-multipart-fuzz-', {
      maxRequestBytes: 128 * 1024,
    }),
  );
});

test.after((context) => closeSendScene(context));

const boundaryText = fc.oneof(
  fc.constant('fuzz-boundary'),
  fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[\r\n]/g, '')),
);
/** Bytes that look like delimiters, header ends and the metadata without being them. */
const tricky = (boundary: string) =>
  fc.constantFrom(
    '\r\n',
    '\r\n\r\n',
    '--',
    `--${boundary}`,
    `\r\n--${boundary}`,
    `\r\n--${boundary}--`,
    '{',
    '"',
  );
const content = (boundary: string, metadata: string) =>
  fc
    .array(
      fc.oneof(
        fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b).toString('latin1')),
        tricky(boundary),
      ),
      {
        maxLength: 6,
      },
    )
    .map((pieces) => pieces.join(''))
    .chain((noise) => fc.constantFrom(metadata, noise, `${metadata}${noise}`, metadata.slice(0, 20)));
const partHeaders = fc.oneof(
  fc
    .constantFrom('metadata', 'data', 'annet', '')
    .map((name) => `Content-Disposition: form-data; name="${name}"`),
  fc.constantFrom(
    'Content-Disposition: attachment',
    'Content-Type: text/plain',
    '',
    'Content-Disposition: form-data',
  ),
  fc.string({ maxLength: 40 }),
);
const part = (boundary: string, metadata: string) =>
  fc
    .tuple(fc.array(partHeaders, { minLength: 1, maxLength: 3 }), content(boundary, metadata))
    .map(([headers, body]) => `--${boundary}\r\n${headers.join('\r\n')}\r\n\r\n${body}\r\n`);
const ending = (boundary: string) =>
  fc.constantFrom(`--${boundary}--\r\n`, `--${boundary}--`, `--${boundary}`, '', `--${boundary}x\r\n`);
const contentType = (boundary: string) =>
  fc.constantFrom(
    `multipart/form-data; boundary=${boundary}`,
    `multipart/form-data; boundary="${boundary}"`,
    'multipart/form-data',
    'application/json',
    `multipart/mixed; boundary=${boundary}`,
  );
const request = (metadata: string) =>
  boundaryText.chain((boundary) =>
    fc.record({
      contentType: contentType(boundary),
      body: fc
        .tuple(
          fc.array(part(boundary, metadata), { maxLength: 4 }),
          fc.constantFrom(0, 0, 4_000, 300_000),
          ending(boundary),
        )
        // A long filler lands in the last part (a delimiter needs CRLF before it) and crosses the
        // request limit while that part streams: it is refused with 413 and nothing is kept.
        .map(([parts, filler, end]) => `${parts.join('')}${'x'.repeat(filler)}${end}`),
    }),
  );

test('fuzzed multipart bodies: below 500 or closed; the emulator stays up and keeps no file', async ({
  emulator,
  dir,
  headers,
  metadata,
}) => {
  const auth = Object.entries(headers)
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  await fc.assert(
    fc.asyncProperty(request(JSON.stringify(metadata)), async ({ contentType, body }) => {
      const payload = Buffer.from(body, 'latin1');
      // Chunked, so that the size shows only as the body streams.
      const head = `POST /fiks-io/api/v1/send HTTP/1.1\r\nHost: emulator\r\n${auth}Content-Type: ${contentType.replace(/[\r\n]/g, '')}\r\nTransfer-Encoding: chunked\r\n\r\n`;
      const chunked =
        payload.length === 0
          ? Buffer.alloc(0)
          : Buffer.concat([Buffer.from(`${payload.length.toString(16)}\r\n`), payload, Buffer.from('\r\n')]);
      const answer = await rawRequest(
        emulator.url,
        Buffer.concat([Buffer.from(head, 'latin1'), chunked, Buffer.from('0\r\n\r\n')]),
      );
      if (answer !== 'closed')
        assert.ok(
          answer.status < 500,
          `${JSON.stringify(body.slice(0, 300))} answered ${answer.status}: ${answer.body}`,
        );
    }),
    { numRuns: 300 },
  );
  assert.is(
    (
      await fetch(
        `${emulator.url}/fiks-io/katalog/api/v1/kontoer/${emulator.accounts[0]!.kontoId}/offentligNokkel`,
      )
    ).status,
    200,
  );
  await waitFor(() => (emulator.payloads.usedBytes === 0 ? true : undefined), 'no payload bytes kept');
  assert.equal(await readdir(join(dir, 'data', 'payloads')), []);
});

test.run();
