import { createHash, randomBytes, type X509Certificate } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import type { Signer } from '@fiks-faktura/sdk';
import { encryptEnvelope, signDetached } from '@fiks-faktura/sdk/testing';
import type { CaseResult } from '../model/case-result.js';
import type { JudgeContext } from '../model/judge-context.js';
import { maskPersonalData, type RunMeta } from '../report/index.js';
import {
  EVIDENCE_FORMAT,
  type EvidenceBundle,
  type EvidenceIndex,
  type JudgedBy,
  SEALED_PART,
} from './bundle-format.js';
import { canonicalBytes } from './canonical-json.js';
import { caseRecordParts, type PartBytes, recordPartName } from './case-record.js';
import { EvidenceError } from './evidence-error.js';
import { commitmentMasks, newCommitmentSalt } from './personal-commitments.js';

/** What a bundle is made of. */
export interface EvidenceInput {
  run: RunMeta;
  cases: CaseResult[];
  judgedBy: JudgedBy;
  dataMapSha256: string | null;
  vendorCertificate?: JudgeContext['vendorCertificate'];
  /** The harness's key and certificate: signs the bundle. */
  signer: Signer;
  /** The certificate whose key opens the replies (the harness's account): the salt is sealed to it. */
  sealTo: X509Certificate;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Builds a signed, content-addressed evidence bundle (see `bundle-format.ts`): every case's
 * readable record with commitments (HMAC-SHA256 with a fresh salt) in place of personal data,
 * every envelope and vendor signature as exchanged, the salt sealed to the harness's certificate,
 * the index signed with the harness's key.
 */
export function buildEvidenceBundle(input: EvidenceInput): EvidenceBundle {
  const salt = newCommitmentSalt();
  const masks = commitmentMasks(salt);
  const parts: PartBytes[] = [
    { name: SEALED_PART, kind: 'sealed', bytes: encryptEnvelope(salt, input.sealTo) },
    ...input.cases.flatMap((c) => caseRecordParts(c, masks)),
  ];
  const index: EvidenceIndex = {
    format: EVIDENCE_FORMAT,
    run: maskPersonalData(input.run, masks),
    judgedBy: input.judgedBy,
    dataMapSha256: input.dataMapSha256,
    vendorCertificate: input.vendorCertificate ?? null,
    commitments: { algorithm: 'HMAC-SHA256', saltPart: SEALED_PART },
    cases: input.cases.map((c) => ({ id: c.id, verdict: c.verdict, part: recordPartName(c.id) })),
    parts: parts.map((p) => ({
      name: p.name,
      kind: p.kind,
      size: p.bytes.length,
      sha256: sha256Hex(p.bytes),
    })),
  };
  const signed = canonicalBytes(index);
  return {
    format: EVIDENCE_FORMAT,
    contentSha256: sha256Hex(signed),
    index,
    signature: signDetached(signed, input.signer).toString('base64'),
    parts: Object.fromEntries(parts.map((p) => [p.name, p.bytes.toString('base64')])),
  };
}

/**
 * Writes the bundle to `path` (beside it first, then renamed into place, so no half-written
 * bundle is ever seen) and returns its content address. Throws `EVIDENCE_WRITE_FAILED`.
 */
export async function writeEvidenceBundle(path: string, input: EvidenceInput): Promise<string> {
  const bundle = buildEvidenceBundle(input);
  const temp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(temp, `${JSON.stringify(bundle, null, 1)}\n`, { encoding: 'utf8', flag: 'wx' });
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    const why = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
    throw new EvidenceError('EVIDENCE_WRITE_FAILED', `cannot write the evidence bundle ${path}: ${why}`, {
      cause: error,
    });
  }
  return bundle.contentSha256;
}
