import type { CaseVerdict, CheckResult } from '../model/check-result.js';
import type { RecordedExchange } from '../model/recorded-exchange.js';

/**
 * A case attempt's verdict from its check results: a harness or platform fault (an exchange's
 * `harnessError`, or a check that could not judge) makes it `error` and never blames the vendor;
 * otherwise any failed check makes it `fail`; warnings do not fail. An attempt in which nothing
 * was checked (no pass, no warning) is `skip`.
 */
export function caseVerdictOf(
  results: CheckResult[],
  exchanges: RecordedExchange[],
): { verdict: CaseVerdict; reason?: string } {
  const broken = exchanges.find((e) => e.harnessError !== undefined);
  if (broken?.harnessError !== undefined)
    return {
      verdict: 'error',
      reason: `Step ${broken.step}: ${broken.harnessError.code}: ${broken.harnessError.message}`,
    };
  const errored = results.find((r) => r.verdict === 'error');
  if (errored !== undefined) return { verdict: 'error', reason: `${errored.id}: ${errored.message}` };
  const failed = results.find((r) => r.verdict === 'fail');
  if (failed !== undefined) return { verdict: 'fail', reason: `${failed.id}: ${failed.message}` };
  if (!results.some((r) => r.verdict === 'pass' || r.verdict === 'warn'))
    return { verdict: 'skip', reason: 'nothing was checked: no exchange was judged.' };
  return { verdict: 'pass' };
}
