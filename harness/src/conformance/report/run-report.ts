import type { SurfaceCoverage } from '../coverage/coverage-model.js';
import type { CaseVerdict, CheckVerdict } from '../model/check-result.js';
import type { Situation } from '../model/resolved-case.js';

/** Where an exchange's timeline points come from (see `ExchangeTimeline.source`). */
export type TimingSource = 'emulator' | 'harness';

/** What the run was: who ran what against whom, when and how. The input of `buildRunReport` besides the cases. */
export interface RunMeta {
  harness: { name: string; version: string };
  /** Hash of the suite's case files, so a report names exactly which cases judged. */
  suiteHash: string;
  target: 'embedded' | 'local' | 'remote';
  vendor: { kontoId: string; name?: string };
  /** The harness's own Fiks IO account (the klient, Min kommune). */
  harnessAccount: string;
  /** The run's day (YYYY-MM-DD), which "today" means in the rules. */
  today: string;
  /** ISO 8601 instants. */
  startedAt: string;
  finishedAt: string;
  /** The municipality's declared policy the cases derived their expectations from. */
  profile: { name?: string; path: string | null; values: unknown };
  filters: { protocols?: string[]; case?: string | null; situation?: Situation | null; generated?: boolean };
  repeat: number;
  concurrency: number;
  /** `emulator`: the platform's points (delivered, answer accepted) are known; `harness`: only the harness's own (remote Fiks IO). */
  timingSource: TimingSource;
  /** The expected-failures file applied, if any: its entries that match no case of the run become warnings. */
  expectedFailures?: { path: string; entries: { case: string }[] };
  /** Anything else the run wants said in the summary (e.g. replies that answered no request). */
  warnings?: string[];
  /** `--min-coverage`: the protocol-surface coverage (percent) below which the run fails. */
  minCoverage?: number;
}

/** SHA-256 and size of an envelope as exchanged; the bytes themselves stay out of the report. */
export interface EnvelopeDigest {
  size: number;
  sha256: string;
}

/** One check's result, as reported. */
export interface CheckReport {
  id: string;
  verdict: CheckVerdict;
  severity: 'failure' | 'warning';
  spec: string;
  message: string;
  /** The 1-based step it is about; null for a check on the case as a whole. */
  step: number | null;
  /** The 1-based attempt (always 1 without `--repeat`). */
  attempt: number;
}

/** An exchange's points in time (ISO 8601), null where unknown. */
export interface TimelineReport {
  source: TimingSource;
  sentAt: string;
  acceptedAt: string | null;
  deliveredAt: string | null;
  answerAcceptedAt: string | null;
  answerReceivedAt: string | null;
}

/** The durations derived from a timeline, in ms, null where a point is missing. */
export interface DurationsReport {
  /** Sent → answer received: what the citizen waits, and what the deadline is judged on. */
  citizenWaitMs: number | null;
  /** Sent → accepted by Fiks IO (HTTP 202). */
  acceptMs: number | null;
  /** The platform's share: (sent → delivered) + (answer accepted → answer received); emulator only. */
  platformMs: number | null;
  /** The vendor's own time: delivered → answer accepted; emulator only. */
  vendorMs: number | null;
}

/** A reply's opened payload, as reported (file hashes, signer; the payload itself masked). */
export type OpenedReplyReport =
  | {
      ok: true;
      files: { name: string; size: number; sha256: string; mimeType: string }[];
      signature:
        | { status: 'absent' }
        | {
            status: 'verified';
            signerSubject: string;
            signerSerial: string;
            signerCertificateSha256: string;
          };
      payload?: unknown;
      payloadError?: string;
    }
  | { ok: false; code: string; message: string };

/** One reply, as reported. */
export interface ReplyReport {
  meldingId: string;
  meldingType: string;
  svarPaMelding: string | null;
  avsenderKontoId: string;
  mottakerKontoId: string;
  receivedAt: string;
  klientMeldingId: string | null;
  platformMessage: 'tidsavbrudd' | 'serverfeil' | null;
  harPayload: boolean;
  envelope: EnvelopeDigest | null;
  opened: OpenedReplyReport | null;
}

/** One exchange (a step of one attempt), as reported. */
export interface ExchangeReport {
  step: number;
  attempt: number;
  request: {
    meldingId: string;
    meldingType: string;
    klientMeldingId: string | null;
    headers: Record<string, string>;
    attachments: string[];
    /** The payload as sent, masked; null when sent without one. */
    payload: unknown;
    envelope: EnvelopeDigest | null;
  };
  replies: ReplyReport[];
  timeline: TimelineReport;
  durations: DurationsReport;
  deadlineMs: number;
  harnessKontoId: string;
  vendorKontoId: string;
  harnessError: { code: string; message: string } | null;
}

/** One case, as reported. */
export interface CaseReport {
  id: string;
  protocol: string;
  version: string;
  title: string;
  situation: Situation;
  generated: boolean;
  spec: string[];
  verdict: CaseVerdict;
  reason: string | null;
  /** True when this case makes the run fail (see `countsAsFailure`). */
  countsAsFailure: boolean;
  durationMs: number;
  attempts: CaseVerdict[] | null;
  unstable: boolean;
  expectedFailure: {
    reason: string;
    outcome: 'still-failing' | 'now-passing';
    uncoveredChecks: string[];
  } | null;
  checks: CheckReport[];
  exchanges: ExchangeReport[];
}

/** Counts of cases by verdict. */
export interface VerdictCounts {
  total: number;
  pass: number;
  fail: number;
  error: number;
  skip: number;
}

/** Percentiles of a duration, in ms (nearest rank). */
export interface DurationStats {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** Timing of one request type over every exchange of the run that sent it. */
export interface RequestTypeTiming {
  requestType: string;
  /** Exchanges that sent this type. */
  exchanges: number;
  /** Of those, the ones no answer arrived for (or that failed in the harness). */
  unanswered: number;
  citizenWait: DurationStats | null;
  /** Null when the platform's points are unknown (remote Fiks IO). */
  vendor: DurationStats | null;
  platform: DurationStats | null;
}

/** The run at a glance. */
export interface RunSummary {
  cases: VerdictCounts;
  byProtocol: (VerdictCounts & { protocol: string; bySituation: { N: VerdictCounts; F: VerdictCounts } })[];
  checks: { total: number; pass: number; fail: number; warn: number; error: number; skip: number };
  /** Ids of the cases that make the run fail, and of those that errored. */
  failed: string[];
  errored: string[];
  unstable: string[];
  expectedFailures: { stillFailing: string[]; nowPassing: string[]; unmatchedEntries: string[] };
  warnings: string[];
}

/** The whole run: `report.json`, described by `report.schema.json`. */
export interface RunReport {
  reportVersion: 1;
  harness: { name: string; version: string };
  suiteHash: string;
  target: RunMeta['target'];
  vendor: { kontoId: string; name: string | null };
  harnessAccount: string;
  today: string;
  startedAt: string;
  finishedAt: string;
  durationMs: number;
  profile: { name: string | null; path: string | null; values: unknown };
  filters: { protocols: string[]; case: string | null; situation: Situation | null; generated: boolean };
  repeat: number;
  concurrency: number;
  /** `pass`: nothing failed or errored; `fail`: a case failed (or the coverage is below `--min-coverage`); `error`: only errors. */
  verdict: 'pass' | 'fail' | 'error';
  exitCode: 0 | 1 | 2;
  summary: RunSummary;
  timing: {
    source: TimingSource;
    /** What the timing figures can and cannot say, in words. */
    note: string;
    byRequestType: RequestTypeTiming[];
  };
  /** Which points of the protocol surface the run's exchanges exercised (see `coverage/`). */
  coverage: SurfaceCoverage;
  cases: CaseReport[];
}
