import type { CaseResult } from '../model/case-result.js';
import { globToRegExp } from '../suite/select-cases.js';
import type { ExpectedFailureEntry, ExpectedFailures } from './expected-failures.js';

/** The first entry whose `case` id or glob matches `id`. */
function entryFor(id: string, entries: readonly ExpectedFailureEntry[]): ExpectedFailureEntry | undefined {
  return entries.find((e) => globToRegExp(e.case).test(id));
}

/** The outcome of a listed case, or undefined when the entry says nothing about it (error, skip, unstable). */
function outcomeOf(result: CaseResult, entry: ExpectedFailureEntry): CaseResult['expectedFailure'] {
  if (result.unstable === true) return undefined;
  if (result.verdict === 'pass') return { reason: entry.reason, outcome: 'now-passing' };
  if (result.verdict !== 'fail') return undefined;
  if (entry.checks === undefined) return { reason: entry.reason, outcome: 'still-failing' };
  const listed = entry.checks.map(globToRegExp);
  const failing = [...new Set(result.checks.filter((c) => c.verdict === 'fail').map((c) => c.id))];
  const covered = failing.filter((id) => listed.some((g) => g.test(id)));
  const uncovered = failing.filter((id) => !covered.includes(id));
  if (covered.length === 0)
    return { reason: entry.reason, outcome: 'now-passing', uncoveredChecks: uncovered };
  return {
    reason: entry.reason,
    outcome: 'still-failing',
    ...(uncovered.length === 0 ? {} : { uncoveredChecks: uncovered }),
  };
}

/**
 * The cases with the expected-failures file applied (new objects; the input is not changed):
 * - a listed case that fails gets `expectedFailure.outcome = 'still-failing'` and does not fail
 *   the run, unless the entry names `checks` and other checks failed too (`uncoveredChecks`);
 * - a listed case that passes (or, for an entry with `checks`, fails none of them) gets
 *   `'now-passing'`, which fails the run so the file stays true;
 * - errors, skips and unstable cases are left as they are: an error blames the harness or the
 *   platform, and instability is never excused.
 *
 * Entries matching no case of the run are reported by `buildRunReport` (pass the file in
 * `RunMeta.expectedFailures`).
 */
export function applyExpectedFailures(
  cases: readonly CaseResult[],
  expected: ExpectedFailures,
): CaseResult[] {
  return cases.map((result) => {
    const entry = entryFor(result.id, expected.entries);
    const outcome = entry === undefined ? undefined : outcomeOf(result, entry);
    if (outcome === undefined) return result;
    return { ...result, expectedFailure: outcome };
  });
}
