import type { CaseResult } from '../conformance/model/case-result.js';
import type { Mutant } from './mutant.js';

/** A case that reacted to a mutant, and the checks that did. */
export interface CatchingCase {
  caseId: string;
  /** Ids of the checks that failed (or, for `warnings`, warned), each once. */
  checks: string[];
}

/**
 * What the suite made of a mutant. `killed`: a case failed on a failed check (or, for a mutant
 * meant as a warning, a check warned and no case failed). `survived`: nothing did; errors and
 * warnings alone never kill a mutant meant to fail, since they do not blame the vendor.
 */
export interface MutantVerdict {
  name: string;
  description: string;
  expect: 'failure' | 'warning';
  outcome: 'killed' | 'survived';
  /** Why it survived, in words. */
  reason?: string;
  casesRun: number;
  failures: CatchingCase[];
  warnings: CatchingCase[];
  /** Cases whose verdict was `error` (the harness's or the platform's fault), with their reason. */
  errors: { caseId: string; reason: string }[];
  durationMs: number;
}

function checksWith(result: CaseResult, verdict: 'fail' | 'warn'): string[] {
  return [...new Set(result.checks.filter((c) => c.verdict === verdict).map((c) => c.id))];
}

/** Judges one mutant from the suite's results against it. */
export function mutantVerdict(
  mutant: Mutant,
  results: readonly CaseResult[],
  durationMs: number,
): MutantVerdict {
  const expect = mutant.expect ?? 'failure';
  const failures = results
    .filter((r) => r.verdict === 'fail')
    .map((r) => ({ caseId: r.id, checks: checksWith(r, 'fail') }))
    .filter((c) => c.checks.length > 0);
  const warnings = results
    .map((r) => ({ caseId: r.id, checks: checksWith(r, 'warn') }))
    .filter((c) => c.checks.length > 0);
  const errors = results
    .filter((r) => r.verdict === 'error')
    .map((r) => ({ caseId: r.id, reason: r.reason ?? 'error' }));
  const base = {
    name: mutant.name,
    description: mutant.description,
    expect,
    casesRun: results.length,
    failures,
    warnings,
    errors,
    durationMs,
  };
  if (results.length === 0)
    return { ...base, outcome: 'survived', reason: 'its case selection matches no case of the suite' };
  if (expect === 'warning') {
    if (failures.length > 0)
      return { ...base, outcome: 'survived', reason: 'meant as a warning, but cases failed on it' };
    if (warnings.length === 0) return { ...base, outcome: 'survived', reason: 'no check warned' };
    return { ...base, outcome: 'killed' };
  }
  if (failures.length > 0) return { ...base, outcome: 'killed' };
  const only =
    errors.length > 0 ? 'only errors' : warnings.length > 0 ? 'only warnings' : 'every case passed';
  return { ...base, outcome: 'survived', reason: `no case failed (${only})` };
}
