import type { CaseResult } from '../model/case-result.js';
import { countsAsFailure } from './case-outcome.js';
import { type ConsoleStyle, consoleStyle, wantsColour } from './console-style.js';
import { maskFoedselsnumreInText } from './mask-personal-data.js';
import type { DurationStats, RunReport, VerdictCounts } from './run-report.js';

/** The label of a finished case on the console. */
function labelOf(result: CaseResult, style: ConsoleStyle): string {
  if (result.unstable === true) return style.red('UNSTABLE');
  if (result.expectedFailure?.outcome === 'now-passing' && result.verdict === 'pass')
    return style.red('XPASS');
  if (result.verdict === 'fail' && !countsAsFailure(result)) return style.yellow('XFAIL');
  switch (result.verdict) {
    case 'pass':
      return style.green('PASS');
    case 'fail':
      return style.red('FAIL');
    case 'error':
      return style.yellow('ERROR');
    case 'skip':
      return style.dim('SKIP');
  }
}

/** The first thing worth saying about a case that did not simply pass. */
function detailOf(result: CaseResult): string | undefined {
  if (result.unstable === true) return result.reason;
  if (result.expectedFailure?.outcome === 'now-passing' && result.verdict === 'pass') {
    return `expected to fail (${result.expectedFailure.reason}), now passes: remove its entry`;
  }
  if (result.verdict === 'fail') {
    const first = result.checks.find((c) => c.verdict === 'fail');
    return first === undefined ? result.reason : `${first.id}: ${first.message}`;
  }
  if (result.verdict === 'error') {
    const first = result.checks.find((c) => c.verdict === 'error');
    return result.reason ?? (first === undefined ? undefined : `${first.id}: ${first.message}`);
  }
  return result.verdict === 'skip' ? result.reason : undefined;
}

function countsLine(counts: VerdictCounts): string {
  const cases = counts.total === 1 ? 'case' : 'cases';
  const errors = counts.error === 1 ? 'error' : 'errors';
  return `${counts.total} ${cases}: ${counts.pass} passed, ${counts.fail} failed, ${counts.error} ${errors}, ${counts.skip} skipped`;
}

function statsCells(stats: DurationStats | null): string[] {
  return stats === null ? ['-', '-', '-', '-'] : [stats.p50, stats.p95, stats.p99, stats.max].map(String);
}

/** Rows of cells as aligned text (first column left, the others right). */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  return rows.map((r) =>
    r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  '),
  );
}

/**
 * Live progress on the console: a counter and one line per finished case (its verdict, id, time,
 * and the first failing check with its message), then the run's summary. Colours only on a
 * terminal without `NO_COLOR`; personal numbers are masked in every line.
 */
export class ConsoleProgress {
  private finished = 0;
  private readonly running = new Map<string, number>();
  private readonly style: ConsoleStyle;

  /**
   * @param write prints one line (without its line end)
   * @param total how many cases the run will finish
   * @param options.colour colours on or off (default: on a terminal, unless `NO_COLOR` is set)
   */
  constructor(
    private readonly write: (line: string) => void,
    private readonly total: number,
    options: { colour?: boolean } = {},
  ) {
    this.style = consoleStyle(options.colour ?? wantsColour());
  }

  private line(text: string): void {
    this.write(maskFoedselsnumreInText(text));
  }

  /** A case started (nothing is printed; the case's line comes when it finishes). */
  caseStarted(id: string): void {
    this.running.set(id, Date.now());
  }

  /** The ids of the cases started and not yet finished. */
  get inFlight(): string[] {
    return [...this.running.keys()];
  }

  /** Prints `[12/58] PASS avdrag.opprett.N03  842 ms`, with the first problem for any other outcome. */
  caseFinished(result: CaseResult): void {
    this.running.delete(result.id);
    this.finished++;
    const width = String(this.total).length;
    const counter = this.style.dim(`[${String(this.finished).padStart(width)}/${this.total}]`);
    const detail = detailOf(result);
    const ms = result.verdict === 'skip' ? '' : `  ${result.durationMs} ms`;
    this.line(
      `${counter} ${labelOf(result, this.style)} ${result.id}${ms}${detail === undefined ? '' : `  ${detail}`}`,
    );
  }

  /**
   * Prints the run's totals, the timing table per request type, where the report files are
   * (`reportFiles`, as `writeReports` returned them) and the run's verdict.
   */
  summary(report: RunReport, reportFiles?: readonly string[]): void {
    const { summary, timing } = report;
    const style = this.style;
    const c = summary.checks;
    this.line('');
    this.line(style.bold(`Summary: ${countsLine(summary.cases)}`));
    this.line(
      `  checks: ${c.total} (${c.pass} passed, ${c.fail} failed, ${c.warn} warnings, ${c.error} errors, ${c.skip} skipped)`,
    );
    for (const p of summary.byProtocol) {
      const sit = (['N', 'F'] as const)
        .filter((s) => p.bySituation[s].total > 0)
        .map((s) => `${s} ${p.bySituation[s].pass}/${p.bySituation[s].total} passed`)
        .join(', ');
      this.line(`  ${p.protocol}: ${countsLine(p)}${sit === '' ? '' : ` (${sit})`}`);
    }
    const ef = summary.expectedFailures;
    if (ef.stillFailing.length + ef.nowPassing.length + ef.unmatchedEntries.length > 0) {
      this.line(
        `  expected failures: ${ef.stillFailing.length} still failing, ${ef.nowPassing.length} now passing`,
      );
    }
    if (summary.unstable.length > 0) this.line(style.red(`  unstable: ${summary.unstable.join(', ')}`));
    if (summary.failed.length > 0) this.line(style.red(`  failed: ${summary.failed.join(', ')}`));
    if (summary.errored.length > 0) this.line(style.yellow(`  errors: ${summary.errored.join(', ')}`));
    for (const w of summary.warnings) this.line(style.yellow(`  warning: ${w}`));
    if (timing.byRequestType.length > 0) {
      this.line('');
      this.line(
        `Timing per request type (ms; citizen wait = sent → answer received, the deadline's measure):`,
      );
      const header = [
        'request type',
        'n',
        'no answer',
        'wait p50',
        'p95',
        'p99',
        'max',
        'vendor p50',
        'p95',
        'p99',
        'max',
      ];
      const rows = timing.byRequestType.map((t) => [
        t.requestType,
        String(t.exchanges),
        String(t.unanswered),
        ...statsCells(t.citizenWait),
        ...statsCells(t.vendor),
      ]);
      for (const row of table([header, ...rows])) this.line(`  ${row}`);
      this.line(style.dim(`  ${timing.note}`));
    }
    const coverage = report.coverage;
    this.line('');
    this.line(
      `Coverage of the protocol surface: ${coverage.percent}% (${coverage.exercised} of ${coverage.total} points)${coverage.threshold === null ? '' : `, --min-coverage ${coverage.threshold}%: ${coverage.met === true ? 'met' : style.red('not met')}`}`,
    );
    this.line('');
    this.line(
      reportFiles === undefined || reportFiles.length === 0
        ? 'Reports: none written (use --report-dir DIR)'
        : `Reports: ${reportFiles.join(', ')}`,
    );
    const verdict =
      report.verdict === 'pass'
        ? style.green('PASS')
        : report.verdict === 'fail'
          ? style.red('FAIL')
          : style.yellow('ERROR');
    this.line(style.bold(`Verdict: ${verdict} (exit ${report.exitCode})`));
  }
}
