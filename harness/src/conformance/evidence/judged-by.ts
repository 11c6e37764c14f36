import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { protocolVersionDirs } from '../suite/index.js';
import type { HashedFile, JudgedBy } from './bundle-format.js';
import { sha256Hex } from './write-bundle.js';

const lockfilePath = fileURLToPath(new URL('../../../../package-lock.json', import.meta.url));

function sha256Of(path: string): string {
  return sha256Hex(readFileSync(path));
}

function filesUnder(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path, { recursive: true, encoding: 'utf8' })
    .map((name) => join(path, name))
    .filter((file) => statSync(file).isFile());
}

/**
 * The files that judged a run: under the suite's root the suite's own schemas (`conformance/`)
 * and, per protocol version, its catalogue, schemas, code lists and cases, each with its SHA-256
 * (paths relative to the root, `/`-separated, sorted); the lockfile; the harness's version.
 */
export function judgedBy(
  suite: { root: string; hash: string },
  harness: { name: string; version: string },
): JudgedBy {
  const folders = [
    join(suite.root, 'conformance'),
    ...protocolVersionDirs(suite.root).flatMap(({ dir }) =>
      ['meldingstyper.json', 'schemas', 'kodelister', 'conformance'].map((sub) => join(dir, sub)),
    ),
  ];
  const suiteFiles: HashedFile[] = folders
    .flatMap(filesUnder)
    .map((file) => ({ path: relative(suite.root, file).split('\\').join('/'), sha256: sha256Of(file) }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return {
    harness,
    suiteHash: suite.hash,
    suiteFiles,
    lockfile: existsSync(lockfilePath) ? { path: 'package-lock.json', sha256: sha256Of(lockfilePath) } : null,
  };
}
