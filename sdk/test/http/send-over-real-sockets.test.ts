// The sender over real sockets with its default transport (node:http with backpressure): the
// request arrives whole and the answer is read; a refused connection (nothing listens) is
// repeated, a request the server received and then dropped is not, nor one it never answers
// (given up after timeoutMs without progress, while a slow upload that keeps moving is not cut).
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Secret } from '../../src/config/secret.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoSender } from '../../src/http/fiks-io-sender.js';
import type { SendError } from '../../src/http/send-error.js';
import { parseMultipart } from './fake-api.js';

const OWN = '11111111-1111-4111-8111-111111111111';
const TO = '22222222-2222-4222-8222-222222222222';

function senderTo(apiUrl: string, timeoutMs?: number): FiksIoSender {
  return new FiksIoSender({
    ...(timeoutMs === undefined ? {} : { timeoutMs }),
    apiUrl,
    kontoId: OWN,
    credentials: new FiksIoCredentials({
      integrasjonId: '33333333-3333-4333-8333-333333333333',
      integrasjonPassord: new Secret('passord'),
      tokenProvider: { getAccessToken: async () => 'token' },
    }),
    retry: { maxRetries: 2, sleep: async () => undefined },
  });
}

function listen(server: Server): Promise<string> {
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`),
    ),
  );
}

const close = (server: Server) => new Promise((resolve) => server.close(resolve));

test('a send arrives whole with its headers, and the 202 answer is read', async () => {
  const seen: { headers: Record<string, string | string[] | undefined>; body: Buffer }[] = [];
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      seen.push({ headers: request.headers, body: Buffer.concat(chunks) });
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ meldingId: '55555555-5555-4555-8555-555555555555', ttl: 5000 }));
    });
  });
  const url = await listen(server);
  try {
    const payload = Buffer.alloc(3 * 1024 * 1024 + 7, 0x5a);
    const sent = await senderTo(url).send({ mottakerKontoId: TO, meldingType: 't', payload });
    assert.is(sent.meldingId, '55555555-5555-4555-8555-555555555555');
    assert.is(sent.attempts, 1);
    const [request] = seen;
    assert.is(request!.headers['authorization'], 'Bearer token');
    assert.is(request!.headers['content-length'], String(request!.body.length));
    const parts = parseMultipart(String(request!.headers['content-type']), request!.body);
    assert.ok(parts[1]!.body.equals(payload));
  } finally {
    await close(server);
  }
});

test('nothing listening: every attempt is refused before a byte is sent, so the send is repeated', async () => {
  const server = createServer();
  const url = await listen(server);
  await close(server);
  const error = (await senderTo(url)
    .send({ mottakerKontoId: TO, meldingType: 't', payload: new Uint8Array([1, 2]) })
    .catch((e: unknown) => e)) as SendError;
  assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'), String(error));
  assert.equal([error.details?.['attempts'], error.details?.['reachedFiksIo']], [3, false]);
});

test('a server that read the request and dropped the connection gets it exactly once', async () => {
  let received = 0;
  const server = createServer((request, response) => {
    request.on('data', () => undefined);
    request.on('end', () => {
      received++;
      response.socket?.destroy();
    });
  });
  const url = await listen(server);
  try {
    const error = (await senderTo(url)
      .send({ mottakerKontoId: TO, meldingType: 't', payload: new Uint8Array([1, 2]) })
      .catch((e: unknown) => e)) as SendError;
    assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'), String(error));
    assert.is(received, 1);
    assert.equal([error.details?.['attempts'], error.details?.['reachedFiksIo']], [1, true]);
  } finally {
    server.closeAllConnections();
    await close(server);
  }
});

test('a server that accepts the send and never answers: it fails after timeoutMs, once, and the socket is closed', async () => {
  let received = 0;
  const sockets: Promise<unknown>[] = [];
  const server = createServer((request) => {
    received++;
    sockets.push(new Promise((resolve) => (request.socket as Socket).once('close', resolve)));
    request.resume();
  });
  const url = await listen(server);
  try {
    const started = Date.now();
    const error = (await Promise.race([
      senderTo(url, 200)
        .send({ mottakerKontoId: TO, meldingType: 't', payload: () => Readable.from([Buffer.alloc(1000)]) })
        .catch((e: unknown) => e),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 3 s'), 3000).unref()),
    ])) as SendError;
    const took = Date.now() - started;
    assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'), String(error));
    assert.equal([error.details?.['attempts'], error.details?.['reachedFiksIo']], [1, true]);
    assert.match(error.message, /no answer and no upload progress for 200 ms \(timeoutMs\)/);
    assert.is((error.cause as DOMException).name, 'TimeoutError');
    assert.ok(took >= 190 && took < 2000, `failed after ${took} ms`);
    assert.is(received, 1);
    const closed = await Promise.race([
      Promise.all(sockets).then(() => true),
      new Promise((resolve) => setTimeout(() => resolve(false), 1000)),
    ]);
    assert.ok(closed, 'the socket of the unanswered send is still open');
  } finally {
    server.closeAllConnections();
    await close(server);
  }
});

test('an upload that keeps moving is not cut by timeoutMs however long it takes', async () => {
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      response.writeHead(202, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ meldingId: '55555555-5555-4555-8555-555555555555', ttl: 5000 }));
    });
  });
  const url = await listen(server);
  async function* slowly(): AsyncGenerator<Buffer> {
    for (let i = 0; i < 8; i++) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      yield Buffer.alloc(1024, i);
    }
  }
  try {
    const started = Date.now();
    const sent = await senderTo(url, 200).send({
      mottakerKontoId: TO,
      meldingType: 't',
      payload: Readable.from(slowly()),
    });
    assert.ok(Date.now() - started > 400, 'the upload was not slower than the timeout');
    assert.is(sent.meldingId, '55555555-5555-4555-8555-555555555555');
  } finally {
    await close(server);
  }
});

test.run();
