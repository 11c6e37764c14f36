import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes of {@link ConfigError} (listed with their meaning in the error catalogue). */
export type ConfigErrorCode = ErrorCodeOf<'ConfigError'>;

/**
 * A configuration that cannot be used: a field missing, malformed or not allowed (the message names
 * it), a file that cannot be read, a key or certificate that cannot be parsed.
 */
export class ConfigError extends FiksError<ConfigErrorCode> {}
