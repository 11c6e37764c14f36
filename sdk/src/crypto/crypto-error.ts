import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes a {@link CryptoError} carries (listed with their meaning in the error catalogue). */
export type CryptoErrorCode = ErrorCodeOf<'CryptoError'>;

/** An error from key handling, CMS encryption/decryption or CMS signatures. Never carries key material. */
export class CryptoError extends FiksError<CryptoErrorCode> {}
