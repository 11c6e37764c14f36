import { FiksError } from '../errors/fiks-error.js';

/** Errors of the Fiks IO client facade (`PAYLOAD_ABSENT`, `CLIENT_CLOSED`, `RECEIVE_UNSUPPORTED`, …). */
export class ClientError extends FiksError {}
