import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksHttpError } from './fiks-http-error.js';

/** The stable codes of {@link SendError} (listed with their meaning in the error catalogue). */
export type SendErrorCode = ErrorCodeOf<'SendError'>;

/**
 * A message was not accepted by `POST /fiks-io/api/v1/send` (only 202 is success), or was refused
 * before any request.
 */
export class SendError extends FiksHttpError<SendErrorCode> {}
