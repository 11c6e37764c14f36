import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes of {@link TransportError} (listed with their meaning in the error catalogue). */
export type TransportErrorCode = ErrorCodeOf<'TransportError'>;

/**
 * An error raised by a receive transport (AMQP, the in-memory broker, the WebSocket bridge).
 */
export class TransportError extends FiksError<TransportErrorCode> {}
