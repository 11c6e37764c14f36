import { FiksError } from '../errors/fiks-error.js';

/**
 * A Maskinporten token could not be obtained. Codes: `MASKINPORTEN_GRANT_REFUSED` (the token
 * endpoint answered 4xx; `details` hold the status and the OAuth `error`/`error_description`,
 * never the assertion), `MASKINPORTEN_UNAVAILABLE` (network error or 5xx after the retries),
 * `MASKINPORTEN_RESPONSE_INVALID` (2xx without a usable `access_token`/`expires_in`),
 * `MASKINPORTEN_KEY_ID_MISSING` (a client without certificate and without the `kid` of its key).
 */
export class MaskinportenError extends FiksError {}
