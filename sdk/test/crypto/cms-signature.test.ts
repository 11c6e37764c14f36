import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { childrenOf, encodingOf, readSingleTlv } from '../../src/crypto/ber-reader.js';
import { signDetached, verifyDetached } from '../../src/crypto/cms-signature.js';
import { derAlgorithm, derNull, derSequence, derSetOf, derValue } from '../../src/crypto/der-writer.js';
import { generateDevCertificate } from '../../src/crypto/dev-certificate.js';
import { OID } from '../../src/crypto/object-identifiers.js';
import { isFiksError } from '../../src/errors/fiks-error.js';
import { OpenSslWorkspace } from './openssl-cli.js';

const ws = new OpenSslWorkspace();
const alice = await generateDevCertificate({ commonName: 'Alice Kommune', organizationNumber: '123456789' });
const bob = await generateDevCertificate({ commonName: 'Bob AS' });
ws.write('alice.key', alice.privateKeyPem);
ws.write('alice.crt', alice.certificatePem);
ws.write('bob.key', bob.privateKeyPem);
ws.write('bob.crt', bob.certificatePem);
const manifest = Buffer.from(
  '<?xml version="1.0" encoding="UTF-8"?><ASiCManifest xmlns="http://uri.etsi.org/02918/v1.2.1#"/>',
);
ws.write('manifest.xml', manifest);
const aliceSigner = { certificate: alice.certificate, privateKey: alice.privateKey };

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (error) {
    if (isFiksError(error)) return error.code;
    return `non-toolkit error: ${String(error)}`;
  }
  return 'no error';
}

/** Rebuilds a SignedData with the given SignerInfos (DER), keeping the rest of `template`. */
function withSignerInfos(template: Buffer, signerInfos: Buffer[]): Buffer {
  const [oid, wrapper] = childrenOf(readSingleTlv(template));
  const [signedData] = childrenOf(wrapper!);
  const fields = childrenOf(signedData!);
  const kept = fields.slice(0, -1).map((f) => encodingOf(f));
  return derSequence(encodingOf(oid!), derValue(0xa0, derSequence(...kept, derSetOf(...signerInfos))));
}

function signerInfosOf(signature: Buffer): Buffer[] {
  const [, wrapper] = childrenOf(readSingleTlv(signature));
  const fields = childrenOf(childrenOf(wrapper!)[0]!);
  return childrenOf(fields[fields.length - 1]!).map((n) => Buffer.from(encodingOf(n)));
}

test('signDetached → verifyDetached round trip, with signing time and trust', () => {
  const before = Date.now() - 1000;
  const signature = signDetached(manifest, aliceSigner);
  const check = verifyDetached(signature, manifest, { trusted: [bob.certificate, alice.certificate] });
  assert.is(check.signer.fingerprint256, alice.certificate.fingerprint256);
  assert.is(check.digestAlgorithm, 'sha256');
  assert.is(check.signerInfoCount, 1);
  assert.ok(
    check.signingTime && check.signingTime.getTime() >= before && check.signingTime.getTime() <= Date.now(),
  );
});

test('openssl cms -verify accepts our detached signature (-noverify and -CAfile), sees the ESS attribute', async () => {
  ws.write('ours.p7s', signDetached(manifest, aliceSigner));
  for (const trust of [['-noverify'], ['-CAfile', 'alice.crt']]) {
    const { stdout } = await ws.openssl(
      'cms',
      '-verify',
      '-binary',
      '-inform',
      'DER',
      '-in',
      'ours.p7s',
      '-content',
      'manifest.xml',
      ...trust,
    );
    assert.ok(stdout.equals(manifest), `openssl returns the content (${trust.join(' ')})`);
  }
  const { stdout } = await ws.openssl('cms', '-cmsout', '-print', '-inform', 'DER', '-in', 'ours.p7s');
  const printed = stdout.toString();
  assert.match(printed, /id-smime-aa-signingCertificateV2/);
  assert.match(printed, /sha256WithRSAEncryption/);
  assert.match(printed, /signingTime/);
  assert.match(printed, /eContent: <ABSENT>/);
});

test('verifyDetached accepts openssl signatures: sha256, sha1, -noattr, -keyid', async () => {
  const cases: Array<{ args: string[]; digest: string; time: boolean }> = [
    { args: ['-md', 'sha256'], digest: 'sha256', time: true },
    { args: ['-md', 'sha1'], digest: 'sha1', time: true },
    { args: ['-md', 'sha256', '-noattr'], digest: 'sha256', time: false },
    { args: ['-md', 'sha1', '-noattr'], digest: 'sha1', time: false },
    { args: ['-md', 'sha512', '-keyid'], digest: 'sha512', time: true },
  ];
  for (const c of cases) {
    await ws.openssl(
      'cms',
      '-sign',
      '-binary',
      '-outform',
      'DER',
      '-in',
      'manifest.xml',
      '-signer',
      'alice.crt',
      '-inkey',
      'alice.key',
      ...c.args,
      '-out',
      'theirs.p7s',
    );
    const signature = ws.read('theirs.p7s');
    const check = verifyDetached(signature, manifest, { trusted: [alice.certificate] });
    assert.is(check.digestAlgorithm, c.digest, c.args.join(' '));
    assert.is(check.signingTime !== undefined, c.time, c.args.join(' '));
    assert.is(
      codeOf(() => verifyDetached(signature, Buffer.from('other'))),
      c.args.includes('-noattr') ? 'SIGNATURE_INVALID' : 'MESSAGE_DIGEST_MISMATCH',
    );
  }
});

test('two SignerInfos (two signers via openssl): both must verify', async () => {
  await ws.openssl(
    'cms',
    '-sign',
    '-binary',
    '-outform',
    'DER',
    '-in',
    'manifest.xml',
    '-md',
    'sha256',
    '-signer',
    'alice.crt',
    '-inkey',
    'alice.key',
    '-signer',
    'bob.crt',
    '-inkey',
    'bob.key',
    '-out',
    'two.p7s',
  );
  const signature = ws.read('two.p7s');
  const check = verifyDetached(signature, manifest);
  assert.is(check.signerInfoCount, 2);
  assert.is(
    codeOf(() => verifyDetached(signature, manifest, { trusted: [alice.certificate] })),
    'SIGNER_NOT_TRUSTED',
  );
  assert.is(
    verifyDetached(signature, manifest, { trusted: [alice.certificate, bob.certificate] }).signerInfoCount,
    2,
  );
});

test('two SignerInfos for the same certificate, .NET style (rsaEncryption and sha256WithRSAEncryption)', () => {
  const signature = signDetached(manifest, aliceSigner);
  const [info] = signerInfosOf(signature);
  // Same SignerInfo with the signature algorithm spelled rsaEncryption: the signature bytes stay valid.
  const fields: Buffer[] = childrenOf(readSingleTlv(info!)).map((f) => Buffer.from(encodingOf(f)));
  fields[4] = derAlgorithm(OID.rsaEncryption, derNull());
  const rsaEncryptionInfo = derSequence(...fields);
  const combined = withSignerInfos(signature, [info!, rsaEncryptionInfo]);
  const check = verifyDetached(combined, manifest);
  assert.is(check.signerInfoCount, 2);
  // One broken SignerInfo fails the whole signature.
  const broken = Buffer.from(rsaEncryptionInfo);
  broken[broken.length - 5]! ^= 0x01;
  assert.is(
    codeOf(() => verifyDetached(withSignerInfos(signature, [info!, broken]), manifest)),
    'SIGNATURE_INVALID',
  );
});

test('tampering: content, signature bytes, signed attributes', () => {
  const signature = signDetached(manifest, aliceSigner);
  assert.is(
    codeOf(() => verifyDetached(signature, Buffer.concat([manifest, Buffer.from(' ')]))),
    'MESSAGE_DIGEST_MISMATCH',
  );
  const flippedSignature = Buffer.from(signature);
  flippedSignature[flippedSignature.length - 1]! ^= 0x80;
  assert.is(
    codeOf(() => verifyDetached(flippedSignature, manifest)),
    'SIGNATURE_INVALID',
  );
  // Change the signing time's last digit (inside the signed attributes).
  const times = [...signature.toString('latin1').matchAll(/\d{12}Z/g)];
  const at = times[times.length - 1]!.index;
  const retimed = Buffer.from(signature);
  retimed[at + 11] = retimed[at + 11] === 0x30 ? 0x31 : 0x30;
  assert.is(
    codeOf(() => verifyDetached(retimed, manifest)),
    'SIGNATURE_INVALID',
  );
});

test('untrusted signer, missing certificate, foreign structures', () => {
  const signature = signDetached(manifest, aliceSigner);
  assert.is(
    codeOf(() => verifyDetached(signature, manifest, { trusted: [bob.certificate] })),
    'SIGNER_NOT_TRUSTED',
  );
  assert.is(
    codeOf(() => verifyDetached(signature, manifest, { trusted: [] })),
    'SIGNER_NOT_TRUSTED',
  );
  // SignedData without the certificates field.
  const [oid, wrapper] = childrenOf(readSingleTlv(signature));
  const fields = childrenOf(childrenOf(wrapper!)[0]!)
    .filter((f) => f.tag !== 0xa0)
    .map((f) => encodingOf(f));
  const noCerts = derSequence(encodingOf(oid!), derValue(0xa0, derSequence(...fields)));
  assert.is(
    codeOf(() => verifyDetached(noCerts, manifest)),
    'SIGNATURE_MALFORMED',
  );
  assert.is(
    codeOf(() => verifyDetached(alice.certificate.raw, manifest)),
    'SIGNATURE_MALFORMED',
  );
  assert.is(
    codeOf(() => verifyDetached(new Uint8Array(0), manifest)),
    'SIGNATURE_MALFORMED',
  );
});

test('signDetached refuses a key that does not belong to the certificate', () => {
  assert.is(
    codeOf(() => signDetached(manifest, { certificate: alice.certificate, privateKey: bob.privateKey })),
    'KEY_INVALID',
  );
});

test('property: truncated or corrupted signatures give a toolkit error, never a crash or a pass', () => {
  const signature = signDetached(manifest, aliceSigner);
  const allowed = new Set([
    'SIGNATURE_MALFORMED',
    'SIGNATURE_INVALID',
    'MESSAGE_DIGEST_MISMATCH',
    'UNSUPPORTED_ALGORITHM',
  ]);
  fc.assert(
    fc.property(fc.nat(signature.length - 1), (cut) => {
      const code = codeOf(() => verifyDetached(signature.subarray(0, cut), manifest));
      return allowed.has(code);
    }),
    { numRuns: 200 },
  );
  fc.assert(
    fc.property(fc.nat(signature.length - 1), fc.integer({ min: 1, max: 255 }), (index, mask) => {
      const corrupted = Buffer.from(signature);
      corrupted[index]! ^= mask;
      const code = codeOf(() => verifyDetached(corrupted, manifest));
      // Some bytes (e.g. inside the unsigned certificate's own signature) do not affect verification.
      return allowed.has(code) || code === 'no error';
    }),
    { numRuns: 300 },
  );
});

test.after(() => ws.dispose());
test.run();
