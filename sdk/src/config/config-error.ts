import { FiksError } from '../errors/fiks-error.js';

/**
 * A configuration that cannot be used. Codes: `CONFIG_INVALID` (a field is missing, malformed or
 * not allowed; the message names the field), `CONFIG_FILE_UNREADABLE` (the config file or a file
 * it points to cannot be read), `CONFIG_KEY_INVALID` (a key or certificate file cannot be parsed).
 */
export class ConfigError extends FiksError {}
