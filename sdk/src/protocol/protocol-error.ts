import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes of {@link ProtocolError} (listed with their meaning in the error catalogue). */
export type ProtocolErrorCode = ErrorCodeOf<'ProtocolError'>;

/**
 * An error of the typed protocol layer: a payload or reply the protocol refuses, a request the
 * platform gave up on (tidsavbrudd, serverfeil), a deadline passed, a container not signed as required.
 */
export class ProtocolError extends FiksError<ProtocolErrorCode> {}
