import type { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { Secret } from '../../src/config/secret.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import type { FiksHttpError, FiksHttpErrorCode } from '../../src/http/fiks-http-error.js';
import { FiksIoCredentials } from '../../src/http/fiks-io-credentials.js';
import { FiksIoHttpClient } from '../../src/http/fiks-io-http-client.js';
import { type Answer, fakeApi } from './fake-api.js';
import { makeTestCertificate } from './test-certificate.js';

const API = 'https://api.fiks.test.ks.no';
const OWN = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const own = makeTestCertificate('Own account');
const other = makeTestCertificate('Other account');

/** The account's credentials, with a token provider that needs no Maskinporten. */
const credentials = () =>
  new FiksIoCredentials({
    integrasjonId: 'integrasjon-1',
    integrasjonPassord: new Secret('passord-1'),
    tokenProvider: { getAccessToken: async () => 'token-1' },
  });

function client(answers: Answer[], privateKeys = [own.privateKey]) {
  const api = fakeApi(answers);
  const c = new FiksIoHttpClient({
    apiUrl: `${API}/`,
    kontoId: OWN,
    privateKeys,
    credentials: credentials(),
    fetch: api.fetch,
    retry: { maxRetries: 1, sleep: async () => undefined },
  });
  return { client: c, requests: api.requests };
}

const authenticated = (h: Record<string, string>) =>
  h['authorization'] === 'Bearer token-1' &&
  h['integrasjonid'] === 'integrasjon-1' &&
  h['integrasjonpassord'] === 'passord-1';

async function readAll(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

const nokkel = (pem: string) => ({
  nokkel: pem,
  validFrom: '2026-01-01T00:00:00Z',
  validTo: '2027-01-01T00:00:00Z',
  serial: '01',
  subjectDN: 'CN=x',
  issuerDN: 'CN=x',
  valid: true,
  statusMessage: 'OK',
});

test('getKonto: authenticated GET on the katalog path; 404 → null', async () => {
  const konto = {
    kontoId: OTHER,
    kontoNavn: 'Faktura',
    fiksOrgId: 'org-1',
    fiksOrgNavn: 'Kommune',
    organisasjonsnummer: '123456785',
    status: { gyldigAvsender: true, gyldigMottaker: false, melding: 'ok', antallKonsumenter: 2 },
  };
  const { client: c, requests } = client([Response.json(konto), new Response('', { status: 404 })]);
  const found = await c.getKonto(OTHER);
  assert.is(requests[0]!.method, 'GET');
  assert.is(requests[0]!.url, `${API}/fiks-io/katalog/api/v1/kontoer/${OTHER}`);
  assert.ok(authenticated(requests[0]!.headers));
  assert.is(found?.kontoNavn, 'Faktura');
  assert.is(found?.organisasjonsnummer, '123456785');
  assert.equal(found?.status, {
    gyldigAvsender: true,
    gyldigMottaker: false,
    melding: 'ok',
    antallKonsumenter: 2,
    antallUavhentedeMeldinger: undefined,
  });
  assert.is(await c.getKonto(OTHER), null);
});

test('getKontoStatus: authenticated GET …/status', async () => {
  const { client: c, requests } = client([
    Response.json({ gyldigAvsender: true, gyldigMottaker: true, antallUavhentedeMeldinger: 4 }),
  ]);
  const status = await c.getKontoStatus(OTHER);
  assert.is(requests[0]!.url, `${API}/fiks-io/katalog/api/v1/kontoer/${OTHER}/status`);
  assert.ok(authenticated(requests[0]!.headers));
  assert.is(status?.gyldigMottaker, true);
  assert.is(status?.antallUavhentedeMeldinger, 4);
});

test('getOffentligNokkel: UNauthenticated GET, certificate parsed, 404 → PUBLIC_KEY_NOT_FOUND', async () => {
  const { client: c, requests } = client([
    Response.json(nokkel(other.certificatePem)),
    new Response('', { status: 404 }),
  ]);
  const key = await c.getOffentligNokkel(OTHER);
  assert.is(requests[0]!.url, `${API}/fiks-io/katalog/api/v1/kontoer/${OTHER}/offentligNokkel`);
  assert.is(requests[0]!.headers['authorization'], undefined);
  assert.is(requests[0]!.headers['integrasjonid'], undefined);
  assert.is(requests[0]!.headers['integrasjonpassord'], undefined);
  assert.is(key.certificate.fingerprint256, other.certificate.fingerprint256);
  assert.is(key.validTo, '2027-01-01T00:00:00Z');
  assert.is(key.valid, true);
  const error = await c.getOffentligNokkel(OTHER).catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'PUBLIC_KEY_NOT_FOUND'));
});

test('getOffentligNokkel: a nokkel that is no certificate → PUBLIC_KEY_INVALID', async () => {
  const { client: c } = client([Response.json({ nokkel: 'not a certificate' })]);
  const error = await c.getOffentligNokkel(OTHER).catch((e: unknown) => e);
  assert.ok(isFiksError(error, 'PUBLIC_KEY_INVALID'), String(error));
});

test('uploadOffentligNokkel: authenticated PUT on the konto API with {"pem": …}', async () => {
  const { client: c, requests } = client([Response.json(nokkel(own.certificatePem), { status: 201 })]);
  const stored = await c.uploadOffentligNokkel(OWN, own.certificatePem);
  const r = requests[0]!;
  assert.is(r.method, 'PUT');
  assert.is(r.url, `${API}/fiks-io/konto/api/v1/kontoer/${OWN}/offentligNokkel`);
  assert.ok(authenticated(r.headers));
  assert.is(r.headers['content-type'], 'application/json');
  assert.equal(JSON.parse(r.body.toString()), { pem: own.certificatePem });
  assert.is(stored?.certificate.fingerprint256, own.certificate.fingerprint256);
  const { client: c2 } = client([new Response('', { status: 200 })]);
  assert.is(await c2.uploadOffentligNokkel(OWN, own.certificatePem), undefined);
});

test('error statuses map to typed errors with status and body', async () => {
  const table: Array<[number, FiksHttpErrorCode]> = [
    [401, 'HTTP_UNAUTHORIZED'],
    [403, 'HTTP_FORBIDDEN'],
    [500, 'HTTP_UNEXPECTED_STATUS'],
  ];
  for (const [status, code] of table) {
    const { client: c } = client([Response.json({ errorId: 'e' }, { status })]);
    const error = (await c.getKontoStatus(OTHER).catch((e: unknown) => e)) as FiksHttpError;
    assert.ok(isFiksError(error, code), `${status}: ${String(error)}`);
    assert.is(error.status, status);
    assert.equal(error.body, { errorId: 'e' });
  }
  const failing = client([new TypeError('fetch failed')]);
  assert.ok(isFiksError(await failing.client.getKonto(OTHER).catch((e: unknown) => e), 'HTTP_NETWORK_ERROR'));
  assert.is(failing.requests.length, 2, 'one retry');
});

test('verifyOwnKeyMatchesCatalog: match (with key index), mismatch, no public key', async () => {
  const match = client([Response.json(nokkel(own.certificatePem))], [other.privateKey, own.privateKey]);
  const result = await match.client.verifyOwnKeyMatchesCatalog();
  assert.is(result.status, 'match');
  assert.is(result.status === 'match' && result.keyIndex, 1);
  assert.is(match.requests[0]!.url, `${API}/fiks-io/katalog/api/v1/kontoer/${OWN}/offentligNokkel`);
  const mismatch = client([Response.json(nokkel(other.certificatePem))]);
  assert.is((await mismatch.client.verifyOwnKeyMatchesCatalog()).status, 'mismatch');
  const none = client([new Response('', { status: 404 })]);
  assert.equal(await none.client.verifyOwnKeyMatchesCatalog(), { status: 'no-public-key' });
});

test('downloadDokumentlager: lazy authenticated GET streaming the body', async () => {
  const payload = Buffer.alloc(200_000, 5);
  const { client: c, requests } = client([new Response(payload, { status: 200 })]);
  const id = '66666666-6666-4666-8666-666666666666';
  const stream = c.downloadDokumentlager(id);
  await new Promise((r) => setTimeout(r, 10));
  assert.is(requests.length, 0, 'nothing requested before the stream is read');
  const bytes = await readAll(stream);
  assert.is(requests[0]!.url, `${API}/dokumentlager/nedlasting/${id}`);
  assert.ok(authenticated(requests[0]!.headers));
  assert.ok(bytes.equals(payload));
});

test('downloadDokumentlager: 404 → DOKUMENTLAGER_NOT_FOUND; empty body → DOKUMENTLAGER_EMPTY', async () => {
  for (const [answer, code] of [
    [new Response('', { status: 404 }), 'DOKUMENTLAGER_NOT_FOUND'],
    [new Response('', { status: 200, headers: { 'content-length': '0' } }), 'DOKUMENTLAGER_EMPTY'],
    [new Response(new ReadableStream({ start: (c) => c.close() }), { status: 200 }), 'DOKUMENTLAGER_EMPTY'],
    [new Response('x', { status: 403 }), 'HTTP_FORBIDDEN'],
  ] as const) {
    const { client: c } = client([answer]);
    const error = await readAll(c.downloadDokumentlager('id-1')).catch((e: unknown) => e);
    assert.ok(isFiksError(error, code), `${code}: ${String(error)}`);
  }
});

test('a call that gets no answer fails as HTTP_NETWORK_ERROR after timeoutMs, even with a fetch that ignores its signal, and is retried', async () => {
  let calls = 0;
  const c = new FiksIoHttpClient({
    apiUrl: API,
    kontoId: OWN,
    credentials: credentials(),
    fetch: (() => {
      calls++;
      return new Promise<never>(() => undefined);
    }) as unknown as typeof fetch,
    retry: { maxRetries: 1, sleep: async () => undefined },
    timeoutMs: 50,
  });
  const error = (await c.getKonto(OTHER).catch((e: unknown) => e)) as FiksHttpError;
  assert.ok(isFiksError(error, 'HTTP_NETWORK_ERROR'), String(error));
  assert.match(error.message, /no answer and no upload progress for 50 ms \(timeoutMs\)/);
  assert.is(calls, 2);
});

test('a timeoutMs that is no positive number is CONFIG_INVALID naming it, at construction', () => {
  for (const timeoutMs of [0, -5, Number.NaN, Number.POSITIVE_INFINITY]) {
    const made = () =>
      new FiksIoHttpClient({
        apiUrl: API,
        kontoId: OWN,
        credentials: credentials(),
        timeoutMs,
      });
    assert.throws(
      made,
      (e: unknown) => isFiksError(e, 'CONFIG_INVALID') && /timeoutMs/.test(String(e)),
      String(timeoutMs),
    );
  }
});

test.run();
