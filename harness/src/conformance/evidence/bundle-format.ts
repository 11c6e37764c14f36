/**
 * The evidence bundle: one JSON file a person can mail. See the harness README ("Evidence
 * bundle") for what it reveals to whom.
 *
 * ```
 * { format, contentSha256, index, signature, parts }
 * ```
 * - `index` names the run, what judged it, every case's verdict and every part with its kind,
 *   size and SHA-256;
 * - `contentSha256` is the hex SHA-256 of the index's canonical JSON ({@link canonicalJson}): the
 *   bundle's content address (the index holds every part's hash, so it covers every byte);
 * - `signature` is a detached CMS SignedData (base64 DER) over the same canonical bytes, signed
 *   with the harness's key and carrying its certificate;
 * - `parts` holds each part's bytes in base64, by name.
 */
import type { JudgeContext } from '../model/judge-context.js';
import type { RunMeta } from '../report/index.js';

export const EVIDENCE_FORMAT = 'fiks-conformance-evidence/1';

/** What a part holds. */
export type PartKind =
  /** One case's readable record (JSON): verdicts, checks, timelines, payloads with commitments. */
  | 'case-record'
  /** A request's CMS envelope exactly as sent (encrypted to the vendor). */
  | 'request-envelope'
  /** A reply's CMS envelope exactly as received (encrypted to the harness). */
  | 'reply-envelope'
  /** The vendor's signed ASiC-E manifest of a reply. */
  | 'vendor-manifest'
  /** The vendor's CMS signature over that manifest. */
  | 'vendor-signature'
  /** The commitments' salt, encrypted to the harness's certificate (CMS EnvelopedData). */
  | 'sealed';

/** One part as the index lists it. */
export interface PartEntry {
  name: string;
  kind: PartKind;
  size: number;
  sha256: string;
}

/** A file that judged the run, by its path under the repository and its hash. */
export interface HashedFile {
  path: string;
  sha256: string;
}

/** What judged the run: the harness's version, every file of the suite and the lockfile. */
export interface JudgedBy {
  harness: { name: string; version: string };
  suiteHash: string;
  /** Every case file, schema, code list and catalogue of the suite, sorted by path. */
  suiteFiles: HashedFile[];
  lockfile: HashedFile | null;
}

/** The signed index of a bundle. */
export interface EvidenceIndex {
  format: typeof EVIDENCE_FORMAT;
  /** The run as its report names it (personal data replaced by commitments). */
  run: RunMeta;
  judgedBy: JudgedBy;
  /** What the cases were resolved with besides the suite: the run's data map, by hash (null without one). */
  dataMapSha256: string | null;
  /** The certificate the vendor signs with, as the run knew it. */
  vendorCertificate: JudgeContext['vendorCertificate'] | null;
  commitments: { algorithm: 'HMAC-SHA256'; saltPart: string };
  cases: { id: string; verdict: string; part: string }[];
  parts: PartEntry[];
}

/** A bundle as stored. */
export interface EvidenceBundle {
  format: typeof EVIDENCE_FORMAT;
  contentSha256: string;
  index: EvidenceIndex;
  /** Base64 DER CMS SignedData, detached over the index's canonical JSON. */
  signature: string;
  /** Base64 bytes of every part, by name. */
  parts: Record<string, string>;
}

/** The name of the sealed part. */
export const SEALED_PART = 'sealed/salt.cms';
