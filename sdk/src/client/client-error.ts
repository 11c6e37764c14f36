import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes of {@link ClientError} (listed with their meaning in the error catalogue). */
export type ClientErrorCode = ErrorCodeOf<'ClientError'>;

/**
 * An error of the Fiks IO client facade (a closed client, a message without payload).
 */
export class ClientError extends FiksError<ClientErrorCode> {}
