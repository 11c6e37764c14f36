import type { CaseResult } from '../model/case-result.js';
import type { CaseVerdict, CheckResult, CheckVerdict } from '../model/check-result.js';

/** A check whose verdict differs between the recorded judgement and the new one (`null`: it did not run there). */
export interface CheckChange {
  id: string;
  step: number | null;
  attempt: number;
  was: CheckVerdict | null;
  now: CheckVerdict | null;
  /** The new message, or the old one for a check that no longer runs. */
  message: string;
}

/** A case whose verdict or any check's verdict changed. */
export interface VerdictChange {
  case: string;
  was: CaseVerdict;
  now: CaseVerdict;
  checks: CheckChange[];
}

/** The key a check is matched by: id, step, attempt and its rank among results with those. */
function keyed(checks: readonly CheckResult[]): Map<string, CheckResult> {
  const byKey = new Map<string, CheckResult>();
  const seen = new Map<string, number>();
  for (const check of checks) {
    const base = `${check.id}\u0000${check.step ?? ''}\u0000${check.attempt ?? 1}`;
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    byKey.set(`${base}\u0000${n}`, check);
  }
  return byKey;
}

function checkChanges(before: readonly CheckResult[], after: readonly CheckResult[]): CheckChange[] {
  const was = keyed(before);
  const now = keyed(after);
  const changes: CheckChange[] = [];
  for (const key of new Set([...was.keys(), ...now.keys()])) {
    const a = was.get(key);
    const b = now.get(key);
    if (a?.verdict === b?.verdict) continue;
    const check = (b ?? a)!;
    changes.push({
      id: check.id,
      step: check.step ?? null,
      attempt: check.attempt ?? 1,
      was: a?.verdict ?? null,
      now: b?.verdict ?? null,
      message: check.message,
    });
  }
  return changes;
}

/** Every case whose verdict or whose checks' verdicts differ, in the order of `after`. */
export function verdictChanges(before: readonly CaseResult[], after: readonly CaseResult[]): VerdictChange[] {
  const recorded = new Map(before.map((c) => [c.id, c]));
  return after.flatMap((now) => {
    const was = recorded.get(now.id);
    if (was === undefined) return [];
    const checks = checkChanges(was.checks, now.checks);
    if (checks.length === 0 && was.verdict === now.verdict) return [];
    return [{ case: now.id, was: was.verdict, now: now.verdict, checks }];
  });
}
