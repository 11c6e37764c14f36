import { FiksError, isFiksError } from '../errors/fiks-error.js';

/** The stable codes an ASiC-E container can fail with (the crypto layer's signature codes pass through). */
export type AsiceErrorCode =
  | 'ASICE_MALFORMED'
  | 'ZIP_MALFORMED'
  | 'ZIP_UNSUPPORTED'
  | 'ENTRY_ENCRYPTED'
  | 'MIMETYPE_INVALID'
  | 'MANIFEST_MISSING'
  | 'MANIFEST_MALFORMED'
  | 'ENTRY_NOT_IN_MANIFEST'
  | 'MANIFEST_ENTRY_MISSING'
  | 'DIGEST_MISMATCH'
  | 'UNSAFE_ENTRY_NAME'
  | 'DUPLICATE_ENTRY'
  | 'UNEXPECTED_META_INF_ENTRY'
  | 'LIMIT_EXCEEDED'
  | 'SIGNATURE_MISSING'
  | 'INPUT_UNREADABLE'
  | 'INPUT_CHANGED'
  | 'OUTPUT_FAILED';

/** A container that cannot be written, or that is not a well-formed, fully verified ASiC-E. */
export class AsiceError extends FiksError {
  declare readonly code: AsiceErrorCode;

  constructor(
    code: AsiceErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, options);
  }
}

/** An {@link AsiceError} with `details` about the entry or limit concerned. */
export function asiceFailure(
  code: AsiceErrorCode,
  message: string,
  details?: Record<string, unknown>,
): AsiceError {
  return new AsiceError(code, message, details === undefined ? {} : { details });
}

/** Rethrows a file-system failure of writing payload files as `OUTPUT_FAILED` (toolkit errors pass through). */
export function outputFailed(error: unknown): never {
  if (isFiksError(error)) throw error;
  throw new AsiceError('OUTPUT_FAILED', 'Could not write a payload file to the output directory.', {
    cause: error,
  });
}
