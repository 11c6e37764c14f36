import { constants, generateKeyPairSync, publicEncrypt, randomBytes } from 'node:crypto';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readSingleTlv } from '../../src/crypto/ber-reader.js';
import { derAlgorithm, derNull, derSequence, derValue } from '../../src/crypto/der-writer.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import {
  keyTransportAlgorithmOf,
  OAEP_SHA256_ALGORITHM,
  unwrapContentKey,
  unwrapPkcs1v15,
  wrapContentKey,
} from '../../src/crypto/key-transport.js';
import { OID } from '../../src/crypto/object-identifiers.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

const alice = await generateDevCertificate({ commonName: 'Alice' });
const bob = await generateDevCertificate({ commonName: 'Bob' });
const pkcs1Encrypt = (key: Buffer) =>
  publicEncrypt({ key: alice.certificate.publicKey, padding: constants.RSA_PKCS1_PADDING }, key);

test('PKCS#1 v1.5: a valid block yields the key', () => {
  const contentKey = randomBytes(32);
  const result = unwrapPkcs1v15(alice.privateKey, pkcs1Encrypt(contentKey), 32);
  assert.is(result.valid, 1);
  assert.ok(result.key.equals(contentKey));
});

test('PKCS#1 v1.5: wrong length, wrong key, garbage → implicit rejection with a deterministic key', () => {
  const shortKey = pkcs1Encrypt(randomBytes(16));
  const rejected = unwrapPkcs1v15(alice.privateKey, shortKey, 32);
  assert.is(rejected.valid, 0);
  assert.is(rejected.key.length, 32);
  assert.ok(unwrapPkcs1v15(alice.privateKey, shortKey, 32).key.equals(rejected.key), 'deterministic');
  const other = unwrapPkcs1v15(alice.privateKey, pkcs1Encrypt(randomBytes(16)), 32);
  assert.not.ok(other.key.equals(rejected.key), 'depends on the ciphertext');
  const wrongKey = unwrapPkcs1v15(bob.privateKey, shortKey, 32);
  assert.is(wrongKey.valid, 0);
  assert.not.ok(wrongKey.key.equals(rejected.key), 'depends on the private key');
  assert.is(unwrapPkcs1v15(alice.privateKey, Buffer.alloc(256, 0xff), 32).valid, 0, 'not below the modulus');
  assert.is(unwrapPkcs1v15(alice.privateKey, randomBytes(256).fill(0, 0, 1), 24).valid, 0);
});

test('unwrapContentKey: picks the valid PKCS#1 v1.5 candidate among several keys', () => {
  const contentKey = randomBytes(32);
  const recipients = [
    {
      rid: Buffer.from([1]),
      algorithm: { kind: 'pkcs1v15' as const },
      encryptedKey: pkcs1Encrypt(contentKey),
    },
  ];
  assert.ok(unwrapContentKey(recipients, [bob.privateKey, alice.privateKey], 32).equals(contentKey));
  assert.ok(unwrapContentKey(recipients, [alice.privateKey, bob.privateKey], 32).equals(contentKey));
  const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey;
  assert.ok(
    unwrapContentKey(recipients, [ec, alice.privateKey], 32).equals(contentKey),
    'non-RSA keys are skipped',
  );
});

test('OAEP: wrap then unwrap; wrong key → NO_MATCHING_KEY', () => {
  const contentKey = randomBytes(32);
  const recipient = {
    rid: Buffer.from([1]),
    algorithm: keyTransportAlgorithmOf(readSingleTlv(OAEP_SHA256_ALGORITHM)),
    encryptedKey: wrapContentKey(alice.certificate.publicKey, contentKey),
  };
  assert.equal(recipient.algorithm, { kind: 'oaep', hash: 'sha256', label: Buffer.alloc(0) });
  assert.ok(unwrapContentKey([recipient], [bob.privateKey, alice.privateKey], 32).equals(contentKey));
  try {
    unwrapContentKey([recipient], [bob.privateKey], 32);
    assert.unreachable('should fail');
  } catch (error) {
    assert.ok(isFiksError(error, 'NO_MATCHING_KEY'));
  }
});

test('OAEP parameters: defaults are SHA-1; mismatched MGF1 digest and other algorithms are unsupported', () => {
  assert.equal(keyTransportAlgorithmOf(readSingleTlv(derAlgorithm(OID.rsaesOaep))), {
    kind: 'oaep',
    hash: 'sha1',
    label: Buffer.alloc(0),
  });
  assert.equal(keyTransportAlgorithmOf(readSingleTlv(derAlgorithm(OID.rsaEncryption, derNull()))), {
    kind: 'pkcs1v15',
  });
  const mixed = derAlgorithm(
    OID.rsaesOaep,
    derSequence(
      derValue(0xa0, derAlgorithm(OID.sha256)),
      derValue(0xa1, derAlgorithm(OID.mgf1, derAlgorithm(OID.sha1))),
    ),
  );
  for (const algorithm of [mixed, derAlgorithm('1.2.840.113549.1.1.10')]) {
    try {
      keyTransportAlgorithmOf(readSingleTlv(algorithm));
      assert.unreachable('should fail');
    } catch (error) {
      assert.ok(isFiksError(error, 'UNSUPPORTED_ALGORITHM'));
    }
  }
});

test.run();
