import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Secret } from '../../src/config/secret.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoSender } from '../../src/http/fiks-io-sender.js';
import type { SendError, SendErrorCode } from '../../src/http/send-error.js';
import type { AccessTokenProvider } from '../../src/maskinporten/access-token-provider.js';
import { MaskinportenTokenProvider } from '../../src/maskinporten/maskinporten-token-provider.js';
import { type Answer, fakeApi, parseMultipart, type RecordedRequest } from './fake-api.js';
import { makeTestCertificate } from './test-certificate.js';

const API = 'https://api.fiks.test.ks.no';
const OWN = '11111111-1111-4111-8111-111111111111';
const TO = '22222222-2222-4222-8222-222222222222';
const INTEGRASJON = '33333333-3333-4333-8333-333333333333';
const PASSORD = 'passord-med-mellomrom';
const REPLY_TO = '44444444-4444-4444-8444-444444444444';

class CountingTokens implements AccessTokenProvider {
  issued = 0;
  invalidated = 0;
  #current: string | undefined;
  async getAccessToken() {
    if (this.#current === undefined) this.#current = `token-${++this.issued}`;
    return this.#current;
  }
  invalidate() {
    this.invalidated++;
    this.#current = undefined;
  }
}

function accepted(request: RecordedRequest): Response {
  const metadata = JSON.parse(
    parseMultipart(request.headers['content-type']!, request.body)
      .find((p) => p.name === 'metadata')!
      .body.toString(),
  );
  return Response.json(
    { meldingId: '55555555-5555-4555-8555-555555555555', dokumentlagerId: null, ...metadata },
    { status: 202 },
  );
}

function sender(
  answers: Answer[],
  tokens: AccessTokenProvider = new CountingTokens(),
  sleeps: number[] = [],
) {
  const api = fakeApi(answers);
  let n = 0;
  const s = new FiksIoSender({
    apiUrl: API,
    kontoId: OWN,
    credentials: new FiksIoCredentials({
      integrasjonId: INTEGRASJON,
      integrasjonPassord: new Secret(` ${PASSORD} `),
      tokenProvider: tokens,
    }),
    fetch: api.fetch,
    retry: { maxRetries: 2, sleep: async (ms) => void sleeps.push(ms), random: () => 0 },
    randomUUID: () => `00000000-0000-4000-8000-00000000000${n++}`,
  });
  return { sender: s, requests: api.requests };
}

const parts = (r: RecordedRequest) => parseMultipart(r.headers['content-type']!, r.body);

test('exact wire: POST /fiks-io/api/v1/send, auth headers, metadata part and data part', async () => {
  const { sender: s, requests } = sender([accepted]);
  const payload = new Uint8Array([1, 2, 3, 0, 255]);
  const sent = await s.send({ mottakerKontoId: TO, meldingType: 'no.ks.fiks.test.v1.ping', payload });
  assert.is(requests.length, 1);
  const r = requests[0]!;
  assert.is(r.method, 'POST');
  assert.is(r.url, `${API}/fiks-io/api/v1/send`);
  assert.is(r.headers['authorization'], 'Bearer token-1');
  assert.is(r.headers['integrasjonid'], INTEGRASJON);
  assert.is(r.headers['integrasjonpassord'], PASSORD);
  assert.match(r.headers['content-type']!, /^multipart\/form-data; boundary=/);
  assert.is(r.headers['content-length'], String(r.body.length));
  const [metadata, data, ...rest] = parts(r);
  assert.is(rest.length, 0);
  assert.is(metadata!.name, 'metadata');
  assert.is(metadata!.filename, undefined);
  assert.not.match(metadata!.headers['content-disposition']!, /filename/);
  assert.is(metadata!.headers['content-type'], 'application/json');
  assert.equal(JSON.parse(metadata!.body.toString()), {
    avsenderKontoId: OWN,
    mottakerKontoId: TO,
    meldingType: 'no.ks.fiks.test.v1.ping',
    svarPaMelding: null,
    ttl: 172_800_000,
    headere: { klientMeldingId: '00000000-0000-4000-8000-000000000000' },
  });
  assert.is(data!.name, 'data');
  assert.is(data!.headers['content-type'], 'application/octet-stream');
  assert.is(data!.filename, '00000000-0000-4000-8000-000000000001');
  assert.equal([...data!.body], [1, 2, 3, 0, 255]);
  assert.is(sent.meldingId, '55555555-5555-4555-8555-555555555555');
  assert.is(sent.klientMeldingId, '00000000-0000-4000-8000-000000000000');
  assert.is(sent.ttl, 172_800_000);
  assert.is(sent.dokumentlagerId, null);
});

test('without payload only the metadata part is sent; every option lands in the metadata', async () => {
  const { sender: s, requests } = sender([accepted]);
  const sent = await s.send({
    avsenderKontoId: TO,
    mottakerKontoId: OWN,
    meldingType: 'svar',
    svarPaMelding: REPLY_TO,
    ttlMs: 60_000,
    klientMeldingId: 'km-1',
    klientKorrelasjonsId: 'kk-1',
    headere: { egen: 'verdi' },
  });
  const p = parts(requests[0]!);
  assert.is(p.length, 1);
  assert.equal(JSON.parse(p[0]!.body.toString()), {
    avsenderKontoId: TO,
    mottakerKontoId: OWN,
    meldingType: 'svar',
    svarPaMelding: REPLY_TO,
    ttl: 60_000,
    headere: { egen: 'verdi', klientMeldingId: 'km-1', klientKorrelasjonsId: 'kk-1' },
  });
  assert.is(sent.svarPaMelding, REPLY_TO);
  assert.is(sent.klientKorrelasjonsId, 'kk-1');
});

test('klientMeldingId / klientKorrelasjonsId given twice with different values → HEADER_CONFLICT, no request', async () => {
  const { sender: s, requests } = sender([accepted]);
  for (const [prop, key] of [
    ['klientMeldingId', 'klientMeldingId'],
    ['klientKorrelasjonsId', 'klientKorrelasjonsId'],
  ] as const) {
    const error = await s
      .send({ mottakerKontoId: TO, meldingType: 't', [prop]: 'a', headere: { [key]: 'b' } })
      .catch((e: unknown) => e);
    assert.ok(isFiksError(error, 'HEADER_CONFLICT'), String(error));
  }
  assert.is(requests.length, 0);
  await s.send({
    mottakerKontoId: TO,
    meldingType: 't',
    klientMeldingId: 'same',
    headere: { klientMeldingId: 'same' },
  });
  assert.is(requests.length, 1);
});

test('invalid requests are refused before any request', async () => {
  const { sender: s, requests } = sender([accepted]);
  for (const bad of [
    { mottakerKontoId: 'not-a-uuid', meldingType: 't' },
    { mottakerKontoId: TO, meldingType: '' },
    { mottakerKontoId: TO, meldingType: 't', ttlMs: 10 },
    { mottakerKontoId: TO, meldingType: 't', svarPaMelding: 'x' },
  ]) {
    const error = await s.send(bad).catch((e: unknown) => e);
    assert.ok(isFiksError(error, 'SEND_REQUEST_INVALID'), JSON.stringify(bad));
  }
  assert.is(requests.length, 0);
});

test('a Readable payload is streamed; Content-Length only when payloadLength is given', async () => {
  const chunk = Buffer.alloc(64 * 1024, 7);
  const make = () =>
    Readable.from(
      (function* () {
        for (let i = 0; i < 80; i++) yield chunk;
      })(),
    );
  const { sender: s, requests } = sender([accepted]);
  await s.send({ mottakerKontoId: TO, meldingType: 't', payload: make() });
  await s.send({ mottakerKontoId: TO, meldingType: 't', payload: make(), payloadLength: 80 * chunk.length });
  assert.is(requests[0]!.headers['content-length'], undefined);
  assert.is(requests[1]!.headers['content-length'], String(requests[1]!.body.length));
  for (const r of requests) {
    const data = parts(r)[1]!;
    assert.is(data.body.length, 80 * chunk.length);
    assert.ok(data.body.every((b) => b === 7));
  }
});

test('a payloadLength that does not match the stream fails the send', async () => {
  const { sender: s } = sender([accepted]);
  const error = (await s
    .send({
      mottakerKontoId: TO,
      meldingType: 't',
      payload: Readable.from([Buffer.alloc(10)]),
      payloadLength: 11,
    })
    .catch((e: unknown) => e)) as SendError;
  assert.ok(isFiksError(error, 'SEND_NETWORK_ERROR'));
  assert.match(String((error.cause as Error).message), /declared 11/);
});

test('202 is the only success: 200 → SEND_UNEXPECTED_STATUS', async () => {
  const { sender: s } = sender([Response.json({ meldingId: 'x' }, { status: 200 })]);
  const error = (await s
    .send({ mottakerKontoId: TO, meldingType: 't' })
    .catch((e: unknown) => e)) as SendError;
  assert.ok(isFiksError(error, 'SEND_UNEXPECTED_STATUS'));
  assert.is(error.status, 200);
});

test('status codes map to typed errors carrying status and the parsed error body', async () => {
  const errorBody = { status: 400, error: 'Bad Request', errorId: 'e-1', message: 'ugyldig meldingType' };
  const table: Array<[number, SendErrorCode, unknown]> = [
    [400, 'SEND_REJECTED', errorBody],
    [401, 'SEND_UNAUTHORIZED', { error: 'Unauthorized' }],
    [403, 'SEND_FORBIDDEN', { error: 'Forbidden' }],
    [404, 'SEND_NOT_FOUND', { error: 'Not Found' }],
    [409, 'SEND_REJECTED', 'plain text conflict'],
    [500, 'SEND_SERVER_ERROR', { error: 'Internal' }],
  ];
  for (const [status, code, body] of table) {
    const response =
      typeof body === 'string'
        ? new Response(body, { status, headers: { 'content-type': 'text/plain' } })
        : Response.json(body, { status });
    const { sender: s, requests } = sender([response, response]);
    const error = (await s
      .send({ mottakerKontoId: TO, meldingType: 't' })
      .catch((e: unknown) => e)) as SendError;
    assert.ok(isFiksError(error, code), `${status}: ${String(error)}`);
    assert.is(error.status, status);
    assert.equal(error.body, body);
    assert.equal(error.details?.['body'], body);
    assert.is(requests.length, status === 401 ? 2 : 1, `${status} requests`);
  }
});

test('errors never carry the token or the integration password, even when the server echoes them', async () => {
  const echo = (r: RecordedRequest) =>
    Response.json(
      { message: `bad header ${r.headers['authorization']} / ${r.headers['integrasjonpassord']}` },
      { status: 400 },
    );
  const { sender: s } = sender([echo]);
  const error = (await s
    .send({ mottakerKontoId: TO, meldingType: 't' })
    .catch((e: unknown) => e)) as SendError;
  const text = `${error.message} ${JSON.stringify(error.details)} ${JSON.stringify(error.body)} ${String(error)}`;
  assert.not.ok(text.includes('token-1'), text);
  assert.not.ok(text.includes(PASSORD), text);
  assert.match(text, /\[redacted\]/);
});

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

test('an expiring Maskinporten token is refreshed between sends', async () => {
  const cert = makeTestCertificate();
  const clock = { now: 0 };
  let issued = 0;
  const tokens = new MaskinportenTokenProvider({
    tokenUrl: 'https://test.maskinporten.no/token',
    audience: 'https://test.maskinporten.no/',
    clientId: 'c',
    certificate: cert.certificate,
    privateKey: cert.privateKey,
    clock: () => clock.now,
    fetch: (async () =>
      Response.json({ access_token: `mp-${++issued}`, expires_in: 120 })) as unknown as typeof fetch,
  });
  const { sender: s, requests } = sender([accepted], tokens);
  await s.send({ mottakerKontoId: TO, meldingType: 't' });
  clock.now = 60_000;
  await s.send({ mottakerKontoId: TO, meldingType: 't' });
  clock.now = 115_000;
  await s.send({ mottakerKontoId: TO, meldingType: 't' });
  assert.equal(
    requests.map((r) => r.headers['authorization']),
    ['Bearer mp-1', 'Bearer mp-1', 'Bearer mp-2'],
  );
});

test('202 with an unreadable body → SEND_RESPONSE_INVALID naming the klientMeldingId', async () => {
  const { sender: s } = sender([new Response('ok', { status: 202 })]);
  const error = (await s
    .send({ mottakerKontoId: TO, meldingType: 't' })
    .catch((e: unknown) => e)) as SendError;
  assert.ok(isFiksError(error, 'SEND_RESPONSE_INVALID'));
  assert.match(error.message, /00000000-0000-4000-8000-000000000000/);
});

test.run();
