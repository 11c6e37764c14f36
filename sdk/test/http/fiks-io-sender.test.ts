// The sender's request on the wire, its refusals and its status-to-error mapping; how often a send
// is attempted is in fiks-io-sender-attempts.test.ts.
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import type { SendError, SendErrorCode } from '../../src/http/send-error.js';
import { MaskinportenTokenProvider } from '../../src/maskinporten/maskinporten-token-provider.js';
import type { RecordedRequest } from './fake-api.js';
import { API, accepted, INTEGRASJON, OWN, PASSORD, parts, REPLY_TO, sender, TO } from './fake-sender.js';
import { makeTestCertificate } from './test-certificate.js';

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
