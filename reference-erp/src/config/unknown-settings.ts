import type { ConfigProblems } from './config-problems.js';

/** Settings whose keys are the user's own (product types, unit ids), not names of settings. */
const FREE_KEY_MAPS = new Set(['comments.routing', 'comments.responseBankingDays.perUnit']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The number of single-character edits between two words. */
function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i += 1) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j += 1) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The known key closest to a misspelt one, when it is close (or one contains the other). */
function nearest(key: string, known: readonly string[]): string | undefined {
  const lower = key.toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const name of known) {
    const other = name.toLowerCase();
    const distance = other.startsWith(lower) || lower.startsWith(other) ? 1 : editDistance(lower, other);
    if (best === undefined || distance < best.distance) best = { name, distance };
  }
  return best !== undefined && best.distance <= Math.max(2, Math.floor(key.length / 4))
    ? best.name
    : undefined;
}

/**
 * Records every key of `overrides` that the defaults do not have (a misspelt or unknown section
 * or setting, which would otherwise be ignored), with the nearest known key as a hint.
 */
export function findUnknownSettings(
  overrides: Record<string, unknown>,
  defaults: Record<string, unknown>,
  problems: ConfigProblems,
  prefix = '',
): void {
  const known = Object.keys(defaults);
  for (const [key, value] of Object.entries(overrides)) {
    const path = prefix === '' ? key : `${prefix}.${key}`;
    if (!Object.hasOwn(defaults, key)) {
      problems.unknown(path, nearest(key, known));
      continue;
    }
    const base = defaults[key];
    if (isPlainObject(base) && isPlainObject(value) && !FREE_KEY_MAPS.has(path))
      findUnknownSettings(value, base, problems, path);
  }
}
