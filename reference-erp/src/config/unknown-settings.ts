import { closestName } from '@fiks-faktura/sdk/cli';
import type { ConfigProblems } from './config-problems.js';

/** Settings whose keys are the user's own (product types, unit ids), not names of settings. */
const FREE_KEY_MAPS = new Set(['comments.routing', 'comments.responseBankingDays.perUnit']);

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
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
      problems.unknown(path, closestName(key, known));
      continue;
    }
    const base = defaults[key];
    if (isPlainObject(base) && isPlainObject(value) && !FREE_KEY_MAPS.has(path))
      findUnknownSettings(value, base, problems, path);
  }
}
