import type { Requirement } from './case-descriptor.js';
import type { Profile } from './profile.js';
import { SuiteError } from './suite-error.js';

/**
 * Why the profile makes the case impossible (the first unmet requirement, in words), or
 * undefined when every requirement holds. A requirement naming no profile value is
 * `REQUIREMENT_INVALID`.
 */
export function unmetRequirement(
  requirements: readonly Requirement[],
  profile: Profile,
  where: string,
): string | undefined {
  for (const r of requirements) {
    let value: unknown = profile;
    for (const name of r.profile.split('.')) {
      if (value === null || typeof value !== 'object' || !Object.hasOwn(value, name)) {
        throw new SuiteError(
          'REQUIREMENT_INVALID',
          `${where}: requires names profile.${r.profile}, which the profile does not have`,
        );
      }
      value = (value as Record<string, unknown>)[name];
    }
    const problem = check(r, value);
    if (problem !== undefined) {
      return `the profile's ${r.profile} is ${JSON.stringify(value)}; the case needs it ${problem}${r.because === undefined ? '' : ` (${r.because})`}`;
    }
  }
  return undefined;
}

function check(r: Requirement, value: unknown): string | undefined {
  if (r.present === true && value === null) return 'to be set';
  if (r.present === false && value !== null) return 'to be null';
  if (value === null && (r.orNull === true || r.present === false)) return undefined;
  const n = typeof value === 'number' ? value : Number.NaN;
  if (r.lessThan !== undefined && !(n < r.lessThan)) return `below ${r.lessThan}`;
  if (r.greaterThan !== undefined && !(n > r.greaterThan)) return `above ${r.greaterThan}`;
  if (r.atMost !== undefined && !(n <= r.atMost)) return `at most ${r.atMost}`;
  if (r.atLeast !== undefined && !(n >= r.atLeast)) return `at least ${r.atLeast}`;
  if (r.equals !== undefined && JSON.stringify(value) !== JSON.stringify(r.equals))
    return `to be ${JSON.stringify(r.equals)}`;
  if (
    r.contains !== undefined &&
    !(Array.isArray(value) && value.some((v) => JSON.stringify(v) === JSON.stringify(r.contains)))
  ) {
    return `to contain ${JSON.stringify(r.contains)}`;
  }
  return undefined;
}
