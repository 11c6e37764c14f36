import { FiksError } from '@fiks-faktura/sdk';

/** The stable codes of {@link EvidenceError}. */
export type EvidenceErrorCode =
  /** The bundle file cannot be read (missing, unreadable). */
  | 'EVIDENCE_NOT_FOUND'
  /** The bundle could not be written (nothing partial is left behind). */
  | 'EVIDENCE_WRITE_FAILED'
  /** Rejudging refused a bundle that does not verify (its first failure is named). */
  | 'EVIDENCE_UNVERIFIED'
  /** Rejudging needs the run's data map again and was given none, or another one. */
  | 'EVIDENCE_DATA_MAP_INVALID'
  /** The certificate given with `--trust` is unreadable. */
  | 'TRUST_CERT_INVALID';

/** Every error of the evidence bundle: the message names the file, the part or the flag at fault. */
export class EvidenceError extends FiksError<EvidenceErrorCode> {}
