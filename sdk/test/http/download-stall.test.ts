import type { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Secret } from '../../src/config/secret.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoHttpClient } from '../../src/http/fiks-io-http-client.js';

const ID = '66666666-6666-4666-8666-666666666666';

/** A client whose Dokumentlager answers with `body`, and gives up after `timeoutMs` without data. */
function clientAnswering(body: ReadableStream<Uint8Array>, timeoutMs: number) {
  return new FiksIoHttpClient({
    apiUrl: 'https://api.fiks.test.ks.no',
    kontoId: '11111111-1111-4111-8111-111111111111',
    credentials: new FiksIoCredentials({
      integrasjonId: 'integrasjon-1',
      integrasjonPassord: new Secret('passord-1'),
      tokenProvider: { getAccessToken: async () => 'token-1' },
    }),
    fetch: (async () => new Response(body, { status: 200 })) as typeof fetch,
    retry: { maxRetries: 0 },
    timeoutMs,
  });
}

async function drain(stream: Readable, pauseMs = 0): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) {
    bytes += (chunk as Buffer).length;
    if (pauseMs > 0) await new Promise((r) => setTimeout(r, pauseMs));
  }
  return bytes;
}

test('a download that stops sending mid-body fails as HTTP_NETWORK_ERROR after timeoutMs and is cancelled', async () => {
  let cancelled = false;
  const stalling = new ReadableStream<Uint8Array>({
    start: (controller) => controller.enqueue(new Uint8Array(1000)),
    cancel: () => {
      cancelled = true;
    },
  });
  const started = Date.now();
  const error = await drain(clientAnswering(stalling, 100).downloadDokumentlager(ID)).catch(
    (e: unknown) => e,
  );
  assert.ok(isFiksError(error, 'HTTP_NETWORK_ERROR'), String(error));
  assert.match(String((error as Error).message), /broke off after 1000 bytes/);
  assert.match(String((error as Error).message), /100 ms \(timeoutMs\)/);
  assert.ok(Date.now() - started < 2000, 'failed soon after the timeout');
  assert.ok(cancelled, 'the stalled body was cancelled');
});

test("a slow reader is not a stalled download: the consumer's own time does not count", async () => {
  let sent = 0;
  // Each chunk comes 20 ms after it is asked for; the reader then takes 120 ms over it.
  const prompt = new ReadableStream<Uint8Array>(
    {
      pull: async (controller) => {
        await new Promise((r) => setTimeout(r, 20));
        if (sent === 5) controller.close();
        else {
          sent += 1;
          controller.enqueue(new Uint8Array(64 * 1024));
        }
      },
    },
    { highWaterMark: 0 },
  );
  assert.is(await drain(clientAnswering(prompt, 50).downloadDokumentlager(ID), 120), 5 * 64 * 1024);
});

test.run();
