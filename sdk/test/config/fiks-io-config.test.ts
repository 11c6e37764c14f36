import { inspect } from 'node:util';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { type FiksIoConfig, resolveFiksIoConfig } from '../../src/config/fiks-io-config.js';
import { Secret } from '../../src/config/secret.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { makeTestCertificate } from '../http/test-certificate.js';

const virksomhet = makeTestCertificate('Virksomhet');
const konto = makeTestCertificate('Konto');
const signing = makeTestCertificate('Signering');

const base = (): FiksIoConfig => ({
  environment: 'test',
  kontoId: 'AAAAAAAA-1111-4111-8111-111111111111',
  integrasjonId: '33333333-3333-4333-8333-333333333333',
  integrasjonPassord: 'hemmelig-passord',
  maskinporten: {
    clientId: 'client-1',
    certificate: virksomhet.certificate,
    privateKey: virksomhet.privateKey,
  },
  privateKeys: [konto.privateKey],
});

test('test and prod presets with defaults (prefetch 10, AMQPS receive, signing = enterprise certificate)', () => {
  const t = resolveFiksIoConfig(base());
  assert.equal(t.endpoints, {
    api: 'https://api.fiks.test.ks.no',
    maskinportenToken: 'https://test.maskinporten.no/token',
    maskinportenAudience: 'https://test.maskinporten.no/',
  });
  assert.equal(t.receive, { type: 'amqp', url: 'amqps://io.fiks.test.ks.no:5671' });
  assert.is(t.prefetch, 10);
  assert.is(t.kontoId, 'aaaaaaaa-1111-4111-8111-111111111111');
  assert.ok(t.integrasjonPassord instanceof Secret);
  assert.is(t.signing.certificate, virksomhet.certificate);
  assert.ok(t.applicationName.length > 0);
  const p = resolveFiksIoConfig({ ...base(), environment: 'prod', prefetch: 3, signing });
  assert.is(p.endpoints.api, 'https://api.fiks.ks.no');
  assert.is(p.endpoints.maskinportenToken, 'https://maskinporten.no/token');
  assert.is(p.endpoints.maskinportenAudience, 'https://maskinporten.no/');
  assert.is(p.receive.url, 'amqps://io.fiks.ks.no:5671');
  assert.is(p.prefetch, 3);
  assert.is(p.signing.certificate, signing.certificate);
});

test('custom: any URLs, plain amqp:// and a WebSocket receive URL', () => {
  const endpoints = {
    api: 'http://127.0.0.1:8080/',
    maskinportenToken: 'http://127.0.0.1:8080/token',
    maskinportenAudience: 'http://127.0.0.1:8080/',
  };
  const amqp = resolveFiksIoConfig({
    ...base(),
    environment: 'custom',
    endpoints: { ...endpoints, amqp: 'amqp://localhost:5672' },
  });
  assert.is(amqp.endpoints.api, 'http://127.0.0.1:8080');
  assert.equal(amqp.receive, { type: 'amqp', url: 'amqp://localhost:5672' });
  const ws = resolveFiksIoConfig({
    ...base(),
    environment: 'custom',
    endpoints,
    receive: { type: 'websocket', url: 'ws://127.0.0.1:8080/bridge' },
  });
  assert.equal(ws.receive, { type: 'websocket', url: 'ws://127.0.0.1:8080/bridge' });
});

test('invalid configurations → CONFIG_INVALID naming the field', () => {
  const cases: Array<[string, Partial<FiksIoConfig>]> = [
    ['receive.url', { receive: { type: 'amqp', url: 'amqp://io.fiks.test.ks.no:5672' } }],
    ['receive.type', { receive: { type: 'websocket', url: 'ws://x' } }],
    ['endpoints', { endpoints: { api: 'https://x' } }],
    ['endpoints', { environment: 'custom' }],
    [
      'endpoints.api',
      {
        environment: 'custom',
        endpoints: { api: 'ftp://x', maskinportenToken: 'https://t', maskinportenAudience: 'a' },
      },
    ],
    ['kontoId', { kontoId: 'konto-1' }],
    ['integrasjonId', { integrasjonId: '' }],
    ['integrasjonPassord', { integrasjonPassord: '' }],
    ['maskinporten.clientId', { maskinporten: { ...base().maskinporten, clientId: ' ' } }],
    ['maskinporten.privateKey', { maskinporten: { ...base().maskinporten, privateKey: konto.privateKey } }],
    ['signing.privateKey', { signing: { certificate: signing.certificate, privateKey: konto.privateKey } }],
    ['privateKeys', { privateKeys: [] }],
    ['privateKeys[0]', { privateKeys: [konto.certificate.publicKey] }],
    ['prefetch', { prefetch: 0 }],
  ];
  for (const [field, change] of cases) {
    let error: unknown;
    try {
      resolveFiksIoConfig({ ...base(), ...change } as FiksIoConfig);
    } catch (e) {
      error = e;
    }
    assert.ok(isFiksError(error, 'CONFIG_INVALID'), `${field}: ${String(error)}`);
    assert.is(error.details?.['field'], field, String(error));
    assert.ok(error.message.includes(field), error.message);
  }
});

test('the resolved configuration never shows the integration password or private keys', () => {
  const resolved = resolveFiksIoConfig(base());
  for (const text of [JSON.stringify(resolved), inspect(resolved, { depth: 10 }), String(resolved)]) {
    assert.not.ok(text.includes('hemmelig-passord'), text);
    assert.not.ok(text.includes('PRIVATE KEY'), text);
  }
});

test.run();
