import { randomUUID } from 'node:crypto';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { loadProtocolSpecs, ProtocolCatalog, parseCalendarDate } from '@fiks-faktura/sdk';
import { caseVerdictOf, judgeCase } from '../checks/index.js';
import type { CaseResult } from '../model/case-result.js';
import type { JudgeContext } from '../model/judge-context.js';
import type { RecordedExchange } from '../model/recorded-exchange.js';
import {
  applyExpectedFailures,
  combineAttempts,
  type ExpectedFailures,
  type RunMeta,
} from '../report/index.js';
import { type DataMap, loadSuite, resolveCase, validateProfile } from '../suite/index.js';
import { caseFromRecord } from './case-record.js';
import { EvidenceError } from './evidence-error.js';
import { parseBundle } from './read-bundle.js';
import { type VerdictChange, verdictChanges } from './verdict-changes.js';
import { verifyBundle } from './verify-bundle.js';

/** What to judge a bundle's recording with. */
export interface RejudgeOptions {
  /** The protocols folder whose cases, schemas and code lists judge (default: this harness's). */
  suiteRoot?: string;
  /** The run's data map, when the run had one (its SHA-256 must match the bundle's). */
  dataMap?: { map: DataMap; sha256: string };
}

/** A rejudged run: the same shape as a run's, and what changed. */
export interface Rejudgement {
  run: RunMeta;
  cases: CaseResult[];
  changes: VerdictChange[];
  suiteHash: string;
  /** The content address of the rejudged bundle (hex SHA-256 of its signed index). */
  bundleSha256: string;
  /** The specifications of the suite that judged, for the coverage of the rejudged report. */
  protocolSpecs: ReturnType<typeof loadProtocolSpecs>;
}

function byAttempt(exchanges: readonly RecordedExchange[]): RecordedExchange[][] {
  const attempts = new Map<number, RecordedExchange[]>();
  for (const e of exchanges) attempts.set(e.attempt, [...(attempts.get(e.attempt) ?? []), e]);
  return [...attempts.entries()].sort(([a], [b]) => a - b).map(([, list]) => list);
}

/**
 * The `${foresporselId}` values the run resolved, in step order (the first attempt's requests), so
 * the case resolves again to what was sent; a fresh UUID once they run out.
 */
function recordedUuids(exchanges: readonly RecordedExchange[]): () => string {
  const ids = exchanges
    .filter((e) => e.attempt === 1)
    .sort((a, b) => a.step - b.step)
    .map((e) => (e.request.payload as { foresporselId?: unknown } | undefined)?.foresporselId)
    .filter((id): id is string => typeof id === 'string');
  const queue = [...new Set(ids)];
  return () => queue.shift() ?? randomUUID();
}

/**
 * Judges a bundle's recorded exchanges again with the suite at `suiteRoot` and the checks of
 * this harness, sending nothing: each case is resolved again (the run's day, profile and data
 * map) and every attempt's recording judged. Refuses a bundle that does not verify
 * (`EVIDENCE_UNVERIFIED`). A case the suite no longer has, or one not sent in the run, keeps its
 * recorded result.
 */
export function rejudgeBundle(text: string, options: RejudgeOptions = {}): Rejudgement {
  const verified = verifyBundle(text);
  const first = verified.findings[0];
  if (first !== undefined)
    throw new EvidenceError(
      'EVIDENCE_UNVERIFIED',
      `the bundle does not verify (${verified.findings.length} finding(s)); first: ${first.part}: ${first.check}: ${first.message}`,
    );
  const { bundle } = parseBundle(text) as Extract<ReturnType<typeof parseBundle>, { bundle: unknown }>;
  const { index } = bundle;
  if (index.dataMapSha256 !== (options.dataMap?.sha256 ?? null))
    throw new EvidenceError(
      'EVIDENCE_DATA_MAP_INVALID',
      index.dataMapSha256 === null
        ? 'the run had no data map: leave out --data-map'
        : `the run used a data map with SHA-256 ${index.dataMapSha256}: give that file with --data-map`,
    );
  const root = options.suiteRoot ?? protocolsRoot;
  const suite = loadSuite({ root, generated: index.run.filters.generated ?? true });
  const today = parseCalendarDate(index.run.today);
  const profile = validateProfile(index.run.profile.values, 'the profile recorded in the bundle');
  const protocolSpecs = loadProtocolSpecs(root);
  const context: JudgeContext = {
    catalog: ProtocolCatalog.load({ root }),
    strictCatalog: ProtocolCatalog.load({ root, strict: true }),
    today,
    protocolSpecs,
    ...(index.vendorCertificate === null ? {} : { vendorCertificate: index.vendorCertificate }),
  };
  const parts = new Map(
    Object.entries(bundle.parts).map(([name, b64]) => [name, Buffer.from(b64, 'base64')]),
  );
  const bytesOf = (name: string) => parts.get(name)!;
  const recorded = index.cases.map((entry) => caseFromRecord(bytesOf(entry.part), bytesOf));
  const suiteCases = new Map(suite.cases.map((c) => [c.id, c]));
  const rejudged = recorded.map((was): CaseResult => {
    const suiteCase = suiteCases.get(was.id);
    if (suiteCase === undefined || was.exchanges.length === 0) return was;
    const testCase = resolveCase(suiteCase, {
      today,
      profile,
      now: () => new Date(index.run.startedAt),
      newUuid: recordedUuids(was.exchanges),
      ...(options.dataMap === undefined ? {} : { dataMap: options.dataMap.map }),
    });
    const attempts = byAttempt(was.exchanges).map((exchanges): CaseResult => {
      const attempt = exchanges[0]!.attempt;
      const checks = judgeCase(testCase, exchanges, context).map((c) => ({ ...c, attempt }));
      const { verdict, reason } = caseVerdictOf(checks, exchanges);
      const { reason: _old, expectedFailure: _expected, attempts: _a, unstable: _u, ...rest } = was;
      return { ...rest, verdict, checks, exchanges, ...(reason === undefined ? {} : { reason }) };
    });
    const result = attempts.length === 1 ? attempts[0]! : combineAttempts(attempts);
    return { ...result, durationMs: was.durationMs };
  });
  const expected = index.run.expectedFailures as ExpectedFailures | undefined;
  const cases = expected === undefined ? rejudged : applyExpectedFailures(rejudged, expected);
  return {
    run: index.run,
    cases,
    changes: verdictChanges(recorded, cases),
    suiteHash: suite.hash,
    bundleSha256: bundle.contentSha256,
    protocolSpecs,
  };
}
