import type { CaseResult } from '../model/case-result.js';
import type { ResolvedCase } from '../model/resolved-case.js';
import { caseReport } from '../report/build-run-report.js';
import { caseSection } from '../report/html/case-section.js';
import { renderReportMain, reportHeader, reportTitle } from '../report/html/render-html-report.js';
import { timelineBar } from '../report/html/timeline-bar.js';
import { maskPersonalData } from '../report/mask-personal-data.js';
import type { RunReport } from '../report/run-report.js';
import type { StepProgress } from '../runner/run-case.js';
import type { DashboardMessage, LiveCounts } from './dashboard-messages.js';

/**
 * A run as the dashboard shows it: every message so far, in order (a page that connects late is
 * sent them all, so it shows what one connected from the start shows), and the listeners told of
 * each new one. Case sections and timelines are rendered by the HTML report's own functions from
 * the masked case report, so the live page and `report.html` cannot drift apart.
 */
export class LiveRun {
  readonly #history: DashboardMessage[] = [];
  readonly #listeners = new Set<(message: DashboardMessage) => void>();
  readonly #counts: LiveCounts = { total: 0, finished: 0, pass: 0, fail: 0, error: 0, skip: 0 };
  #ended = false;

  /** Every message so far. */
  get history(): readonly DashboardMessage[] {
    return this.#history;
  }

  get ended(): boolean {
    return this.#ended;
  }

  /** Calls `listener` with every later message; returns the call that stops it. */
  subscribe(listener: (message: DashboardMessage) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  runStarted(cases: readonly ResolvedCase[]): void {
    this.#counts.total = cases.length;
    this.#publish({
      type: 'run',
      total: cases.length,
      cases: cases.map((c) => ({ id: c.id, protocol: c.protocol, title: c.title, situation: c.situation })),
    });
  }

  caseStarted(testCase: ResolvedCase): void {
    this.#publish({ type: 'case-started', id: testCase.id });
  }

  step(progress: StepProgress): void {
    this.#publish({
      type: 'step',
      caseId: progress.caseId,
      step: progress.step,
      attempt: progress.attempt,
      requestType: progress.requestType,
      phase: progress.phase,
      elapsedMs: Math.max(0, progress.at - progress.sentAt),
      deadlineMs: progress.deadlineMs,
      replyType: progress.replyType ?? null,
    });
  }

  caseFinished(result: CaseResult): void {
    const report = maskPersonalData(caseReport(result));
    this.#counts.finished += 1;
    this.#counts[report.verdict] += 1;
    const last = report.exchanges.at(-1);
    this.#publish({
      type: 'case-finished',
      id: report.id,
      verdict: report.verdict,
      counts: { ...this.#counts },
      html: caseSection(report),
      timeline: last === undefined ? '' : timelineBar(last),
    });
  }

  /** The run's end: the report the run wrote, which the page then shows as `report.html` does. */
  runFinished(report: RunReport): void {
    this.#publish({
      type: 'run-finished',
      verdict: report.verdict,
      exitCode: report.exitCode,
      counts: { ...report.summary.cases, finished: report.summary.cases.total },
      title: reportTitle(report),
      header: reportHeader(report),
      main: renderReportMain(report),
    });
    this.#ended = true;
  }

  /** Records and passes on `message`; a listener that fails is dropped, never the run. */
  #publish(message: DashboardMessage): void {
    this.#history.push(message);
    for (const listener of this.#listeners) {
      try {
        listener(message);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }
}
