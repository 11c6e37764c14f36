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

/** Step events a {@link LiveRun} keeps for a page that connects late, unless told otherwise. */
export const KEPT_STEP_EVENTS = 200;

/**
 * A run as the dashboard shows it, and the listeners told of each new message. For a page that
 * connects late it keeps what the page needs to show the run as one connected from the start
 * shows it, in order: the case list, each case's latest state (started, or its judged section,
 * which supersedes the start), the end, and the last {@link KEPT_STEP_EVENTS} step events (only
 * the newest is on the page; older ones are dropped and counted). So its memory grows with the
 * number of cases, never with `--repeat` or the number of steps. Case sections and timelines are
 * rendered by the HTML report's own functions from the masked case report, so the live page and
 * `report.html` cannot drift apart.
 */
export class LiveRun {
  /** The kept messages by their sequence number, in order. */
  readonly #kept = new Map<number, DashboardMessage>();
  /** The sequence number of each case's `case-started`, until the case is judged. */
  readonly #started = new Map<string, number>();
  /** Sequence numbers of the kept step events, oldest first. */
  readonly #steps: number[] = [];
  readonly #keptSteps: number;
  #sequence = 0;
  #droppedSteps = 0;
  readonly #listeners = new Set<(message: DashboardMessage) => void>();
  readonly #counts: LiveCounts = { total: 0, finished: 0, pass: 0, fail: 0, error: 0, skip: 0 };
  #ended = false;

  /** `keptStepEvents`: how many of the latest step events a late page is sent (default {@link KEPT_STEP_EVENTS}). */
  constructor(options: { keptStepEvents?: number } = {}) {
    this.#keptSteps = Math.max(1, options.keptStepEvents ?? KEPT_STEP_EVENTS);
  }

  /** What a page that connects now is sent, in order (see the class). */
  get history(): readonly DashboardMessage[] {
    return [...this.#kept.values()];
  }

  /** Step events no longer kept for a late page (older than the last ones kept). */
  get droppedEvents(): number {
    return this.#droppedSteps;
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

  /** Keeps what a late page needs of `message` (see the class). */
  #keep(message: DashboardMessage): void {
    const sequence = this.#sequence++;
    this.#kept.set(sequence, message);
    if (message.type === 'case-started') this.#started.set(message.id, sequence);
    else if (message.type === 'case-finished') {
      const started = this.#started.get(message.id);
      if (started !== undefined) this.#kept.delete(started);
      this.#started.delete(message.id);
    } else if (message.type === 'step') {
      this.#steps.push(sequence);
      if (this.#steps.length > this.#keptSteps) {
        this.#kept.delete(this.#steps.shift()!);
        this.#droppedSteps += 1;
      }
    }
  }

  /** Keeps and passes on `message`; a listener that fails is dropped, never the run. */
  #publish(message: DashboardMessage): void {
    this.#keep(message);
    for (const listener of this.#listeners) {
      try {
        listener(message);
      } catch {
        this.#listeners.delete(listener);
      }
    }
  }
}
