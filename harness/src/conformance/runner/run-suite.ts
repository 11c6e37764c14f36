import type { ProtocolCatalog } from '@fiks-faktura/sdk';
import { caseVerdictOf, judgeCase } from '../checks/index.js';
import type { CaseResult } from '../model/case-result.js';
import type { JudgeContext } from '../model/judge-context.js';
import type { RecordedReply } from '../model/recorded-exchange.js';
import type { ResolvedCase } from '../model/resolved-case.js';
import { combineAttempts } from '../report/index.js';
import type { ConformanceTarget } from './conformance-target.js';
import { platformControlNeeded } from './platform-control.js';
import { ReplyCollector } from './reply-collector.js';
import { runCaseAttempt, type StepProgress } from './run-case.js';

/** How to run a selection of cases against a target. */
export interface RunSuiteOptions {
  cases: readonly ResolvedCase[];
  target: ConformanceTarget;
  catalog: ProtocolCatalog;
  judge: Omit<JudgeContext, 'catalog' | 'vendorCertificate'>;
  /** Run every case this many times (default 1); differing verdicts make the case unstable. */
  repeat?: number;
  /** Cases in flight at once (default 4). Cases that book run after those that only read. */
  concurrency?: number;
  /** Stop starting cases after the first failure or error. */
  failFast?: boolean;
  /** After the deadline, how much longer to wait so a late answer is seen as late, not as missing (default 2 000 ms). */
  lateGraceMs?: number;
  /** After the last step's answer, how long to keep listening for a second or stray answer (default 300 ms). */
  settleMs?: number;
  /** Told as each case starts. */
  onCaseStarted?: (testCase: ResolvedCase) => void;
  /** Told as each case ends, with its result. */
  onCaseFinished?: (result: CaseResult) => void;
  /** Told as each step's request is sent and answered. */
  onStep?: (progress: StepProgress) => void;
}

/** What a run produced: every case's result and the messages that answered no request of it. */
export interface SuiteRun {
  cases: CaseResult[];
  /** Messages on the harness's queue with no `svarPaMelding`, or answering a request this run never sent. */
  strayReplies: RecordedReply[];
}

function skipped(testCase: ResolvedCase, reason: string): CaseResult {
  return {
    id: testCase.id,
    protocol: testCase.protocol,
    version: testCase.version,
    title: testCase.title,
    situation: testCase.situation,
    generated: testCase.generated === true,
    spec: testCase.spec,
    verdict: 'skip',
    reason,
    checks: [],
    exchanges: [],
    durationMs: 0,
  };
}

/** Runs `work` over `items` with at most `limit` in flight, in order of start. */
async function pool<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length) {
      const item = items[next++]!;
      await work(item);
    }
  });
  await Promise.all(lanes);
}

/**
 * Runs the cases against the target and judges them: read-only cases first, then the cases that
 * book (so no grant changes the ledger under a case that expects it untouched), each phase with
 * the given concurrency. Every exchange is recorded, then judged by the checks, a pure function of
 * the recording. Results come back in the cases' order.
 */
export async function runSuite(options: RunSuiteOptions): Promise<SuiteRun> {
  const { target, catalog } = options;
  const repeat = Math.max(1, options.repeat ?? 1);
  const collector = new ReplyCollector(target.harness, catalog);
  await collector.start();
  const judgeContext: JudgeContext = {
    ...options.judge,
    catalog,
    ...(target.vendorCertificate === undefined ? {} : { vendorCertificate: target.vendorCertificate }),
  };
  const runContext = {
    target,
    catalog,
    collector,
    lateGraceMs: options.lateGraceMs ?? 2_000,
    settleMs: options.settleMs ?? 300,
    ...(options.onStep === undefined ? {} : { onStep: options.onStep }),
  };
  const results = new Map<string, CaseResult>();
  let stopped: string | undefined;
  const sentIds = new Set<string>();

  const runOne = async (testCase: ResolvedCase) => {
    const uncontrolled = target.platformControl === undefined ? platformControlNeeded(testCase) : undefined;
    const skip = testCase.skip ?? uncontrolled;
    if (skip !== undefined) {
      results.set(testCase.id, skipped(testCase, skip));
      options.onCaseFinished?.(results.get(testCase.id)!);
      return;
    }
    if (stopped !== undefined) {
      results.set(testCase.id, skipped(testCase, `not run: --fail-fast stopped the run after ${stopped}`));
      return;
    }
    options.onCaseStarted?.(testCase);
    const started = Date.now();
    const attempts: CaseResult[] = [];
    for (let attempt = 1; attempt <= repeat; attempt++) {
      const attemptStarted = Date.now();
      const exchanges = await runCaseAttempt(testCase, attempt, runContext);
      for (const e of exchanges) {
        if (e.request.meldingId !== '') sentIds.add(e.request.meldingId.toLowerCase());
        for (const copy of e.burst ?? []) sentIds.add(copy.request.meldingId.toLowerCase());
      }
      const checks = judgeCase(testCase, exchanges, judgeContext).map((c) => ({ ...c, attempt }));
      const { verdict, reason } = caseVerdictOf(checks, exchanges);
      attempts.push({
        ...skipped(testCase, ''),
        verdict,
        checks,
        exchanges,
        durationMs: Date.now() - attemptStarted,
        ...(reason === undefined ? { reason: undefined } : { reason }),
      });
    }
    const result = repeat === 1 ? attempts[0]! : combineAttempts(attempts);
    result.durationMs = Date.now() - started;
    if (result.reason === undefined || result.reason === '') delete result.reason;
    results.set(testCase.id, result);
    if (options.failFast && (result.verdict === 'fail' || result.verdict === 'error'))
      stopped ??= testCase.id;
    options.onCaseFinished?.(result);
  };

  try {
    const concurrency = options.concurrency ?? 4;
    await pool(
      options.cases.filter((c) => !c.books),
      concurrency,
      runOne,
    );
    await pool(
      options.cases.filter((c) => c.books),
      concurrency,
      runOne,
    );
  } finally {
    await collector.close();
  }
  const strayReplies = [...collector.uncorrelated(), ...collector.repliesToOthers(sentIds)];
  return { cases: options.cases.map((c) => results.get(c.id)!), strayReplies };
}
