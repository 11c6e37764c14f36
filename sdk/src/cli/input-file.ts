import { readFile } from 'node:fs/promises';
import { FiksError } from '../errors/fiks-error.js';

/** Reads a file named on the command line; a missing or unreadable file is `FILE_UNREADABLE`. */
export async function readInputFile(path: string, option: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    throw new FiksError('FILE_UNREADABLE', `Could not read the ${option} file ${JSON.stringify(path)}.`, {
      cause: error,
      details: { path, reason: (error as NodeJS.ErrnoException).code },
    });
  }
}
