import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';

/**
 * Log paths whose values are replaced by `[redacted]`: authorization and integration headers in
 * any casing, passwords, tokens and JWT assertions, at the top level and one level down.
 */
export const REDACTED_LOG_PATHS: readonly string[] = [
  'authorization',
  'Authorization',
  'integrasjonPassord',
  'IntegrasjonPassord',
  'password',
  'passord',
  'token',
  'accessToken',
  'access_token',
  'assertion',
  'headers.authorization',
  'headers.Authorization',
  'headers.integrasjonpassord',
  'headers.IntegrasjonPassord',
  'req.headers.authorization',
  'req.headers.integrasjonpassord',
  'request.headers.authorization',
  'request.headers.Authorization',
  'request.headers.IntegrasjonPassord',
  '*.authorization',
  '*.Authorization',
  '*.integrasjonPassord',
  '*.IntegrasjonPassord',
  '*.password',
  '*.passord',
  '*.token',
  '*.accessToken',
  '*.access_token',
  '*.assertion',
];

/** A pino logger that never writes bearer tokens or passwords (see `REDACTED_LOG_PATHS`). */
export function createLogger(
  options: { name?: string; level?: LoggerOptions['level']; destination?: DestinationStream } = {},
): Logger {
  const settings: LoggerOptions = {
    name: options.name ?? 'fiks-io',
    level: options.level ?? process.env.LOG_LEVEL ?? 'info',
    redact: { paths: [...REDACTED_LOG_PATHS], censor: '[redacted]' },
  };
  return options.destination === undefined ? pino(settings) : pino(settings, options.destination);
}
