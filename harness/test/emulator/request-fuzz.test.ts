// Fuzzed request targets and headers against a running emulator: every answer is an HTTP status
// below 500 or a clean close, and the emulator keeps serving.
import fc from 'fast-check';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { rawRequest } from './raw-http.js';

const test = suite<{ emulator: FiksIoEmulator }>('Fiks IO emulator: fuzzed requests');

test.before(async (context) => {
  context.emulator = await startFiksIoEmulator({ accounts: { accounts: [{ navn: 'Kommune A' }] } });
});

test.after(async ({ emulator }) => {
  await emulator.close();
});

const PREFIXES = [
  '/',
  '//',
  '/token',
  '/fiks-io/api/v1/send',
  '/fiks-io/katalog/api/v1/kontoer/',
  '/fiks-io/konto/api/v1/kontoer/',
  '/dokumentlager/nedlasting/',
  '/emulator/kontoer/',
  '/emulator/meldinger/',
  '/emulator/timeline?meldingId=',
  '/innsyn/api/v1/faktura',
  '/fiks-io/bridge?kontoId=',
  'http://x',
  '*',
];
const pathChar = fc.constantFrom(...'/%?#:@[]*.~aZ09-_ \t'.split(''), '%E0', '%A4%A', '%2F', '%00', 'é');
const target = fc
  .tuple(fc.constantFrom(...PREFIXES), fc.array(pathChar, { maxLength: 30 }))
  .map(([prefix, chars]) => `${prefix}${chars.join('')}`.replace(/[ \t]/g, '%20'));
const headerValue = fc.string({ maxLength: 40 }).map((v) => v.replace(/[\r\n\u0000]/g, ''));
const headers = fc.array(
  fc.tuple(
    fc.constantFrom(
      'Authorization',
      'IntegrasjonId',
      'IntegrasjonPassord',
      'Content-Type',
      'Idempotency-Key',
      'Upgrade',
      'Connection',
      'Expect',
    ),
    headerValue,
  ),
  { maxLength: 4 },
);

test('fuzzed targets, methods and headers: below 500 or closed; the emulator stays up', async ({
  emulator,
}) => {
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS'),
      target,
      headers,
      fc.string({ maxLength: 60 }),
      async (method, path, extra, body) => {
        const head = extra.map(([name, value]) => `${name}: ${value}\r\n`).join('');
        const payload = Buffer.from(body);
        const request = `${method} ${path} HTTP/1.1\r\nHost: emulator\r\n${head}Content-Length: ${payload.length}\r\n\r\n`;
        const answer = await rawRequest(
          emulator.url,
          Buffer.concat([Buffer.from(request, 'latin1'), payload]),
        );
        if (answer !== 'closed')
          assert.ok(
            answer.status < 500,
            `${JSON.stringify(request)} answered ${answer.status}: ${answer.body}`,
          );
      },
    ),
    { numRuns: 300 },
  );
  assert.is((await fetch(`${emulator.url}/emulator/timeline`)).status, 200);
});

test.run();
