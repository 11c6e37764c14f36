import type { loadProtocolSpecs } from '@fiks-faktura/sdk';
import { surfaceCoverage } from '../coverage/surface-coverage.js';
import type { CaseResult } from '../model/case-result.js';
import type { CheckResult } from '../model/check-result.js';
import { countsAsFailure, exitCodeOfCases } from './case-outcome.js';
import { exchangeReport } from './exchange-report.js';
import { maskPersonalData } from './mask-personal-data.js';
import type { CaseReport, CheckReport, RunMeta, RunReport } from './run-report.js';
import { summarize } from './run-summary.js';
import { timingByRequestType } from './timing-stats.js';

const TIMING_NOTES = {
  emulator:
    'The emulator was the platform: the vendor time (delivered to the vendor until its answer was accepted) and the platform time are shown apart. The deadline is judged on the citizen wait (sent until the answer was received).',
  harness:
    "Only the harness's own points exist (a remote Fiks IO does not tell when it delivered the request or accepted the answer): the citizen wait includes the platform's time, and the vendor time is unknown. The deadline is judged on the citizen wait.",
} as const;

function checkReport(check: CheckResult): CheckReport {
  return {
    id: check.id,
    verdict: check.verdict,
    severity: check.severity,
    spec: check.spec,
    message: check.message,
    step: check.step ?? null,
    attempt: check.attempt ?? 1,
  };
}

/** One case as `report.json` holds it (not yet masked). */
export function caseReport(result: CaseResult): CaseReport {
  return {
    id: result.id,
    protocol: result.protocol,
    version: result.version,
    title: result.title,
    situation: result.situation,
    generated: result.generated,
    spec: [...result.spec],
    verdict: result.verdict,
    reason: result.reason === undefined || result.reason === '' ? null : result.reason,
    countsAsFailure: countsAsFailure(result),
    durationMs: result.durationMs,
    attempts: result.attempts === undefined ? null : [...result.attempts],
    unstable: result.unstable === true,
    expectedFailure:
      result.expectedFailure === undefined
        ? null
        : {
            reason: result.expectedFailure.reason,
            outcome: result.expectedFailure.outcome,
            uncoveredChecks: [...(result.expectedFailure.uncoveredChecks ?? [])],
          },
    checks: result.checks.map(checkReport),
    exchanges: result.exchanges.map(exchangeReport),
  };
}

/**
 * The whole run as `report.json` holds it (`report.schema.json`): the run's facts, a summary,
 * the timing per request type, every case with every check and exchange. Personal data is masked
 * (see `maskPersonalData`), so the report may be stored and shared as it is. The coverage is
 * counted against `protocolSpecs` (default: this harness's protocols).
 */
export function buildRunReport(
  meta: RunMeta,
  cases: CaseResult[],
  options: { protocolSpecs?: ReturnType<typeof loadProtocolSpecs> } = {},
): RunReport {
  const caseReports = cases.map(caseReport);
  const coverage = surfaceCoverage(
    cases.flatMap((c) => c.exchanges),
    cases.map((c) => ({ protocol: c.protocol, version: c.version })),
    {
      ...(meta.minCoverage === undefined ? {} : { minPercent: meta.minCoverage }),
      ...(options.protocolSpecs === undefined ? {} : { specs: options.protocolSpecs }),
    },
  );
  const exitCode = exitCodeOfRun(cases, coverage.met);
  const summary = summarize(meta, caseReports);
  if (coverage.met === false)
    summary.warnings.push(
      `The protocol-surface coverage ${coverage.percent}% is below --min-coverage ${coverage.threshold}%: ${exitCode === 1 ? 'the run fails' : 'nothing was judged (every case errored), so the run ends as an error'}`,
    );
  const report: RunReport = {
    reportVersion: 1,
    harness: { name: meta.harness.name, version: meta.harness.version },
    suiteHash: meta.suiteHash,
    target: meta.target,
    vendor: { kontoId: meta.vendor.kontoId, name: meta.vendor.name ?? null },
    harnessAccount: meta.harnessAccount,
    today: meta.today,
    startedAt: meta.startedAt,
    finishedAt: meta.finishedAt,
    durationMs: Math.max(0, Date.parse(meta.finishedAt) - Date.parse(meta.startedAt)) || 0,
    profile: { name: meta.profile.name ?? null, path: meta.profile.path, values: meta.profile.values },
    filters: {
      protocols: [...(meta.filters.protocols ?? [])],
      case: meta.filters.case ?? null,
      situation: meta.filters.situation ?? null,
      generated: meta.filters.generated ?? true,
    },
    repeat: meta.repeat,
    concurrency: meta.concurrency,
    verdict: exitCode === 0 ? 'pass' : exitCode === 1 ? 'fail' : 'error',
    exitCode,
    summary,
    timing: {
      source: meta.timingSource,
      note: TIMING_NOTES[meta.timingSource],
      byRequestType: timingByRequestType(caseReports.flatMap((c) => c.exchanges)),
    },
    coverage,
    cases: caseReports,
  };
  return maskPersonalData(report);
}

/**
 * The exit code the run ends with, its report's `exitCode`: 0 nothing failed or errored, 1 a case
 * failed or the coverage is below `--min-coverage`, 2 only errors. A coverage shortfall fails the
 * run only when something was judged: when every case errored (or was skipped), the missing
 * coverage is the harness's or the platform's, never the vendor's, and the run stays an error.
 */
function exitCodeOfRun(cases: readonly CaseResult[], coverageMet: boolean | null): 0 | 1 | 2 {
  const ofCases = exitCodeOfCases(cases);
  if (coverageMet !== false || ofCases === 1) return ofCases;
  const nothingJudged = ofCases === 2 && cases.every((c) => c.verdict === 'error' || c.verdict === 'skip');
  return nothingJudged ? 2 : 1;
}
