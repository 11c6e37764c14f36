import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readSingleTlv } from '../../src/crypto/ber-reader.js';
import { createEnvelopeDecryptor, decryptEnvelope } from '../../src/crypto/cms-envelope-reader.js';
import { createEnvelopeEncryptor, encryptEnvelope } from '../../src/crypto/cms-envelope-writer.js';
import { signDetached } from '../../src/crypto/cms-signature.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { chunk, failureCode, runThrough, toStreamingBer } from './envelope-fixtures.js';
import { OpenSslWorkspace } from './openssl-cli.js';

const ws = new OpenSslWorkspace();
const alice = await generateDevCertificate({ commonName: 'Alice Kommune', organizationNumber: '123456789' });
const bob = await generateDevCertificate({ commonName: 'Bob AS' });
const carol = await generateDevCertificate({ commonName: 'Carol 3072', modulusLength: 3072 });
ws.write('alice.key', alice.privateKeyPem);
ws.write('alice.crt', alice.certificatePem);
const plaintext = randomBytes(5000);
ws.write('plain.bin', plaintext);

const OAEP_SHA256 = [
  '-keyopt',
  'rsa_padding_mode:oaep',
  '-keyopt',
  'rsa_oaep_md:sha256',
  '-keyopt',
  'rsa_mgf1_md:sha256',
];

/** Encrypts plain.bin with openssl cms to alice and returns the envelope. */
async function opensslEnvelope(...args: string[]): Promise<Buffer> {
  await ws.openssl(
    'cms',
    '-encrypt',
    '-binary',
    '-in',
    'plain.bin',
    '-outform',
    'DER',
    '-out',
    'theirs.der',
    '-recip',
    'alice.crt',
    ...args,
  );
  return ws.read('theirs.der');
}

test('encryptEnvelope → decryptEnvelope round trip; output is a single DER value', () => {
  for (const size of [0, 1, 15, 16, 17, 1000]) {
    const data = randomBytes(size);
    const envelope = encryptEnvelope(data, alice.certificate);
    const node = readSingleTlv(envelope);
    assert.not.ok(node.indefinite, 'definite length');
    assert.ok(decryptEnvelope(envelope, [alice.privateKey]).equals(data), `size ${size}`);
  }
});

test('openssl cms -decrypt opens our envelopes byte for byte, including a 20 MB streamed one', async () => {
  ws.write('ours.der', encryptEnvelope(plaintext, alice.certificate));
  const { stdout } = await ws.openssl(
    'cms',
    '-decrypt',
    '-binary',
    '-inform',
    'DER',
    '-in',
    'ours.der',
    '-inkey',
    'alice.key',
    '-recip',
    'alice.crt',
  );
  assert.ok(stdout.equals(plaintext));

  const big = randomBytes(20 * 1024 * 1024 + 7);
  const envelope = await runThrough(
    createEnvelopeEncryptor(alice.certificate, big.length),
    chunk(big, [65536, 1000, 3]),
  );
  ws.write('big.der', envelope);
  await ws.openssl(
    'cms',
    '-decrypt',
    '-binary',
    '-inform',
    'DER',
    '-in',
    'big.der',
    '-inkey',
    'alice.key',
    '-out',
    'big.out',
  );
  const digest = (b: Buffer) => createHash('sha256').update(b).digest('hex');
  assert.is(digest(ws.read('big.out')), digest(big));
  const { stdout: printed } = await ws.openssl(
    'cms',
    '-cmsout',
    '-print',
    '-inform',
    'DER',
    '-in',
    'big.der',
  );
  const text = printed.toString();
  assert.match(text, /rsaesOaep/);
  assert.match(text, /aes-256-cbc/);
  assert.match(text, /d.issuerAndSerialNumber/);
  assert.is(text.match(/d\.ktri/g)?.length, 1, 'exactly one KeyTransRecipientInfo');
});

test('we open openssl envelopes: OAEP-SHA256, OAEP-SHA1, PKCS#1 v1.5, BER streams, AES-128/192', async () => {
  const variants: string[][] = [
    ['-aes256', ...OAEP_SHA256],
    ['-aes256', '-keyopt', 'rsa_padding_mode:oaep'],
    ['-aes256'],
    ['-aes256', '-stream'],
    ['-aes256', '-stream', ...OAEP_SHA256],
    ['-aes128'],
    ['-aes192', '-stream'],
  ];
  for (const args of variants) {
    const envelope = await opensslEnvelope(...args);
    assert.ok(decryptEnvelope(envelope, [alice.privateKey]).equals(plaintext), args.join(' '));
    const streamed = await runThrough(
      createEnvelopeDecryptor([alice.privateKey]),
      chunk(envelope, [7, 300, 1]),
    );
    assert.ok(streamed.equals(plaintext), `streamed ${args.join(' ')}`);
  }
});

test('key rotation: the second of several keys opens the envelope', async () => {
  const keys = [bob.privateKey, carol.privateKey, alice.privateKey];
  assert.ok(decryptEnvelope(encryptEnvelope(plaintext, alice.certificate), keys).equals(plaintext));
  assert.ok(
    decryptEnvelope(await opensslEnvelope('-aes256'), [bob.privateKey, alice.privateKey]).equals(plaintext),
  );
  // .NET style: a PKCS#1 v1.5 and an OAEP RecipientInfo for the same certificate.
  const dotnetStyle = await opensslEnvelope('-aes256', '-recip', 'alice.crt', ...OAEP_SHA256);
  assert.ok(decryptEnvelope(dotnetStyle, [bob.privateKey, alice.privateKey]).equals(plaintext));
});

test('wrong keys: NO_MATCHING_KEY for OAEP, .NET-style and size-mismatched recipients', async () => {
  const ours = encryptEnvelope(plaintext, alice.certificate);
  assert.is(
    await failureCode(() => decryptEnvelope(ours, [bob.privateKey, carol.privateKey])),
    'NO_MATCHING_KEY',
  );
  assert.is(await failureCode(() => decryptEnvelope(ours, [])), 'NO_MATCHING_KEY');
  const dotnetStyle = await opensslEnvelope('-aes256', '-recip', 'alice.crt', ...OAEP_SHA256);
  assert.is(await failureCode(() => decryptEnvelope(dotnetStyle, [bob.privateKey])), 'NO_MATCHING_KEY');
  const pkcs1 = await opensslEnvelope('-aes256');
  assert.is(await failureCode(() => decryptEnvelope(pkcs1, [carol.privateKey])), 'NO_MATCHING_KEY');
  assert.is(
    await failureCode(() => runThrough(createEnvelopeDecryptor([bob.privateKey]), chunk(ours, [100]))),
    'NO_MATCHING_KEY',
  );
});

test('PKCS#1 v1.5 with a wrong key of the same size fails only at the AES padding (implicit rejection)', async () => {
  // The wrong key unwraps a pseudo-random content key, so AES decrypts to noise whose padding is
  // wrong, except by chance (about 1 in 256: noise ending in 0x01). Over eight envelopes the
  // failure must show, every outcome must repeat exactly, and the plaintext must never come out.
  const outcomes: string[] = [];
  for (let i = 0; i < 8; i++) {
    const pkcs1 = await opensslEnvelope('-aes256');
    const attempt = () => {
      const output = decryptEnvelope(pkcs1, [bob.privateKey]);
      assert.not.ok(output.equals(plaintext), 'a wrong key gave the plaintext');
      return output.toString('hex');
    };
    const code = await failureCode(attempt);
    assert.ok(['DECRYPTION_FAILED', 'no error'].includes(code), code);
    assert.is(await failureCode(attempt), code, 'the same input fails the same way');
    outcomes.push(code);
  }
  assert.ok(outcomes.includes('DECRYPTION_FAILED'), outcomes.join(', '));
});

test('unsupported content encryption → UNSUPPORTED_ALGORITHM', async () => {
  assert.is(
    await failureCode(async () => decryptEnvelope(await opensslEnvelope('-des3'), [alice.privateKey])),
    'UNSUPPORTED_ALGORITHM',
  );
});

test('garbage, empty, foreign and truncated inputs → ENVELOPE_MALFORMED', async () => {
  const ours = encryptEnvelope(plaintext, alice.certificate);
  const cases: Array<[string, Uint8Array]> = [
    ['empty', new Uint8Array(0)],
    ['garbage', randomBytes(3000)],
    ['a certificate', alice.certificate.raw],
    [
      'a signature',
      signDetached(plaintext, { certificate: alice.certificate, privateKey: alice.privateKey }),
    ],
    ['header only', ours.subarray(0, 40)],
    ['missing last byte', ours.subarray(0, ours.length - 1)],
    ['missing last block', ours.subarray(0, ours.length - 16)],
    ['trailing bytes', Buffer.concat([ours, Buffer.from([0, 0])])],
  ];
  for (const [name, input] of cases) {
    assert.is(
      await failureCode(() => decryptEnvelope(input, [alice.privateKey])),
      'ENVELOPE_MALFORMED',
      name,
    );
    const streamed = await failureCode(() =>
      runThrough(createEnvelopeDecryptor([alice.privateKey]), chunk(Buffer.from(input), [13])),
    );
    assert.is(streamed, 'ENVELOPE_MALFORMED', `streamed ${name}`);
  }
});

test('tampering: encrypted key → NO_MATCHING_KEY, last ciphertext block → DECRYPTION_FAILED or changed output', () => {
  const ours = encryptEnvelope(plaintext, alice.certificate);
  const keyTampered = Buffer.from(ours);
  const keyAt = ours.indexOf(Buffer.from([0x04, 0x82, 0x01, 0x00])) + 10; // inside the 256-byte encryptedKey
  keyTampered[keyAt]! ^= 0x01;
  assert.is(decryptEnvelopeCode(keyTampered), 'NO_MATCHING_KEY');
  let failures = 0;
  for (let i = 0; i < 16; i++) {
    const tampered = Buffer.from(ours);
    tampered[tampered.length - 1 - i]! ^= 0x5a;
    const code = decryptEnvelopeCode(tampered);
    if (code === 'DECRYPTION_FAILED') failures++;
    else assert.is(code, 'changed', 'a tampered last block never yields the original plaintext');
  }
  assert.ok(failures >= 1, 'padding check catches tampering');
});

function decryptEnvelopeCode(envelope: Buffer): string {
  try {
    return decryptEnvelope(envelope, [alice.privateKey]).equals(plaintext) ? 'same' : 'changed';
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
}

test('maxPlaintextBytes → PAYLOAD_TOO_LARGE (DER up front, BER while streaming)', async () => {
  const ours = encryptEnvelope(plaintext, alice.certificate);
  const limited = () => createEnvelopeDecryptor([alice.privateKey], { maxPlaintextBytes: 4096 });
  assert.is(await failureCode(() => runThrough(limited(), [ours])), 'PAYLOAD_TOO_LARGE');
  assert.is(
    await failureCode(() => runThrough(limited(), [toStreamingBer(ours, [1000])])),
    'PAYLOAD_TOO_LARGE',
  );
  const exact = await runThrough(createEnvelopeDecryptor([alice.privateKey], { maxPlaintextBytes: 5000 }), [
    ours,
  ]);
  assert.ok(exact.equals(plaintext));
});

test('the streaming encryptor enforces the declared plaintext length', async () => {
  const data = randomBytes(100);
  assert.is(
    await failureCode(() => runThrough(createEnvelopeEncryptor(alice.certificate, 99), [data])),
    'PLAINTEXT_LENGTH_MISMATCH',
  );
  assert.is(
    await failureCode(() => runThrough(createEnvelopeEncryptor(alice.certificate, 101), [data])),
    'PLAINTEXT_LENGTH_MISMATCH',
  );
  const empty = await runThrough(createEnvelopeEncryptor(alice.certificate, 0), []);
  assert.is(decryptEnvelope(empty, [alice.privateKey]).length, 0);
});

test('property: streaming and in-memory, DER and BER, any chunking give the plaintext', async () => {
  const sizes = fc.oneof(fc.constantFrom(0, 15, 16, 17, 31, 32, 33), fc.nat(5000));
  const chunking = fc.array(fc.integer({ min: 1, max: 700 }), { minLength: 1, maxLength: 6 });
  await fc.assert(
    fc.asyncProperty(sizes, chunking, chunking, async (size, inSizes, segmentSizes) => {
      const data = randomBytes(size);
      const der = await runThrough(createEnvelopeEncryptor(alice.certificate, size), chunk(data, inSizes));
      assert.ok(der.equals(readSingleTlv(der).source), 'DER');
      const ber = toStreamingBer(der, segmentSizes);
      for (const envelope of [der, ber]) {
        assert.ok(decryptEnvelope(envelope, [alice.privateKey]).equals(data));
        const streamed = await runThrough(
          createEnvelopeDecryptor([alice.privateKey]),
          chunk(envelope, inSizes),
        );
        assert.ok(streamed.equals(data));
      }
    }),
    { numRuns: 60 },
  );
});

test('property: every truncation of a DER or BER envelope fails with ENVELOPE_MALFORMED', async () => {
  const data = randomBytes(300);
  const der = encryptEnvelope(data, alice.certificate);
  const ber = toStreamingBer(der, [40, 7]);
  for (const envelope of [der, ber]) {
    await fc.assert(
      fc.asyncProperty(fc.nat(envelope.length - 1), fc.integer({ min: 1, max: 64 }), async (cut, piece) => {
        const truncated = envelope.subarray(0, cut);
        const code = await failureCode(() =>
          runThrough(createEnvelopeDecryptor([alice.privateKey]), chunk(truncated, [piece])),
        );
        return (
          code === 'ENVELOPE_MALFORMED' &&
          (await failureCode(() => decryptEnvelope(truncated, [alice.privateKey]))) === code
        );
      }),
      { numRuns: 150 },
    );
  }
});

test('property: corrupted envelopes fail with a toolkit error or decrypt to something, never crash', async () => {
  const data = randomBytes(200);
  const ber = toStreamingBer(encryptEnvelope(data, alice.certificate), [50]);
  const allowed = new Set([
    'ENVELOPE_MALFORMED',
    'NO_MATCHING_KEY',
    'DECRYPTION_FAILED',
    'UNSUPPORTED_ALGORITHM',
    'no error',
  ]);
  await fc.assert(
    fc.asyncProperty(fc.nat(ber.length - 1), fc.integer({ min: 1, max: 255 }), async (index, mask) => {
      const corrupted = Buffer.from(ber);
      corrupted[index]! ^= mask;
      const code = await failureCode(() =>
        runThrough(createEnvelopeDecryptor([alice.privateKey]), chunk(corrupted, [33])),
      );
      return allowed.has(code);
    }),
    { numRuns: 300 },
  );
});

test.after(() => ws.dispose());
test.run();
