import type { CaseResult } from '../model/case-result.js';
import type { CaseVerdict } from '../model/check-result.js';

/** "attempts 1 and 3" / "attempt 2". */
function attemptList(numbers: number[]): string {
  if (numbers.length === 1) return `attempt ${numbers[0]}`;
  return `attempts ${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/** What an attempt's verdict was, with its first failing check or its reason. */
function firstProblem(attempt: CaseResult, index: number): string | undefined {
  const failing = attempt.checks.find((c) => c.verdict === 'fail' || c.verdict === 'error');
  if (failing !== undefined) return `attempt ${index + 1}: ${failing.id}: ${failing.message}`;
  if (attempt.reason !== undefined && attempt.reason !== '') return `attempt ${index + 1}: ${attempt.reason}`;
  return undefined;
}

/** How the attempts' verdicts differ, e.g. "attempts 1 and 3 passed, attempt 2 failed". */
function describeVerdicts(verdicts: CaseVerdict[]): string {
  const words: Record<CaseVerdict, string> = {
    pass: 'passed',
    fail: 'failed',
    error: 'errored',
    skip: 'skipped',
  };
  const groups = new Map<CaseVerdict, number[]>();
  for (const [i, v] of verdicts.entries()) groups.set(v, [...(groups.get(v) ?? []), i + 1]);
  return [...groups.entries()].map(([v, numbers]) => `${attemptList(numbers)} ${words[v]}`).join(', ');
}

/**
 * One case result from its attempts under `--repeat N` (in attempt order). Every check and
 * exchange is kept, each with its `attempt`; `attempts` lists the verdicts; `durationMs` is their
 * sum. The verdict:
 * - all attempts agree: that verdict (and the first attempt's reason);
 * - some passed and some failed: `fail`, `unstable: true`, and the reason says how they differed
 *   and what the first failing attempt failed on;
 * - failures beside errors (no pass): `fail` (the vendor failed where it could be judged);
 * - passes beside errors (no fail): `error` (the harness or the platform could not judge every
 *   attempt; never blamed on the vendor);
 * - skipped attempts are ignored beside others.
 */
export function combineAttempts(attempts: CaseResult[]): CaseResult {
  const first = attempts[0];
  if (first === undefined) throw new RangeError('combineAttempts needs at least one attempt');
  const verdicts = attempts.map((a) => a.verdict);
  const checks = attempts.flatMap((a, i) => a.checks.map((c) => ({ ...c, attempt: c.attempt ?? i + 1 })));
  const exchanges = attempts.flatMap((a) => a.exchanges);
  const judged = new Set(verdicts.filter((v) => v !== 'skip'));
  const problemOf = (verdict: CaseVerdict) => {
    const index = verdicts.indexOf(verdict);
    const problem = index < 0 ? undefined : firstProblem(attempts[index]!, index);
    return problem === undefined ? '' : `; ${problem}`;
  };
  const differ = describeVerdicts(verdicts);
  const base: CaseResult = {
    ...first,
    checks,
    exchanges,
    durationMs: attempts.reduce((sum, a) => sum + a.durationMs, 0),
    attempts: verdicts,
  };
  delete base.reason;
  delete base.unstable;
  const withReason = (verdict: CaseVerdict, reason: string | undefined, unstable = false): CaseResult => ({
    ...base,
    verdict,
    ...(reason === undefined || reason === '' ? {} : { reason }),
    ...(unstable ? { unstable: true } : {}),
  });
  if (judged.size <= 1) {
    const verdict = judged.values().next().value ?? 'skip';
    const source = attempts.find((a) => a.verdict === verdict && a.reason !== undefined && a.reason !== '');
    return withReason(verdict, source?.reason);
  }
  if (judged.has('pass') && judged.has('fail'))
    return withReason('fail', `unstable: ${differ}${problemOf('fail')}`, true);
  if (judged.has('fail')) return withReason('fail', `${differ}${problemOf('fail')}`);
  return withReason('error', `${differ}${problemOf('error')}`);
}
