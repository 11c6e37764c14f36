/** What the dashboard server tells the page over its WebSocket, one JSON message at a time. */

/** Cases by verdict so far (`finished` of `total`). */
export interface LiveCounts {
  total: number;
  finished: number;
  pass: number;
  fail: number;
  error: number;
  skip: number;
}

export type DashboardMessage =
  /** The run's cases, before the first is sent. */
  | {
      type: 'run';
      total: number;
      cases: { id: string; protocol: string; title: string; situation: string }[];
    }
  | { type: 'case-started'; id: string }
  /** A step's request sent, answered, or not answered in time; `elapsedMs` since it was sent. */
  | {
      type: 'step';
      caseId: string;
      step: number;
      attempt: number;
      requestType: string;
      phase: 'sent' | 'answered' | 'unanswered';
      elapsedMs: number;
      deadlineMs: number;
      replyType: string | null;
    }
  /** A case judged: its section as `report.html` shows it, and its last exchange's timeline bar. */
  | { type: 'case-finished'; id: string; verdict: string; counts: LiveCounts; html: string; timeline: string }
  /** The run's end: the page becomes `report.html` (same title, header and content). */
  | {
      type: 'run-finished';
      verdict: string;
      exitCode: number;
      counts: LiveCounts;
      title: string;
      header: string;
      main: string;
    };

/**
 * One WebSocket message to the page: the run so far on connecting (`replay`, with how many older
 * step events were dropped rather than kept for it), then each new message alone.
 */
export type DashboardBatch =
  | { replay: true; dropped: number; messages: readonly DashboardMessage[] }
  | { replay: false; messages: readonly DashboardMessage[] };
