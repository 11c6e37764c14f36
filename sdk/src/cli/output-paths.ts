import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { FiksError } from '../errors/fiks-error.js';

function unwritable(flag: string, path: string, error: unknown): FiksError {
  const reason = (error as NodeJS.ErrnoException).code ?? 'error';
  return new FiksError(
    'OUTPUT_UNWRITABLE',
    `Cannot write the ${flag} path ${JSON.stringify(path)} (${reason}).`,
    {
      cause: error,
      details: { flag, path, reason },
    },
  );
}

/** The refusal of a `flag` path whose folder is a file. */
function notAFolder(flag: string, path: string): FiksError {
  return unwritable(flag, path, Object.assign(new Error('not a folder'), { code: 'ENOTDIR' }));
}

/** A folder made for a command's output, removed again when the command fails. */
export interface OutputDirectory {
  path: string;
  /** Removes the folders this command created (with what it wrote in them); nothing when it existed. */
  discard(): Promise<void>;
}

/**
 * Makes the `flag` folder and its missing parents, one level at a time (Node's recursive mkdir
 * never returns for some paths, such as under /proc). Fails fast with `OUTPUT_UNWRITABLE` naming
 * the flag and the path.
 */
export async function makeOutputDirectory(flag: string, path: string): Promise<OutputDirectory> {
  const target = resolve(path);
  const missing: string[] = [];
  for (let dir = target; ; dir = dirname(dir)) {
    const found = await stat(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw unwritable(flag, path, error);
    });
    if (found !== undefined) {
      if (!found.isDirectory()) throw notAFolder(flag, path);
      break;
    }
    missing.unshift(dir);
    if (dirname(dir) === dir) break;
  }
  for (const dir of missing) await mkdir(dir).catch((error) => Promise.reject(unwritable(flag, path, error)));
  const created = missing[0];
  return {
    path: target,
    discard: async () => {
      if (created !== undefined) await rm(created, { recursive: true, force: true });
    },
  };
}

/** True when something exists at `path`. */
export async function exists(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined)) !== undefined;
}

/**
 * Writes a file whole or not at all: `write` fills a temporary file beside `path`, which replaces
 * `path` only when `write` succeeded; on failure nothing is left behind. The folder must exist
 * (`OUTPUT_UNWRITABLE` names the flag otherwise).
 */
export async function writeWholeFile(
  flag: string,
  path: string,
  write: (temporaryPath: string) => Promise<void>,
): Promise<void> {
  const folder = dirname(resolve(path));
  const found = await stat(folder).catch((error) => Promise.reject(unwritable(flag, path, error)));
  if (!found.isDirectory()) throw notAFolder(flag, path);
  const temporary = join(folder, `.${basename(path)}.${randomBytes(4).toString('hex')}.partial`);
  try {
    await write(temporary);
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    if ((error as NodeJS.ErrnoException).syscall !== undefined) throw unwritable(flag, path, error);
    throw error;
  }
}
