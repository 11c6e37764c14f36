import { X509Certificate as Certificate, type X509Certificate } from 'node:crypto';
import { isFiksError } from '@fiks-faktura/sdk';
import { verifyDetached } from '@fiks-faktura/sdk/testing';
import type { CaseResult } from '../model/case-result.js';
import type { OpenedReply, RecordedExchange } from '../model/recorded-exchange.js';
import type { EvidenceBundle } from './bundle-format.js';
import { canonicalBytes } from './canonical-json.js';
import { caseFromRecord } from './case-record.js';
import { parseBundle } from './read-bundle.js';
import { sha256Hex } from './write-bundle.js';

/** Which check found a problem. */
export type FindingCheck =
  | 'format'
  | 'content-hash'
  | 'signature'
  | 'trust'
  | 'part-hash'
  | 'part-missing'
  | 'part-unlisted'
  | 'record'
  | 'vendor-signature'
  | 'vendor-signer'
  | 'manifest-digest'
  | 'correlation'
  | 'verdict';

/** One problem, naming the part it is in (`index`, `signature` or a part's name). */
export interface VerifyFinding {
  check: FindingCheck;
  part: string;
  message: string;
}

/** What `verify` found. */
export interface VerifyOutcome {
  valid: boolean;
  contentSha256?: string;
  /** The subject of the certificate that signed the bundle, when the signature verified. */
  signer?: string;
  findings: VerifyFinding[];
  counted: { parts: number; replies: number; vendorSignatures: number };
}

function errorText(error: unknown): string {
  if (isFiksError(error)) return `${error.code}: ${error.message}`;
  return error instanceof Error ? error.message : String(error);
}

/** A certificate's subject on one line (Node gives one attribute a line). */
function oneLineSubject(certificate: X509Certificate): string {
  return certificate.subject.replace(/\n/g, ', ');
}

function checkSignature(bundle: EvidenceBundle, signed: Buffer, trust: X509Certificate | undefined) {
  const findings: VerifyFinding[] = [];
  try {
    const check = verifyDetached(Buffer.from(bundle.signature, 'base64'), signed);
    if (trust !== undefined && !check.signer.raw.equals(trust.raw))
      findings.push({
        check: 'trust',
        part: 'signature',
        message: `signed by ${oneLineSubject(check.signer)} (serial ${check.signer.serialNumber}), not by the trusted certificate`,
      });
    return { findings, signer: oneLineSubject(check.signer) };
  } catch (error) {
    findings.push({
      check: 'signature',
      part: 'signature',
      message: `the harness's signature does not verify over the index: ${errorText(error)}`,
    });
    return { findings };
  }
}

/**
 * Every listed part's bytes, and how many match the index; a finding for every missing, changed
 * or unlisted part (a changed part is still read, so the checks of its case go on).
 */
function checkParts(
  bundle: EvidenceBundle,
  findings: VerifyFinding[],
): { present: Map<string, Buffer>; intact: number } {
  const present = new Map<string, Buffer>();
  let intact = 0;
  const listed = new Set<string>();
  for (const entry of bundle.index.parts) {
    listed.add(entry.name);
    const base64 = bundle.parts[entry.name];
    if (typeof base64 !== 'string') {
      findings.push({
        check: 'part-missing',
        part: entry.name,
        message: 'listed in the index, absent from parts',
      });
      continue;
    }
    const bytes = Buffer.from(base64, 'base64');
    present.set(entry.name, bytes);
    const actual = sha256Hex(bytes);
    if (actual !== entry.sha256 || bytes.length !== entry.size || bytes.toString('base64') !== base64)
      findings.push({
        check: 'part-hash',
        part: entry.name,
        message: `${entry.kind}: SHA-256 ${actual} (${bytes.length} bytes), the index says ${entry.sha256} (${entry.size} bytes)`,
      });
    else intact++;
  }
  for (const name of Object.keys(bundle.parts))
    if (!listed.has(name))
      findings.push({ check: 'part-unlisted', part: name, message: 'a part the index does not list' });
  return { present, intact };
}

/** The vendor's ASiC-E signature on a reply: verifies over the manifest, by the vendor, and the manifest names the files read. */
function checkVendorSignature(
  opened: OpenedReply,
  where: string,
  vendorPem: string | undefined,
  findings: VerifyFinding[],
): boolean {
  if (!opened.ok || opened.signature.status !== 'verified' || opened.signature.signed === undefined)
    return false;
  const { manifest, signature } = opened.signature.signed;
  try {
    const check = verifyDetached(signature, manifest);
    const expected = new Certificate(vendorPem ?? opened.signature.signerCertificatePem);
    if (!check.signer.raw.equals(expected.raw))
      findings.push({
        check: 'vendor-signer',
        part: `${where}/opened/signature/signed/signature`,
        message: `signed by ${oneLineSubject(check.signer)}, not by the vendor's certificate`,
      });
  } catch (error) {
    findings.push({
      check: 'vendor-signature',
      part: `${where}/opened/signature/signed/signature`,
      message: `the vendor's signature does not verify over its manifest: ${errorText(error)}`,
    });
  }
  const text = manifest.toString('utf8');
  // A manifest with another digest method than SHA-256 cannot be compared without the files (only the key holder has them).
  const sha256Only = !/#sha(1|384|512)"/.test(text);
  for (const file of opened.files) {
    const digest = Buffer.from(file.sha256, 'hex').toString('base64');
    if (sha256Only && !text.includes(`>${digest}<`))
      findings.push({
        check: 'manifest-digest',
        part: `${where}/opened/signature/signed/manifest`,
        message: `the signed manifest does not hold the digest of ${file.name} as read (${file.sha256})`,
      });
  }
  return true;
}

/** Every reply answers its request (`svarPaMelding`) and goes from the vendor (or the platform) to the harness. */
function checkCorrelation(exchange: RecordedExchange, where: string, findings: VerifyFinding[]): void {
  const groups = [
    { request: exchange.request, replies: exchange.replies, at: where },
    ...(exchange.burst ?? []).map((copy, i) => ({ ...copy, at: `${where}/burst/${i}` })),
  ];
  for (const { request, replies, at } of groups)
    replies.forEach((reply, i) => {
      const problems: string[] = [];
      if (reply.svarPaMelding?.toLowerCase() !== request.meldingId.toLowerCase())
        problems.push(
          `svarPaMelding ${reply.svarPaMelding ?? '(none)'} is not the request's meldingId ${request.meldingId}`,
        );
      if (reply.mottakerKontoId.toLowerCase() !== exchange.harnessKontoId.toLowerCase())
        problems.push(`mottakerKontoId ${reply.mottakerKontoId} is not the harness's account`);
      if (
        reply.platformMessage === undefined &&
        reply.avsenderKontoId.toLowerCase() !== exchange.vendorKontoId.toLowerCase()
      )
        problems.push(`avsenderKontoId ${reply.avsenderKontoId} is not the vendor's account`);
      if (problems.length > 0)
        findings.push({ check: 'correlation', part: `${at}/replies/${i}`, message: problems.join('; ') });
    });
}

/**
 * Verifies a bundle offline: its format; the content address and the harness's signature over
 * the index (with `trust`, the signer must be that certificate); every part's SHA-256 and size;
 * in each case record, every vendor signature against the vendor's certificate (the run's, else
 * the one in the signature) and its manifest against the files read, every reply's correlation
 * to its request, and the verdict against the index. Any changed byte gives a finding naming the
 * part and the hash.
 */
export function verifyBundle(text: string, options: { trust?: X509Certificate } = {}): VerifyOutcome {
  try {
    return verifyParsed(text, options);
  } catch (error) {
    // A bundle shaped unlike any the harness writes (a part entry that is no object, a record of another shape).
    const message = `not a bundle this harness wrote: ${(error as Error).message}`;
    return {
      valid: false,
      findings: [{ check: 'format', part: 'bundle', message }],
      counted: { parts: 0, replies: 0, vendorSignatures: 0 },
    };
  }
}

function verifyParsed(text: string, options: { trust?: X509Certificate }): VerifyOutcome {
  const counted = { parts: 0, replies: 0, vendorSignatures: 0 };
  const parsed = parseBundle(text);
  if ('problem' in parsed)
    return {
      valid: false,
      findings: [{ check: 'format', part: 'bundle', message: parsed.problem }],
      counted,
    };
  const { bundle } = parsed;
  const findings: VerifyFinding[] = [];
  const signed = canonicalBytes(bundle.index);
  const contentSha256 = sha256Hex(signed);
  if (contentSha256 !== bundle.contentSha256)
    findings.push({
      check: 'content-hash',
      part: 'index',
      message: `the index's canonical SHA-256 is ${contentSha256}, the bundle says ${bundle.contentSha256}`,
    });
  const signature = checkSignature(bundle, signed, options.trust);
  findings.push(...signature.findings);
  const { present: parts, intact } = checkParts(bundle, findings);
  counted.parts = intact;
  // A certificate the user named binds the vendor; the catalogue's may differ from an enterprise signer (the checks only warn).
  const vendorPem =
    bundle.index.vendorCertificate?.source === 'given' ? bundle.index.vendorCertificate.pem : undefined;
  for (const entry of bundle.index.cases) {
    const record = parts.get(entry.part);
    if (record === undefined) continue;
    let result: CaseResult;
    try {
      result = caseFromRecord(record, (name) => {
        const bytes = parts.get(name);
        if (bytes === undefined) throw new Error(`part ${name} is missing`);
        return bytes;
      });
    } catch (error) {
      findings.push({
        check: 'record',
        part: entry.part,
        message: `unreadable: ${(error as Error).message}`,
      });
      continue;
    }
    if (result.verdict !== entry.verdict)
      findings.push({
        check: 'verdict',
        part: entry.part,
        message: `the record says ${result.verdict}, the index ${entry.verdict}`,
      });
    for (const exchange of result.exchanges) {
      const where = `cases/${result.id}/attempt-${exchange.attempt}/step-${exchange.step}`;
      checkCorrelation(exchange, where, findings);
      exchange.replies.forEach((reply, i) => {
        counted.replies++;
        if (
          reply.opened !== undefined &&
          checkVendorSignature(reply.opened, `${where}/replies/${i}`, vendorPem, findings)
        )
          counted.vendorSignatures++;
      });
    }
  }
  return {
    valid: findings.length === 0,
    contentSha256: bundle.contentSha256,
    ...(signature.signer === undefined ? {} : { signer: signature.signer }),
    findings,
    counted,
  };
}
