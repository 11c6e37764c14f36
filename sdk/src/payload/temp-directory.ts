import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A private directory under `os.tmpdir()`, removed with everything in it by `remove()`. */
export interface TempDirectory {
  path: string;
  remove(): Promise<void>;
}

/** Creates a fresh temporary directory for one seal or open. */
export async function createTempDirectory(): Promise<TempDirectory> {
  const path = await mkdtemp(join(tmpdir(), 'fiks-io-payload-'));
  return { path, remove: () => rm(path, { recursive: true, force: true }) };
}
