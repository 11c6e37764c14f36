import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import {
  keyMatchesCertificate,
  readCertificate,
  readCertificates,
  readPkcs12,
  readPrivateKey,
} from '../../src/crypto/key-material.js';
import type { SdkErrorCode } from '../../src/errors/error-catalogue.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { OpenSslWorkspace } from './openssl-cli.js';

const ws = new OpenSslWorkspace();
const alice = await generateDevCertificate({ commonName: 'Alice Kommune', organizationNumber: '123456789' });
const bob = await generateDevCertificate({ commonName: 'Bob AS', days: 10 });
ws.write('alice.key', alice.privateKeyPem);
ws.write('alice.crt', alice.certificatePem);
ws.write('bob.crt', bob.certificatePem);

function throwsCode(fn: () => unknown, code: SdkErrorCode): void {
  try {
    fn();
  } catch (error) {
    assert.ok(isFiksError(error, code), `expected ${code}, got ${String(error)}`);
    return;
  }
  assert.unreachable(`expected ${code}`);
}

test('generateDevCertificate: subject, validity, key size, self-signed', async () => {
  const cert = alice.certificate;
  assert.ok(cert.subject.includes('CN=Alice Kommune'));
  assert.ok(cert.subject.includes('organizationIdentifier=NTRNO-123456789'));
  assert.ok(cert.subject.includes('serialNumber=123456789'));
  assert.ok(cert.verify(cert.publicKey), 'self-signed');
  assert.is(cert.publicKey.asymmetricKeyDetails?.modulusLength, 2048);
  const days = (Date.parse(bob.certificate.validTo) - Date.now()) / 86_400_000;
  assert.ok(days > 9.9 && days < 10.1, `validity ${days}`);
  assert.ok(alice.privateKeyPem.startsWith('-----BEGIN PRIVATE KEY-----'));
  assert.ok(/^[0-7]/.test(cert.serialNumber), 'serial is positive');
  const { stdout } = await ws.openssl('x509', '-in', 'alice.crt', '-noout', '-text');
  assert.match(stdout.toString(), /Signature Algorithm: sha256WithRSAEncryption/);
  assert.match(stdout.toString(), /Key Encipherment/);
});

test('generateDevCertificate: rejects a malformed organisation number', async () => {
  try {
    await generateDevCertificate({ commonName: 'x', organizationNumber: '12345' });
    assert.unreachable('should throw');
  } catch (error) {
    assert.ok(isFiksError(error, 'CERTIFICATE_INVALID'));
  }
});

test('readPrivateKey: PEM PKCS#8, PEM PKCS#1, DER PKCS#8, DER PKCS#1 all give the same key', async () => {
  const expected = alice.privateKey.export({ format: 'der', type: 'pkcs8' });
  const pkcs1Pem = alice.privateKey.export({ format: 'pem', type: 'pkcs1' }).toString();
  assert.ok(pkcs1Pem.includes('RSA PRIVATE KEY'));
  const inputs: Array<string | Uint8Array> = [
    alice.privateKeyPem,
    Buffer.from(alice.privateKeyPem),
    pkcs1Pem,
    expected,
    alice.privateKey.export({ format: 'der', type: 'pkcs1' }),
  ];
  for (const input of inputs) {
    const key = readPrivateKey(input);
    assert.ok(key.export({ format: 'der', type: 'pkcs8' }).equals(expected));
  }
});

test('readPrivateKey: encrypted PKCS#8 needs the right passphrase', async () => {
  await ws.openssl(
    'pkcs8',
    '-topk8',
    '-in',
    'alice.key',
    '-out',
    'alice-enc.key',
    '-passout',
    'pass:hemmelig',
  );
  const pem = ws.read('alice-enc.key').toString();
  assert.ok(pem.includes('ENCRYPTED PRIVATE KEY'));
  const key = readPrivateKey(pem, 'hemmelig');
  assert.ok(keyMatchesCertificate(key, alice.certificate));
  throwsCode(() => readPrivateKey(pem, 'wrong'), 'KEY_INVALID');
  throwsCode(() => readPrivateKey(pem), 'KEY_INVALID');
});

test('readPrivateKey: garbage → KEY_INVALID, message carries no key bytes', () => {
  throwsCode(() => readPrivateKey('not a key'), 'KEY_INVALID');
  throwsCode(() => readPrivateKey(new Uint8Array([0x30, 0x03, 0x02, 0x01, 0x00])), 'KEY_INVALID');
  throwsCode(() => readPrivateKey(alice.certificatePem), 'KEY_INVALID');
  const broken = alice.privateKeyPem.replace(/\n[A-Za-z0-9+/]{20}/, '\nAAAAAAAAAAAAAAAAAAAA');
  try {
    readPrivateKey(broken);
  } catch (error) {
    assert.not.ok(String((error as Error).message).includes(broken.slice(40, 80)));
  }
});

test('readCertificate / readCertificates: PEM, DER, bundles, garbage', () => {
  assert.is(readCertificate(alice.certificatePem).fingerprint256, alice.certificate.fingerprint256);
  assert.is(readCertificate(alice.certificate.raw).fingerprint256, alice.certificate.fingerprint256);
  const bundle = `${alice.certificatePem}\n${bob.certificatePem}`;
  const all = readCertificates(bundle);
  assert.equal(
    all.map((c) => c.fingerprint256),
    [alice.certificate.fingerprint256, bob.certificate.fingerprint256],
  );
  assert.is(readCertificate(Buffer.from(bundle)).fingerprint256, alice.certificate.fingerprint256);
  throwsCode(() => readCertificate('hello'), 'CERTIFICATE_INVALID');
  throwsCode(() => readCertificates(alice.privateKeyPem), 'CERTIFICATE_INVALID');
  throwsCode(() => readCertificate(new Uint8Array([1, 2, 3])), 'CERTIFICATE_INVALID');
});

test('keyMatchesCertificate', () => {
  assert.ok(keyMatchesCertificate(alice.privateKey, alice.certificate));
  assert.not.ok(keyMatchesCertificate(bob.privateKey, alice.certificate));
  assert.ok(keyMatchesCertificate(alice.certificate.publicKey, alice.certificate));
  assert.not.ok(keyMatchesCertificate(bob.certificate.publicKey, alice.certificate));
});

test('readPkcs12: OpenSSL 3 default and legacy keystores, with chain', async () => {
  const variants: string[][] = [
    [],
    ['-legacy'],
    ['-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES', '-macalg', 'sha1'],
  ];
  for (const extra of variants) {
    await ws.openssl(
      'pkcs12',
      '-export',
      ...extra,
      '-inkey',
      'alice.key',
      '-in',
      'alice.crt',
      '-certfile',
      'bob.crt',
      '-passout',
      'pass:Passord1',
      '-out',
      'store.p12',
    );
    const store = readPkcs12(ws.read('store.p12'), 'Passord1');
    assert.is(
      store.certificate.fingerprint256,
      alice.certificate.fingerprint256,
      `variant ${extra.join(' ')}`,
    );
    assert.ok(keyMatchesCertificate(store.privateKey, store.certificate));
    assert.equal(
      store.chain.map((c) => c.fingerprint256),
      [bob.certificate.fingerprint256],
    );
    throwsCode(() => readPkcs12(ws.read('store.p12'), 'Passord2'), 'PKCS12_PASSWORD_WRONG');
  }
});

test('readPkcs12: garbage and a keystore without a key → PKCS12_INVALID', async () => {
  throwsCode(() => readPkcs12(new Uint8Array([1, 2, 3, 4]), 'x'), 'PKCS12_INVALID');
  throwsCode(() => readPkcs12(Buffer.from(alice.certificatePem), 'x'), 'PKCS12_INVALID');
  await ws.openssl(
    'pkcs12',
    '-export',
    '-nokeys',
    '-in',
    'alice.crt',
    '-passout',
    'pass:x',
    '-out',
    'nokey.p12',
  );
  throwsCode(() => readPkcs12(ws.read('nokey.p12'), 'x'), 'PKCS12_INVALID');
});

test.after(() => ws.dispose());
test.run();
