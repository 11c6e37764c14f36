import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/** How the files in an output folder differ from what the generator would write. */
export interface GeneratedOutputDiff {
  /** Files present whose content differs. */
  readonly changed: string[];
  /** Files the generator would add. */
  readonly added: string[];
  /** Files present that the generator would not write (they would be removed). */
  readonly removed: string[];
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Compares the output folder with the wanted files (paths relative to it, forward slashes). */
export function diffGeneratedOutput(
  outDir: string,
  wanted: ReadonlyMap<string, string>,
): GeneratedOutputDiff {
  const present = new Set(filesUnder(outDir).map((f) => relative(outDir, f).split(sep).join('/')));
  const changed: string[] = [];
  const added: string[] = [];
  for (const [path, content] of wanted) {
    if (!present.has(path)) added.push(path);
    else if (readFileSync(join(outDir, path), 'utf8') !== content) changed.push(path);
  }
  const removed = [...present].filter((p) => !wanted.has(p)).sort();
  return { changed, added, removed };
}

/** Brings the output folder in line with the wanted files; returns what it changed. */
export function writeGeneratedOutput(
  outDir: string,
  wanted: ReadonlyMap<string, string>,
): GeneratedOutputDiff {
  const diff = diffGeneratedOutput(outDir, wanted);
  for (const path of [...diff.changed, ...diff.added]) {
    const target = join(outDir, path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, wanted.get(path)!);
  }
  for (const path of diff.removed) rmSync(join(outDir, path));
  return diff;
}
