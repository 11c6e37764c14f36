import { FiksError } from '../errors/fiks-error.js';

/** Stable codes of {@link ProtocolSpecError}. */
export type ProtocolSpecErrorCode =
  | 'PROTOCOL_SPEC_NOT_FOUND'
  | 'PROTOCOL_SPEC_INVALID'
  | 'SCHEMA_COMPILE_FAILED'
  | 'MESSAGE_TYPE_UNKNOWN';

/** A protocol specification folder that cannot be found, read or used. */
export class ProtocolSpecError extends FiksError {
  declare readonly code: ProtocolSpecErrorCode;

  constructor(
    code: ProtocolSpecErrorCode,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, options);
  }
}
