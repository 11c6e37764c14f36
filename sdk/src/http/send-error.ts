import { FiksHttpError } from './fiks-http-error.js';

/**
 * A message was not accepted by `POST /fiks-io/api/v1/send` (only 202 is success). Codes:
 * `SEND_UNAUTHORIZED` (401), `SEND_FORBIDDEN` (403), `SEND_NOT_FOUND` (404), `SEND_REJECTED`
 * (other 4xx), `SEND_SERVER_ERROR` (5xx), `SEND_UNEXPECTED_STATUS` (anything else, e.g. 200),
 * `SEND_NETWORK_ERROR`, `SEND_RESPONSE_INVALID` (202 with an unreadable body), and before any
 * request `SEND_REQUEST_INVALID` and `HEADER_CONFLICT`.
 */
export class SendError extends FiksHttpError {}
