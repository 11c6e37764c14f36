import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError, type FiksErrorOptions } from '../errors/fiks-error.js';

/** The stable codes of {@link TransportError} (listed with their meaning in the error catalogue). */
export type TransportErrorCode = ErrorCodeOf<'TransportError'>;

/**
 * An error raised by a receive transport (AMQP, the in-memory broker, the WebSocket bridge).
 */
export class TransportError extends FiksError {
  declare readonly code: TransportErrorCode;

  constructor(code: TransportErrorCode, message: string, options: FiksErrorOptions = {}) {
    super(code, message, options);
  }
}
