import type { CaseResult } from '../conformance/model/case-result.js';
import type { MutantVerdict } from './mutant-verdict.js';
import type { SelfTestResult } from './run-self-test.js';

/** How many caught cases a table row names before it says "and N more". */
const CASES_SHOWN = 4;

function caughtBy(verdict: MutantVerdict): string {
  const caught = verdict.expect === 'warning' ? verdict.warnings : verdict.failures;
  const shown = caught
    .slice(0, CASES_SHOWN)
    .map((c) => `${c.caseId} (${c.checks.join(', ')})`)
    .join('; ');
  const more = caught.length > CASES_SHOWN ? `; and ${caught.length - CASES_SHOWN} more` : '';
  return `${shown}${more}`;
}

function row(verdict: MutantVerdict): string[] {
  const status =
    verdict.outcome === 'killed' ? (verdict.expect === 'warning' ? 'WARNED' : 'KILLED') : 'SURVIVED';
  const seconds = `${(verdict.durationMs / 1000).toFixed(1)} s`;
  const detail = verdict.outcome === 'survived' ? `${verdict.reason}` : caughtBy(verdict);
  const caught = verdict.expect === 'warning' ? verdict.warnings.length : verdict.failures.length;
  return [verdict.name, status, `${caught}/${verdict.casesRun}`, seconds, detail];
}

function baselineLines(baseline: readonly CaseResult[]): string[] {
  const bad = baseline.filter((r) => r.verdict === 'fail' || r.verdict === 'error');
  const passed = baseline.filter((r) => r.verdict === 'pass').length;
  const head = `baseline (sound reference ERP): ${passed}/${baseline.length} cases pass`;
  return [
    bad.length === 0 ? `${head}.` : `${head}; NOT PASSING:`,
    ...bad.map((r) => {
      const checks = [...new Set(r.checks.filter((c) => c.verdict === 'fail').map((c) => c.id))];
      return `  ${r.id}: ${r.verdict}${checks.length > 0 ? ` (${checks.join(', ')})` : ''}${r.reason ? `: ${r.reason}` : ''}`;
    }),
  ];
}

/**
 * The self-test as text: the baseline, then one row per mutant (name, killed/warned/survived,
 * catching cases over cases run, time, and the cases that caught it with the checks that did, or
 * why it survived), then the mutation score.
 */
export function formatSelfTest(result: SelfTestResult): string {
  const header = ['mutant', 'result', 'caught', 'time', 'caught by (checks) / why it survived'];
  const rows = result.mutants.map(row);
  const widths = header.slice(0, 4).map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => (i < widths.length ? cell.padEnd(widths[i]!) : cell))
      .join('  ')
      .trimEnd();
  const { killed, total } = result.score;
  const percent = total === 0 ? 100 : Math.round((killed / total) * 1000) / 10;
  return [
    ...baselineLines(result.baseline),
    '',
    line(header),
    ...rows.map(line),
    '',
    `mutation score: ${killed}/${total} mutants caught (${percent} %)`,
  ].join('\n');
}
