import type { CaseResult } from '../model/case-result.js';

/**
 * True when the case makes the run fail: it failed (an unstable case is a failure) and is not an
 * expected failure still failing as listed; or it is listed as an expected failure and now passes
 * (the expected-failures file must stay true). Errors never count here: they blame the harness or
 * the platform, not the vendor.
 */
export function countsAsFailure(
  result: Pick<CaseResult, 'verdict' | 'unstable' | 'expectedFailure'>,
): boolean {
  const expected = result.expectedFailure;
  if (expected?.outcome === 'now-passing') return true;
  if (result.unstable === true) return true;
  if (result.verdict !== 'fail') return false;
  return !(expected?.outcome === 'still-failing' && (expected.uncoveredChecks ?? []).length === 0);
}

/** The run's exit code from its cases: 0 nothing failed or errored, 1 a case failed, 2 only errors. */
export function exitCodeOfCases(
  cases: readonly Pick<CaseResult, 'verdict' | 'unstable' | 'expectedFailure'>[],
): 0 | 1 | 2 {
  if (cases.some(countsAsFailure)) return 1;
  if (cases.some((c) => c.verdict === 'error')) return 2;
  return 0;
}
