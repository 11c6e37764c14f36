import type { CaseVerdict, CheckResult } from './check-result.js';
import type { RecordedExchange } from './recorded-exchange.js';
import type { Situation } from './resolved-case.js';

/** A case's outcome in one run (all its attempts, with `--repeat`). */
export interface CaseResult {
  id: string;
  protocol: string;
  version: string;
  title: string;
  situation: Situation;
  generated: boolean;
  spec: string[];
  verdict: CaseVerdict;
  /** Why the case was skipped, or why it is an error (harness or platform fault). */
  reason?: string;
  /** Every check's result, over every step and attempt. */
  checks: CheckResult[];
  /** Every exchange, over every step and attempt. */
  exchanges: RecordedExchange[];
  /** Wall time of the case, all attempts. */
  durationMs: number;
  /** With `--repeat`: the verdict of each attempt; `unstable` when they differ (counts as a failure). */
  attempts?: CaseVerdict[];
  unstable?: boolean;
  /** Set when the case is listed in the expected-failures file. */
  expectedFailure?: {
    reason: string;
    /** `still-failing`: as expected (not counted as a failure); `now-passing`: the entry is stale, which fails the run. */
    outcome: 'still-failing' | 'now-passing';
    /** Failing checks the entry does not list (an entry with `checks` only): the case then counts as a failure. */
    uncoveredChecks?: string[];
  };
}
