import { FiksError } from '../errors/fiks-error.js';

/**
 * Errors of the typed protocol layer: `DEADLINE_EXCEEDED`, `SCHEMA_INVALID`,
 * `REPLY_TYPE_NOT_ALLOWED`, `PAYLOAD_FILE_MISSING`, `PAYLOAD_NOT_JSON`, `MESSAGE_TYPE_UNKNOWN`,
 * `NOT_A_REQUEST`, `PLATFORM_TIMEOUT` (Fiks IO's tidsavbrudd: the request expired unread),
 * `PLATFORM_DELIVERY_FAILED` (Fiks IO's serverfeil: delivered three times without an ack).
 */
export class ProtocolError extends FiksError {}
