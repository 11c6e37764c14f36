import { suite } from 'uvu';
import * as assert from 'uvu/assert';
import {
  asiceValidCheck,
  decryptsCheck,
  signerCheck,
} from '../../../src/conformance/checks/envelope-checks.js';
import type { OpenedReply } from '../../../src/conformance/model/recorded-exchange.js';
import { GRANTED_DEFERRAL, judged, OTHER_PEM, VENDOR_PEM, verdicts } from './recorded-exchanges.js';

const test = suite('checks: envelope (crypto.decrypts, asice.valid, asice.signer)');

function withOpened(opened: OpenedReply, context = {}) {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply, { context });
  return { ...j, exchange: { ...j.exchange, replies: [{ ...j.exchange.replies[0]!, opened }] } };
}

const all = (j: ReturnType<typeof withOpened>) => [
  ...decryptsCheck(j),
  ...asiceValidCheck(j),
  ...signerCheck(j),
];

test("a decrypted, verified reply signed with the vendor's given certificate passes all three", () => {
  const j = judged(GRANTED_DEFERRAL.request, GRANTED_DEFERRAL.reply);
  assert.equal(verdicts([...decryptsCheck(j), ...asiceValidCheck(j), ...signerCheck(j)]), [
    'pass',
    'pass',
    'pass',
  ]);
});

test('a reply encrypted to another key fails crypto.decrypts with the code', () => {
  const results = all(
    withOpened({ ok: false, code: 'NO_MATCHING_KEY', message: 'No private key matches the recipient.' }),
  );
  assert.equal(verdicts(results), ['fail', 'skip']);
  assert.match(results[0]!.message, /NO_MATCHING_KEY: No private key matches/);
});

test('a digest mismatch fails asice.valid (decryption passed)', () => {
  const results = all(
    withOpened({ ok: false, code: 'DIGEST_MISMATCH', message: 'payload.json does not match its digest.' }),
  );
  assert.equal(verdicts(results), ['pass', 'fail']);
  assert.match(results[1]!.message, /DIGEST_MISMATCH/);
});

test('an invalid CAdES signature fails asice.valid', () => {
  const results = all(
    withOpened({ ok: false, code: 'SIGNATURE_INVALID', message: 'The signature does not verify.' }),
  );
  assert.equal(verdicts(results), ['pass', 'fail']);
});

test("an unknown opening code is the harness's error, not the vendor's failure", () => {
  const results = all(withOpened({ ok: false, code: 'OPEN_FAILED', message: 'disk full' }));
  assert.equal(verdicts(results), ['error', 'skip']);
});

test('an unsigned reply fails asice.valid', () => {
  const j = withOpened({ ok: true, files: [], signature: { status: 'absent' }, payload: {} });
  const results = all(j);
  assert.equal(verdicts(results), ['pass', 'fail']);
  assert.match(results[1]!.message, /not signed/);
});

const signedBy = (pem: string): OpenedReply => ({
  ok: true,
  files: [],
  signature: {
    status: 'verified',
    signerCertificatePem: pem,
    signerSubject: 'CN=Someone',
    signerSerial: '0A',
  },
  payload: {},
});

test('another signer fails against a given certificate, warns against the catalogue one, is skipped with none', () => {
  assert.equal(verdicts(signerCheck(withOpened(signedBy(OTHER_PEM)))), ['fail']);
  const catalogue = signerCheck(
    withOpened(signedBy(OTHER_PEM), { vendorCertificate: { pem: VENDOR_PEM, source: 'catalog' } }),
  );
  assert.equal(verdicts(catalogue), ['warn']);
  assert.match(catalogue[0]!.message, /CN=Someone \(serial 0A\)/);
  const unknown = signerCheck(withOpened(signedBy(OTHER_PEM), { vendorCertificate: undefined }));
  assert.equal(verdicts(unknown), ['skip']);
  assert.match(unknown[0]!.message, /no vendor certificate is known/);
});

test('the same certificate in other PEM line breaks is the same signer', () => {
  const rewrapped = VENDOR_PEM.replace('\nVkVORE9S\n', '\nVkVO\nRE9S\n');
  assert.equal(verdicts(signerCheck(withOpened(signedBy(rewrapped)))), ['pass']);
});

test.run();
