import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, type StepUnderJudgement, suiteClause } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { vendorAnswer } from './vendor-answer.js';

/** The reply's CMS envelope opens with the harness's private key. */
export const DECRYPTS: CheckDefinition = {
  id: 'crypto.decrypts',
  severity: 'failure',
  spec: suiteClause('transport-signed-and-encrypted'),
  title: "The reply decrypts with the harness's key",
};

/** The ASiC-E is well formed and signed: mimetype, manifest, every digest, the CAdES signature. */
export const ASICE_VALID: CheckDefinition = {
  id: 'asice.valid',
  severity: 'failure',
  spec: suiteClause('transport-signed-and-encrypted'),
  title: 'The ASiC-E is valid and signed (mimetype, manifest, every digest, the CAdES signature)',
};

/** The signature is the vendor's. */
export const ASICE_SIGNER: CheckDefinition = {
  id: 'asice.signer',
  severity: 'failure',
  spec: suiteClause('transport-signed-and-encrypted'),
  title: "The ASiC-E is signed with the vendor's certificate",
};

/** SDK codes that mean the envelope could not be decrypted. */
const DECRYPTION_CODES = new Set([
  'ENVELOPE_MALFORMED',
  'UNSUPPORTED_ALGORITHM',
  'NO_MATCHING_KEY',
  'DECRYPTION_FAILED',
  'PAYLOAD_TOO_LARGE',
  'PLAINTEXT_LENGTH_MISMATCH',
]);

/** SDK codes that mean the decrypted container is not a valid, correctly signed ASiC-E. */
const CONTAINER_CODES = new Set([
  'ASICE_MALFORMED',
  'ZIP_MALFORMED',
  'ZIP_UNSUPPORTED',
  'ENTRY_ENCRYPTED',
  'MIMETYPE_INVALID',
  'MANIFEST_MISSING',
  'MANIFEST_MALFORMED',
  'ENTRY_NOT_IN_MANIFEST',
  'MANIFEST_ENTRY_MISSING',
  'DIGEST_MISMATCH',
  'UNSAFE_ENTRY_NAME',
  'DUPLICATE_ENTRY',
  'UNEXPECTED_META_INF_ENTRY',
  'LIMIT_EXCEEDED',
  'SIGNATURE_MISSING',
  'SIGNATURE_MALFORMED',
  'SIGNATURE_INVALID',
  'MESSAGE_DIGEST_MISMATCH',
  'SIGNER_NOT_TRUSTED',
  'CERTIFICATE_INVALID',
]);

/** Where an opening failure with `code` belongs: the envelope, the container, or the harness. */
function failureKind(code: string): 'decryption' | 'container' | 'harness' {
  if (DECRYPTION_CODES.has(code)) return 'decryption';
  return CONTAINER_CODES.has(code) ? 'container' : 'harness';
}

/** The answer's envelope decrypts. */
export function decryptsCheck(judged: StepUnderJudgement): CheckResult[] {
  const opened = vendorAnswer(judged.exchange)?.opened;
  if (opened === undefined) return [];
  const outcome = outcomeOf(DECRYPTS, judged);
  if (opened.ok) return [outcome.pass("the envelope decrypts with the harness's key.")];
  const kind = failureKind(opened.code);
  if (kind === 'decryption')
    return [
      outcome.fail(`the envelope does not decrypt with the harness's key: ${opened.code}: ${opened.message}`),
    ];
  if (kind === 'container') return [outcome.pass("the envelope decrypts with the harness's key.")];
  return [outcome.error(`the harness could not open the reply: ${opened.code}: ${opened.message}`)];
}

/** The decrypted ASiC-E is valid and carries a signature. */
export function asiceValidCheck(judged: StepUnderJudgement): CheckResult[] {
  const opened = vendorAnswer(judged.exchange)?.opened;
  if (opened === undefined) return [];
  const outcome = outcomeOf(ASICE_VALID, judged);
  if (!opened.ok) {
    return failureKind(opened.code) === 'container'
      ? [outcome.fail(`the ASiC-E is not valid: ${opened.code}: ${opened.message}`)]
      : [outcome.skip('the reply could not be decrypted, so its ASiC-E was not read.')];
  }
  if (opened.signature.status === 'absent')
    return [
      outcome.fail(
        'the ASiC-E is not signed (no META-INF signature); every reply must carry a CAdES signature.',
      ),
    ];
  return [
    outcome.pass('the ASiC-E is valid: mimetype, manifest, every digest and the CAdES signature verify.'),
  ];
}

/** The base64 body of a PEM certificate, for comparing two PEM texts. */
function pemBody(pem: string): string {
  return pem.replace(/-----(BEGIN|END) [A-Z ]+-----/g, '').replace(/\s+/g, '');
}

/** The signer certificate is the vendor's (a mismatch fails for a given certificate, warns for the catalogue's). */
export function signerCheck(judged: StepUnderJudgement): CheckResult[] {
  const opened = vendorAnswer(judged.exchange)?.opened;
  if (opened === undefined || !opened.ok || opened.signature.status !== 'verified') return [];
  const outcome = outcomeOf(ASICE_SIGNER, judged);
  const known = judged.context.vendorCertificate;
  if (known === undefined)
    return [
      outcome.skip(
        "no vendor certificate is known (neither given nor published for the vendor's account), so the signer was not compared.",
      ),
    ];
  const { signerSubject, signerSerial } = opened.signature;
  if (pemBody(opened.signature.signerCertificatePem) === pemBody(known.pem))
    return [outcome.pass(`signed with the vendor's certificate (${signerSubject}, serial ${signerSerial}).`)];
  const message = `signed by ${signerSubject} (serial ${signerSerial}), which is not the vendor's ${
    known.source === 'given' ? 'given' : 'published (Fiks IO catalogue)'
  } certificate.`;
  if (known.source === 'given') return [outcome.fail(message)];
  return [{ ...outcome.fail(message), verdict: 'warn', severity: 'warning' }];
}
