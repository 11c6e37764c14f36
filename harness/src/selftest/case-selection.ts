import type { ResolvedCase } from '../conformance/model/resolved-case.js';

/** A case-id pattern as a regular expression: `*` stands for any run of characters, `[…]` for one of a set. */
function patternOf(glob: string): RegExp {
  const escaped = glob.replace(/[.+?^${}()|\\]/g, '\\$&').replace(/\*/g, '.*');
  return new RegExp(`^${escaped}$`);
}

/** The cases whose id matches one of `globs` (all of them without globs), in the suite's order. */
export function selectCasesByGlob(cases: readonly ResolvedCase[], globs?: readonly string[]): ResolvedCase[] {
  if (globs === undefined) return [...cases];
  const patterns = globs.map(patternOf);
  return cases.filter((c) => patterns.some((p) => p.test(c.id)));
}
