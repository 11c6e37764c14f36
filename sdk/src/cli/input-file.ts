import { access, constants, readFile } from 'node:fs/promises';
import { FiksError } from '../errors/fiks-error.js';

function unreadable(path: string, option: string, error: unknown): FiksError {
  const reason = (error as NodeJS.ErrnoException).code ?? 'error';
  return new FiksError('FILE_UNREADABLE', `Could not read ${option} ${JSON.stringify(path)} (${reason}).`, {
    cause: error,
    details: { path, reason },
  });
}

/** Reads a file named on the command line; a missing or unreadable file is `FILE_UNREADABLE`. */
export async function readInputFile(path: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw unreadable(path, option, error);
  }
}

/** Checks, without reading it, that a file named on the command line can be read (`FILE_UNREADABLE`). */
export async function requireReadableFile(path: string, option: string): Promise<void> {
  await access(path, constants.R_OK).catch((error) => Promise.reject(unreadable(path, option, error)));
}
