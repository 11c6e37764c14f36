// End to end over a real local HTTP server and Node's own fetch: configuration → Maskinporten
// token → streamed multipart send → katalog → Dokumentlager download.
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { resolveFiksIoConfig } from '../../src/config/fiks-io-config.js';
import { createFiksIoHttp } from '../../src/http/create-fiks-io-http.js';
import { parseMultipart } from './fake-api.js';
import { makeTestCertificate } from './test-certificate.js';

const virksomhet = makeTestCertificate('Virksomhet');
const konto = makeTestCertificate('Konto');
const KONTO = '11111111-1111-4111-8111-111111111111';
const TO = '22222222-2222-4222-8222-222222222222';
const PAYLOAD_SIZE = 8 * 1024 * 1024;

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: Buffer;
}
const seen: Seen[] = [];

const server = createServer(async (req, res) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const request = {
    method: req.method ?? '',
    url: req.url ?? '',
    headers: req.headers,
    body: Buffer.concat(chunks),
  };
  seen.push(request);
  if (request.url === '/token') {
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        access_token: 'local-token',
        expires_in: 120,
        token_type: 'Bearer',
        scope: 'ks:fiks',
      }),
    );
  } else if (request.url === '/fiks-io/api/v1/send') {
    const parts = parseMultipart(req.headers['content-type'] ?? '', request.body);
    const metadata = JSON.parse(parts[0]!.body.toString());
    res.statusCode = 202;
    res.setHeader('content-type', 'application/json');
    res.end(
      JSON.stringify({
        meldingId: '99999999-9999-4999-8999-999999999999',
        dokumentlagerId: null,
        ...metadata,
      }),
    );
  } else if (request.url === `/fiks-io/katalog/api/v1/kontoer/${TO}/offentligNokkel`) {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ nokkel: konto.certificatePem }));
  } else if (request.url === '/dokumentlager/nedlasting/dl-1') {
    res.write(Buffer.alloc(100_000, 1));
    setTimeout(() => res.end(Buffer.alloc(100_000, 2)), 5);
  } else {
    res.statusCode = 404;
    res.end();
  }
});

test.before(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
test.after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function http() {
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return createFiksIoHttp(
    resolveFiksIoConfig({
      environment: 'custom',
      endpoints: {
        api: base,
        maskinportenToken: `${base}/token`,
        maskinportenAudience: base,
        amqp: 'amqp://127.0.0.1',
      },
      kontoId: KONTO,
      integrasjonId: '33333333-3333-4333-8333-333333333333',
      integrasjonPassord: 'lokal-passord',
      maskinporten: {
        clientId: 'client-1',
        certificate: virksomhet.certificate,
        privateKey: virksomhet.privateKey,
      },
      privateKeys: [konto.privateKey],
    }),
  );
}

test('a large stream payload goes through real fetch with Content-Length and the exact layout', async () => {
  seen.length = 0;
  const { sender, credentials } = http();
  const chunk = Buffer.alloc(256 * 1024, 0xab);
  const payload = Readable.from(
    (function* () {
      for (let i = 0; i < PAYLOAD_SIZE / chunk.length; i++) yield chunk;
    })(),
  );
  const sent = await sender.send({
    mottakerKontoId: TO,
    meldingType: 'stor',
    payload,
    payloadLength: PAYLOAD_SIZE,
  });
  assert.is(sent.meldingId, '99999999-9999-4999-8999-999999999999');
  assert.is(sent.avsenderKontoId, KONTO);
  const [token, send] = seen;
  assert.is(token!.url, '/token');
  assert.match(
    token!.body.toString(),
    /^grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Ajwt-bearer&assertion=/,
  );
  assert.is(send!.headers['authorization'], 'Bearer local-token');
  assert.is(send!.headers['integrasjonpassord'], 'lokal-passord');
  assert.is(send!.headers['content-length'], String(send!.body.length));
  const parts = parseMultipart(send!.headers['content-type']!, send!.body);
  assert.equal(
    parts.map((p) => [p.name, p.headers['content-type'], p.filename !== undefined]),
    [
      ['metadata', 'application/json', false],
      ['data', 'application/octet-stream', true],
    ],
  );
  assert.is(parts[1]!.body.length, PAYLOAD_SIZE);
  assert.is(await credentials.amqpPassword(), 'lokal-passord local-token');
});

test('recipient certificates come from the catalog and are cached; Dokumentlager streams', async () => {
  seen.length = 0;
  const { recipientCertificates, client } = http();
  const first = await recipientCertificates.get(TO);
  await recipientCertificates.get(TO);
  assert.is(first.fingerprint256, konto.certificate.fingerprint256);
  assert.is(seen.filter((s) => s.url.endsWith('/offentligNokkel')).length, 1);
  assert.is(seen[0]!.headers['authorization'], undefined);
  const bytes: Buffer[] = [];
  for await (const chunk of client.downloadDokumentlager('dl-1')) bytes.push(chunk as Buffer);
  const all = Buffer.concat(bytes);
  assert.is(all.length, 200_000);
  assert.is(all[199_999], 2);
});

test.run();
