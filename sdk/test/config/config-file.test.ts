import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import forge from 'node-forge';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { loadConfigFile } from '../../src/config/config-file.js';
import type { SdkErrorCode } from '../../src/errors/error-catalogue.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { makeTestCertificate } from '../http/test-certificate.js';

const dir = mkdtempSync(join(tmpdir(), 'fiks-io-config-'));
const virksomhet = makeTestCertificate('Virksomhet');
const konto = makeTestCertificate('Konto');
const signing = makeTestCertificate('Signering');

writeFileSync(join(dir, 'virksomhet.pem'), virksomhet.certificatePem);
writeFileSync(join(dir, 'virksomhet-key.pem'), virksomhet.privateKeyPem);
writeFileSync(join(dir, 'konto-key.pem'), konto.privateKeyPem);
writeFileSync(
  join(dir, 'konto-key-encrypted.pem'),
  konto.privateKey.export({ type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'nøkkelpass' }),
);
writeFileSync(join(dir, 'p12-password.txt'), 'p12-pass\n');
const p12 = forge.pkcs12.toPkcs12Asn1(
  forge.pki.privateKeyFromPem(signing.privateKeyPem),
  [forge.pki.certificateFromPem(signing.certificatePem)],
  'p12-pass',
  { algorithm: '3des' },
);
writeFileSync(join(dir, 'signering.p12'), Buffer.from(forge.asn1.toDer(p12).getBytes(), 'binary'));

const valid = () => ({
  environment: 'test',
  kontoId: '11111111-1111-4111-8111-111111111111',
  integrasjonId: '33333333-3333-4333-8333-333333333333',
  integrasjonPassordEnv: 'TEST_FIKS_PASSORD',
  maskinporten: {
    clientId: 'client-1',
    keyId: 'kid-1',
    certificate: 'virksomhet.pem',
    privateKey: 'virksomhet-key.pem',
  },
  privateKeys: ['konto-key.pem', { path: 'konto-key-encrypted.pem', password: 'nøkkelpass' }],
  signing: { pkcs12: 'signering.p12', passwordFile: 'p12-password.txt' },
  prefetch: 5,
});

let n = 0;
function write(config: unknown): string {
  const path = join(dir, `config-${n++}.json`);
  writeFileSync(path, typeof config === 'string' ? config : JSON.stringify(config));
  return path;
}

const env = { TEST_FIKS_PASSORD: 'passord-fra-env' };

async function failure(config: unknown, code: SdkErrorCode = 'CONFIG_INVALID'): Promise<string> {
  const error = await loadConfigFile(write(config), { env }).catch((e: unknown) => e);
  assert.ok(isFiksError(error, code), `expected ${code}, got ${String(error)}`);
  return error.message;
}

test('loads PEM, encrypted PEM and PKCS#12 key material by relative path; secrets from env and file', async () => {
  const config = await loadConfigFile(write(valid()), { env });
  assert.is(config.integrasjonPassord.reveal(), 'passord-fra-env');
  assert.is(config.maskinporten.clientId, 'client-1');
  assert.is(config.maskinporten.keyId, 'kid-1');
  assert.is(config.maskinporten.certificate?.fingerprint256, virksomhet.certificate.fingerprint256);
  assert.is(config.privateKeys.length, 2);
  for (const key of config.privateKeys)
    assert.ok(konto.certificate.checkPrivateKey(key), 'account keys parsed (plain and encrypted)');
  assert.is(config.signing.certificate.fingerprint256, signing.certificate.fingerprint256);
  assert.ok(config.signing.certificate.checkPrivateKey(config.signing.privateKey));
  assert.is(config.prefetch, 5);
  assert.is(config.endpoints.api, 'https://api.fiks.test.ks.no');
});

test('a PKCS#12 enterprise certificate with an inline password, and signing defaulting to it', async () => {
  const config = await loadConfigFile(
    write({
      ...valid(),
      integrasjonPassord: 'inline',
      integrasjonPassordEnv: undefined,
      maskinporten: { clientId: 'c', pkcs12: join(dir, 'signering.p12'), password: 'p12-pass' },
      signing: undefined,
    }),
  );
  assert.is(config.integrasjonPassord.reveal(), 'inline');
  assert.is(config.maskinporten.certificate?.fingerprint256, signing.certificate.fingerprint256);
  assert.is(config.signing.certificate, config.maskinporten.certificate);
});

test('trustedSigners: certificates by relative path, none by default; a missing or key-only file is named', async () => {
  assert.equal((await loadConfigFile(write(valid()), { env })).trustedSigners, []);
  const config = await loadConfigFile(write({ ...valid(), trustedSigners: ['virksomhet.pem'] }), { env });
  assert.equal(
    config.trustedSigners.map((c) => c.fingerprint256),
    [virksomhet.certificate.fingerprint256],
  );
  const missing = await loadConfigFile(write({ ...valid(), trustedSigners: ['nope.pem'] }), { env }).catch(
    (e: unknown) => e,
  );
  assert.ok(isFiksError(missing, 'CONFIG_FILE_UNREADABLE'), String(missing));
  assert.match(await failure({ ...valid(), trustedSigners: ['konto-key.pem'] }), /trustedSigners\[0\]/);
});

test('a custom environment with a WebSocket receive URL', async () => {
  const config = await loadConfigFile(
    write({
      ...valid(),
      environment: 'custom',
      endpoints: {
        api: 'http://127.0.0.1:9000',
        maskinportenToken: 'http://127.0.0.1:9000/token',
        maskinportenAudience: 'emulator',
      },
      receive: { type: 'websocket', url: 'ws://127.0.0.1:9000/bridge' },
    }),
    { env },
  );
  assert.is(config.endpoints.api, 'http://127.0.0.1:9000');
  assert.equal(config.receive, { type: 'websocket', url: 'ws://127.0.0.1:9000/bridge' });
});

test('schema violations name the field and the problem', async () => {
  const { kontoId: _k, ...noKonto } = valid();
  const cases: Array<[unknown, RegExp]> = [
    [noKonto, /kontoId is required/],
    [{ ...valid(), kontoId: 'abc' }, /kontoId must be a UUID/],
    [{ ...valid(), environment: 'stage' }, /environment must be one of prod, test, custom/],
    [{ ...valid(), extra: 1 }, /extra is not a known field/],
    [{ ...valid(), integrasjonPassord: 'x' }, /only one of integrasjonPassord, integrasjonPassordEnv/],
    [
      { ...valid(), integrasjonPassordEnv: undefined },
      /needs integrasjonPassord, integrasjonPassordEnv or integrasjonPassordFile/,
    ],
    [
      { ...valid(), maskinporten: { clientId: 'c', certificate: 'virksomhet.pem' } },
      /maskinporten needs certificate and privateKey/,
    ],
    [
      { ...valid(), maskinporten: { clientId: 'c', pkcs12: 'x.p12' } },
      /maskinporten needs password, passwordEnv or passwordFile/,
    ],
    [
      { ...valid(), maskinporten: { ...valid().maskinporten, pkcs12: 'x.p12', password: 'p' } },
      /either pkcs12 or certificate/,
    ],
    [
      { ...valid(), maskinporten: { ...valid().maskinporten, colour: 'x' } },
      /maskinporten\.colour is not a known field/,
    ],
    [{ ...valid(), privateKeys: [] }, /privateKeys must NOT have fewer than 1 items/],
    [
      { ...valid(), privateKeys: [{ path: 'a', password: 'x', passwordEnv: 'Y' }] },
      /privateKeys\[0\] must be a PEM key path/,
    ],
    [{ ...valid(), privateKeys: [42] }, /privateKeys\[0\] must be a PEM key path/],
    [{ ...valid(), prefetch: 0 }, /prefetch must be >= 1/],
    [
      {
        ...valid(),
        endpoints: { api: 'https://x', maskinportenToken: 'https://t', maskinportenAudience: 'a' },
      },
      /endpoints is only allowed with environment custom/,
    ],
    [{ ...valid(), environment: 'custom' }, /needs endpoints/],
    [
      { ...valid(), receive: { type: 'smtp', url: 'amqps://x' } },
      /receive\.type must be one of amqp, websocket/,
    ],
  ];
  for (const [config, expected] of cases) assert.match(await failure(config), expected);
});

test('semantic checks after the schema: amqp:// only with custom', async () => {
  assert.match(
    await failure({ ...valid(), receive: { type: 'amqp', url: 'amqp://localhost' } }),
    /receive\.url must use amqps/,
  );
});

test('not JSON, unset env variable, missing file, wrong password, garbage key', async () => {
  assert.match(await failure('{ nope'), /not valid JSON/);
  assert.match(
    await failure({ ...valid(), integrasjonPassordEnv: 'UNSET_VARIABLE_X' }),
    /UNSET_VARIABLE_X, which is not set/,
  );
  assert.match(
    await failure({ ...valid(), privateKeys: ['missing.pem'] }, 'CONFIG_FILE_UNREADABLE'),
    /privateKeys\[0\].*missing\.pem.*ENOENT/,
  );
  const wrong = await failure(
    { ...valid(), signing: { pkcs12: 'signering.p12', password: 'wrong' } },
    'CONFIG_KEY_INVALID',
  );
  assert.match(wrong, /signing\.pkcs12/);
  assert.not.match(wrong, /p12-pass/);
  await failure(
    { ...valid(), maskinporten: { ...valid().maskinporten, certificate: 'p12-password.txt' } },
    'CONFIG_KEY_INVALID',
  );
  await failure(
    { ...valid(), privateKeys: [{ path: 'konto-key-encrypted.pem', password: 'feil' }] },
    'CONFIG_KEY_INVALID',
  );
});

test.after(() => rmSync(dir, { recursive: true, force: true }));
test.run();
