// Maskinporten clients registered with a key instead of an enterprise certificate: the grant's
// header carries `kid` and no `x5c`, as KS's clients send it, from the config file onwards.
import { generateKeyPairSync, verify } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfigFile } from '../../src/config/config-file.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { createFiksIoHttp } from '../../src/http/create-fiks-io-http.js';
import { createJwtGrant } from '../../src/maskinporten/jwt-grant.js';
import { makeTestCertificate } from '../http/test-certificate.js';

const decode = (part: string) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

test('without a certificate the header is {alg: RS256, kid} and the registered key verifies the signature', () => {
  const jwt = createJwtGrant({
    clientId: 'client-1',
    audience: 'https://test.maskinporten.no/',
    scope: 'ks:fiks',
    privateKey,
    keyId: 'nokkel-2026',
    now: 1_700_000_000_000,
  });
  const [header, payload, signature] = jwt.split('.') as [string, string, string];
  assert.equal(decode(header), { alg: 'RS256', kid: 'nokkel-2026' });
  assert.ok(
    verify('sha256', Buffer.from(`${header}.${payload}`), publicKey, Buffer.from(signature, 'base64url')),
  );
});

test('neither certificate nor kid → MASKINPORTEN_KEY_ID_MISSING', () => {
  try {
    createJwtGrant({ clientId: 'client-1', audience: 'a', scope: 'ks:fiks', privateKey, now: 0 });
    assert.unreachable();
  } catch (error) {
    assert.ok(isFiksError(error, 'MASKINPORTEN_KEY_ID_MISSING'), String(error));
  }
});

const dir = mkdtempSync(join(tmpdir(), 'fiks-io-registered-key-'));
const signing = makeTestCertificate('Signering');
writeFileSync(join(dir, 'maskinporten-key.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
writeFileSync(join(dir, 'signing.pem'), signing.certificatePem);
writeFileSync(join(dir, 'signing-key.pem'), signing.privateKeyPem);
const config = (maskinporten: Record<string, unknown>, withSigning = true) => {
  const path = join(dir, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(
    path,
    JSON.stringify({
      environment: 'test',
      kontoId: '11111111-1111-4111-8111-111111111111',
      integrasjonId: '33333333-3333-4333-8333-333333333333',
      integrasjonPassord: 'passord',
      maskinporten: { clientId: 'client-1', ...maskinporten },
      privateKeys: ['signing-key.pem'],
      ...(withSigning ? { signing: { certificate: 'signing.pem', privateKey: 'signing-key.pem' } } : {}),
    }),
  );
  return path;
};

test('a config file with keyId and privateKey alone yields tokens requested with a kid-only grant', async () => {
  const resolved = await loadConfigFile(config({ keyId: 'nokkel-2026', privateKey: 'maskinporten-key.pem' }));
  assert.is(resolved.maskinporten.certificate, undefined);
  assert.is(resolved.signing.certificate.fingerprint256, signing.certificate.fingerprint256);
  const assertions: string[] = [];
  const http = createFiksIoHttp(resolved, {
    fetch: (async (_url: string, init: RequestInit) => {
      assertions.push(new URLSearchParams(String(init.body)).get('assertion') ?? '');
      return Response.json({ access_token: 'token', expires_in: 120 });
    }) as unknown as typeof fetch,
  });
  assert.is(await http.tokenProvider.getAccessToken(), 'token');
  assert.equal(decode(assertions[0]!.split('.')[0]!), { alg: 'RS256', kid: 'nokkel-2026' });
});

test('a registered key needs its keyId, and signing (no certificate to sign payloads with)', async () => {
  const withoutSigning = await loadConfigFile(
    config({ keyId: 'nokkel-2026', privateKey: 'maskinporten-key.pem' }, false),
  ).catch((e: unknown) => e);
  assert.ok(isFiksError(withoutSigning, 'CONFIG_INVALID'), String(withoutSigning));
  assert.match(withoutSigning.message, /signing/);
  const withoutKeyId = await loadConfigFile(config({ privateKey: 'maskinporten-key.pem' })).catch(
    (e: unknown) => e,
  );
  assert.ok(isFiksError(withoutKeyId, 'CONFIG_INVALID'), String(withoutKeyId));
  assert.match(withoutKeyId.message, /certificate/);
});

test.run();
