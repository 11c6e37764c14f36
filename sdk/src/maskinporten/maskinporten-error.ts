import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes of {@link MaskinportenError} (listed with their meaning in the error catalogue). */
export type MaskinportenErrorCode = ErrorCodeOf<'MaskinportenError'>;

/**
 * A Maskinporten token could not be obtained. `details` hold the status and the OAuth
 * `error`/`error_description`, never the assertion.
 */
export class MaskinportenError extends FiksError<MaskinportenErrorCode> {}
