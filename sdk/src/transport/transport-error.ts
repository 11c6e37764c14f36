import { FiksError } from '../errors/fiks-error.js';

/**
 * An error raised by a receive transport. Codes: `HEADER_MISSING`, `DELIVERY_ALREADY_SETTLED`,
 * `HANDLER_FAILED`, `RECEIVER_ALREADY_STARTED`, `RECEIVER_CLOSED`, `CONNECTION_FAILED`,
 * `CONNECTION_LOST`, `QUEUE_NOT_FOUND`, `UNKNOWN_DELIVERY_TAG`, `BRIDGE_PROTOCOL_ERROR`,
 * `BRIDGE_UNAUTHORIZED`.
 */
export class TransportError extends FiksError {}
