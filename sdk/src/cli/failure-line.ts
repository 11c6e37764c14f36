import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** Typed codes for the operating system's errors that reach a command line unannounced. */
const SYSTEM_ERROR_CODES: Readonly<Record<string, ErrorCodeOf<'FiksError'>>> = {
  ENOENT: 'FILE_NOT_FOUND',
  ENOTDIR: 'FILE_NOT_FOUND',
  EACCES: 'PERMISSION_DENIED',
  EPERM: 'PERMISSION_DENIED',
  EROFS: 'PERMISSION_DENIED',
  EEXIST: 'FILE_EXISTS',
  ENOSPC: 'DISK_FULL',
  EADDRINUSE: 'PORT_IN_USE',
  EADDRNOTAVAIL: 'ADDRESS_NOT_AVAILABLE',
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ENOTFOUND: 'HOST_NOT_FOUND',
  ETIMEDOUT: 'CONNECTION_TIMEOUT',
};

/**
 * An error that is not a toolkit error, as a typed one for the failure line: an operating-system
 * error keeps what it concerns (the file, the address), anything else is `INTERNAL_ERROR`.
 */
export function describeFailure(error: unknown): FiksError {
  if (!(error instanceof Error)) return new FiksError('INTERNAL_ERROR', String(error), { cause: error });
  const system = error as NodeJS.ErrnoException & { address?: string; port?: number };
  const code = typeof system.code === 'string' ? SYSTEM_ERROR_CODES[system.code] : undefined;
  if (code === undefined) return new FiksError('INTERNAL_ERROR', error.message, { cause: error });
  const concerning =
    system.path ?? (system.address === undefined ? undefined : `${system.address}:${system.port ?? ''}`);
  const what = system.syscall === undefined ? system.code : `${system.syscall} ${system.code}`;
  return new FiksError(code, concerning === undefined ? `${what}.` : `${concerning}: ${what}.`, {
    cause: error,
  });
}
