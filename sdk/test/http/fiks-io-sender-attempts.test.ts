// How often the sender attempts a send: repeated only when Fiks IO certainly never got it (or when
// uncertain failures are opted in), never for a one-shot stream, and once more after a 401.
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Secret } from '../../src/config/secret.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoSender } from '../../src/http/fiks-io-sender.js';
import type { SendError } from '../../src/http/send-error.js';
import { type Answer, fakeApi } from './fake-api.js';
import {
  API,
  accepted,
  CountingTokens,
  INTEGRASJON,
  OWN,
  PASSORD,
  parts,
  sender,
  TO,
} from './fake-sender.js';

const refused = () =>
  new TypeError('fetch failed', {
    cause: Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }),
  });

test('a send that may have reached Fiks IO is never repeated: 5xx, resets, unknown failures', async () => {
  const uncertain: Answer[] = [
    Response.json({}, { status: 500 }),
    new Response('gateway', { status: 502 }),
    new Response('', { status: 503 }),
    new Response('', { status: 504 }),
    new TypeError('fetch failed'),
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
    }),
    new TypeError('fetch failed', {
      cause: Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' }),
    }),
  ];
  for (const answer of uncertain) {
    const { sender: s, requests } = sender([answer, accepted]);
    const error = (await s
      .send({ mottakerKontoId: TO, meldingType: 't', payload: new Uint8Array([1]) })
      .catch((e: unknown) => e)) as SendError;
    assert.ok(isFiksError(error), String(error));
    assert.is(requests.length, 1, `${String(answer)} was repeated`);
    assert.is(error.details?.['attempts'], 1);
  }
  const { sender: s } = sender([new TypeError('fetch failed'), accepted]);
  const error = (await s
    .send({ mottakerKontoId: TO, meldingType: 't' })
    .catch((e: unknown) => e)) as SendError;
  assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'));
  assert.is(error.details?.['reachedFiksIo'], true);
  assert.match(error.message, /may have accepted it/);
});

test('a send that certainly never reached Fiks IO is repeated with the same klientMeldingId and body; the result counts the attempts', async () => {
  const sleeps: number[] = [];
  const everyAddressRefused = new TypeError('fetch failed', {
    cause: new AggregateError([refused().cause, refused().cause]),
  });
  const { sender: s, requests } = sender(
    [refused(), everyAddressRefused, accepted],
    new CountingTokens(),
    sleeps,
  );
  const sent = await s.send({ mottakerKontoId: TO, meldingType: 't', payload: new Uint8Array([9, 9]) });
  assert.is(requests.length, 3);
  assert.is(sent.attempts, 3);
  assert.is(sleeps.length, 2);
  const [a, ...others] = requests.map((r) => parts(r));
  for (const b of others) {
    assert.equal(a![0]!.body, b[0]!.body);
    assert.equal(a![1]!.body, b[1]!.body);
    assert.is(a![1]!.filename, b[1]!.filename);
  }
  assert.is(sent.klientMeldingId, JSON.parse(a![0]!.body.toString()).headere.klientMeldingId);

  const first = sender([accepted]);
  assert.is((await first.sender.send({ mottakerKontoId: TO, meldingType: 't' })).attempts, 1);
  const dnsFailed = new TypeError('fetch failed', {
    cause: Object.assign(new Error('getaddrinfo ENOTFOUND api'), { code: 'ENOTFOUND' }),
  });
  const unreachable = sender([dnsFailed]);
  const error = (await unreachable.sender
    .send({ mottakerKontoId: TO, meldingType: 't' })
    .catch((e: unknown) => e)) as SendError;
  assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'));
  assert.is(unreachable.requests.length, 3);
  assert.equal([error.details?.['attempts'], error.details?.['reachedFiksIo']], [3, false]);
  assert.match(error.message, /the message was not sent/);
});

test('retryUncertainFailures opts in to repeating after 502/503/504 and any network error', async () => {
  const api = fakeApi([new Response('', { status: 503 }), new TypeError('fetch failed'), accepted]);
  const s = new FiksIoSender({
    apiUrl: API,
    kontoId: OWN,
    credentials: new FiksIoCredentials({
      integrasjonId: INTEGRASJON,
      integrasjonPassord: new Secret(PASSORD),
      tokenProvider: new CountingTokens(),
    }),
    fetch: api.fetch,
    retry: { maxRetries: 2, sleep: async () => undefined },
    retryUncertainFailures: true,
  });
  const sent = await s.send({ mottakerKontoId: TO, meldingType: 't', payload: new Uint8Array([1]) });
  assert.is(sent.attempts, 3);
  assert.is(api.requests.length, 3);
});

test('a one-shot Readable is never retried; a payload factory is', async () => {
  const once = sender([refused(), accepted]);
  const error = await once.sender
    .send({ mottakerKontoId: TO, meldingType: 't', payload: Readable.from([Buffer.from('x')]) })
    .catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'));
  assert.is(once.requests.length, 1);
  let opened = 0;
  const factory = sender([refused(), accepted]);
  await factory.sender.send({
    mottakerKontoId: TO,
    meldingType: 't',
    payload: () => {
      opened++;
      return Readable.from([Buffer.from('abc')]);
    },
  });
  assert.is(opened, 2);
  assert.is(parts(factory.requests[1]!)[1]!.body.toString(), 'abc');
});

test('a 401 drops the cached token and retries once with a fresh one', async () => {
  const tokens = new CountingTokens();
  const { sender: s, requests } = sender([Response.json({}, { status: 401 }), accepted], tokens);
  await s.send({ mottakerKontoId: TO, meldingType: 't' });
  assert.is(tokens.invalidated, 1);
  assert.equal(
    requests.map((r) => r.headers['authorization']),
    ['Bearer token-1', 'Bearer token-2'],
  );
});

test('a 401 on a one-shot stream is not retried, but the next send uses a fresh token', async () => {
  const tokens = new CountingTokens();
  const { sender: s, requests } = sender([Response.json({}, { status: 401 }), accepted], tokens);
  const error = await s
    .send({ mottakerKontoId: TO, meldingType: 't', payload: Readable.from([Buffer.from('x')]) })
    .catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'SEND_UNAUTHORIZED'));
  await s.send({ mottakerKontoId: TO, meldingType: 't' });
  assert.equal(
    requests.map((r) => r.headers['authorization']),
    ['Bearer token-1', 'Bearer token-2'],
  );
});

test.run();
