import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError, isFiksError } from '../errors/fiks-error.js';

/** The stable codes an ASiC-E container can fail with (the crypto layer's signature codes pass through). */
export type AsiceErrorCode = ErrorCodeOf<'AsiceError'>;

/** A container that cannot be written, or that is not a well-formed, fully verified ASiC-E. */
export class AsiceError extends FiksError<AsiceErrorCode> {}

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
