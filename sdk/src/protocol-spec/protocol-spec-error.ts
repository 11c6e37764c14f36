import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** Stable codes of {@link ProtocolSpecError} (listed with their meaning in the error catalogue). */
export type ProtocolSpecErrorCode = ErrorCodeOf<'ProtocolSpecError'>;

/** A protocol specification folder that cannot be found, read or used. */
export class ProtocolSpecError extends FiksError<ProtocolSpecErrorCode> {}
