// Whatever reaches the emulator's port ends as an HTTP answer below 500 or a clean close, never as
// a crash: malformed request lines and paths, bad percent-encoding, oversized bodies on keep-alive.
import { readPrivateKey } from '@fiks-faktura/sdk';
import { createJwtGrant } from '@fiks-faktura/sdk/testing';
import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import { type FiksIoEmulator, startFiksIoEmulator } from '../../src/emulator/fiks-io-emulator.js';
import { RawConnection, rawRequest } from './raw-http.js';

const test = suite<{ emulator: FiksIoEmulator }>('Fiks IO emulator: malformed requests');

test.before(async (context) => {
  context.emulator = await startFiksIoEmulator({ accounts: { accounts: [{ navn: 'Kommune A' }] } });
});

test.after(async ({ emulator }) => {
  await emulator.close();
});

const get = (target: string, extra = '') => `GET ${target} HTTP/1.1\r\nHost: emulator\r\n${extra}\r\n`;

async function stillServes(emulator: FiksIoEmulator): Promise<void> {
  const response = await fetch(`${emulator.url}/emulator/timeline`);
  assert.is(response.status, 200, 'the emulator still answers');
}

async function accessToken(emulator: FiksIoEmulator): Promise<string> {
  const account = emulator.accounts[0]!;
  const assertion = createJwtGrant({
    clientId: account.maskinportenClientId,
    audience: `${emulator.url}/`,
    scope: 'ks:fiks',
    certificate: account.certificate,
    privateKey: readPrivateKey(account.privateKeyPem!),
    now: Date.now(),
  });
  const response = await fetch(`${emulator.url}/token`, {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer', assertion }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

test('malformed request lines and paths are answered below 500 or closed', async ({ emulator }) => {
  const requests = [
    get('//'),
    get('///'),
    get('//x:99999/'),
    get('http://x'),
    get('http://[::1'),
    get('*'),
    get('/%'),
    get('/%E0%A4%A'),
    get('/emulator/timeline?meldingId=%E0%A4%A'),
    get('/emulator/kontoer/%E0%A4%A/hold'),
    get(`/${'a/'.repeat(3000)}`),
    get(
      '//',
      'Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n',
    ),
    get('/fiks-io/bridge/%E0', 'Upgrade: websocket\r\nConnection: Upgrade\r\n'),
    'GET\r\n\r\n',
    'BREW / HTTP/1.1\r\n\r\n',
    'GET / HTTP/9.9\r\nHost: x\r\n\r\n',
    '\u0000\u0001\u0002\r\n\r\n',
    `POST /token HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n`,
    `POST /token HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n`,
  ];
  for (const request of requests) {
    const answer = await rawRequest(emulator.url, request);
    if (answer !== 'closed')
      assert.ok(answer.status >= 100 && answer.status < 500, `${JSON.stringify(request)}: ${answer.status}`);
    await stillServes(emulator);
  }
});

test('bad percent-encoding in an id: 400 with the emulator error body', async ({ emulator }) => {
  const token = await accessToken(emulator);
  const account = emulator.accounts[0]!;
  const headers = {
    Authorization: `Bearer ${token}`,
    IntegrasjonId: account.integrasjonId,
    IntegrasjonPassord: account.integrasjonPassord,
  };
  for (const path of [
    '/fiks-io/katalog/api/v1/kontoer/%E0%A4%A/offentligNokkel',
    '/fiks-io/katalog/api/v1/kontoer/%E0%A4%A',
    '/fiks-io/katalog/api/v1/kontoer/%E0%A4%A/status',
    '/dokumentlager/nedlasting/%E0%A4%A',
    '/emulator/meldinger/%E0%A4%A/redeliver',
  ]) {
    const method = path.startsWith('/emulator/') ? 'POST' : 'GET';
    const response = await fetch(`${emulator.url}${path}`, { method, headers });
    assert.is(response.status, 400, path);
    const body = (await response.json()) as Record<string, unknown>;
    assert.is(body['status'], 400);
    assert.is(body['errorCode'], 'INVALID_PATH');
    assert.is(body['path'], path);
  }
});

test('keep-alive after a 413: the following requests on the connection are answered at once', async ({
  emulator,
}) => {
  const connection = await RawConnection.open(emulator.url);
  try {
    const body = Buffer.alloc(2 * 1024 * 1024, 'a');
    await connection.write(
      `POST /token HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: ${body.length}\r\n\r\n`,
    );
    await connection.write(body);
    const tooLarge = await connection.read(3_000);
    assert.ok(tooLarge !== 'closed' && tooLarge.status === 413, 'the oversized body gets 413');
    for (let i = 0; i < 3; i++) {
      await connection.write(get('/emulator/timeline'));
      const next = await connection.read(2_000);
      if (next === 'closed') break; // a clean close after the 413 is fine: the client reconnects
      assert.is(next.status, 200, `request ${i + 1} after the 413`);
    }
  } finally {
    connection.close();
  }
  await stillServes(emulator);
});

test.run();
