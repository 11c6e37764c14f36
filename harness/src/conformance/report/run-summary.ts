import { globToRegExp } from '../suite/select-cases.js';
import type { CaseReport, RunMeta, RunSummary, VerdictCounts } from './run-report.js';

function emptyCounts(): VerdictCounts {
  return { total: 0, pass: 0, fail: 0, error: 0, skip: 0 };
}

function add(counts: VerdictCounts, c: CaseReport): void {
  counts.total++;
  counts[c.verdict]++;
}

/** Entries of the expected-failures file that match no case of the run (stale or mistyped). */
function unmatchedEntries(meta: RunMeta, cases: readonly CaseReport[]): string[] {
  return (meta.expectedFailures?.entries ?? [])
    .map((e) => e.case)
    .filter((pattern) => {
      const glob = globToRegExp(pattern);
      return !cases.some((c) => glob.test(c.id));
    });
}

/** The summary of `cases` (already reported, with `countsAsFailure` set). */
export function summarize(meta: RunMeta, cases: readonly CaseReport[]): RunSummary {
  const all = emptyCounts();
  const protocols = new Map<string, RunSummary['byProtocol'][number]>();
  const checks = { total: 0, pass: 0, fail: 0, warn: 0, error: 0, skip: 0 };
  for (const c of cases) {
    add(all, c);
    let p = protocols.get(c.protocol);
    if (p === undefined) {
      p = { protocol: c.protocol, ...emptyCounts(), bySituation: { N: emptyCounts(), F: emptyCounts() } };
      protocols.set(c.protocol, p);
    }
    add(p, c);
    add(p.bySituation[c.situation], c);
    for (const check of c.checks) {
      checks.total++;
      checks[check.verdict]++;
    }
  }
  const ids = (keep: (c: CaseReport) => boolean) => cases.filter(keep).map((c) => c.id);
  const unmatched = unmatchedEntries(meta, cases);
  const file = meta.expectedFailures?.path ?? 'the expected-failures file';
  return {
    cases: all,
    byProtocol: [...protocols.values()].sort((a, b) => (a.protocol < b.protocol ? -1 : 1)),
    checks,
    failed: ids((c) => c.countsAsFailure),
    errored: ids((c) => c.verdict === 'error'),
    unstable: ids((c) => c.unstable),
    expectedFailures: {
      stillFailing: ids((c) => c.expectedFailure?.outcome === 'still-failing'),
      nowPassing: ids((c) => c.expectedFailure?.outcome === 'now-passing'),
      unmatchedEntries: unmatched,
    },
    warnings: [
      ...(meta.warnings ?? []),
      ...unmatched.map((p) => `${file}: the entry for ${JSON.stringify(p)} matches no case of this run`),
      ...cases
        .filter((c) => (c.expectedFailure?.uncoveredChecks ?? []).length > 0)
        .map(
          (c) =>
            `${c.id} is an expected failure but also failed checks its entry does not list: ${c.expectedFailure!.uncoveredChecks.join(', ')}`,
        ),
    ],
  };
}
