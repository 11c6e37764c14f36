import { LEGAL_REMINDER_FEE_CAP_OERE, REMINDER_FEE_LAW } from '../jobs/reminder-fee-law.js';

/** Reminders (purring) of overdue invoices, within the inkasso rules' limits. */
export interface ReminderConfig {
  /** The fee charged per reminder, in øre (at most `feeCapOere`). */
  feeOere: number;
  /** The legal ceiling of one reminder fee, in øre (1/20 of the inkassosats; see `reminder-fee-law.ts`). */
  feeCapOere: number;
  /** At most this many reminders (each with a fee) per invoice; none after. */
  maxFees: number;
  /** At least this many days between two reminders (the first one's payment deadline). */
  minDaysBetween: number;
}

/** The scheduled jobs of `serve` and `run-jobs`. */
export interface JobsConfig {
  /** `serve` runs the lifecycle jobs (notices, cancellations, reminders, sweep) this often. */
  intervalSeconds: number;
  /**
   * A decision this old whose Innsyn updates were never released (the process died between the
   * send and the release) is released by the sweep.
   */
  sweepGraceSeconds: number;
}

/** Where and how Innsyn updates are published. */
export interface InnsynPublishConfig {
  /** The HTTP endpoint that takes `faktura.v1` records (POST); null: updates stay queued. */
  targetUrl: string | null;
  /** `serve` looks for released updates this often. */
  pollIntervalMs: number;
  /** The first retry after a failed publish waits this long; each further one twice as long. */
  retryInitialMs: number;
  /** The longest wait between two retries. */
  retryMaxMs: number;
  /** A publish that has no answer after this long counts as failed (and is retried). */
  requestTimeoutMs: number;
}

/** The defaults of the lifecycle sections. */
export const DEFAULT_LIFECYCLE_CONFIG: {
  reminders: ReminderConfig;
  jobs: JobsConfig;
  innsyn: InnsynPublishConfig;
} = {
  reminders: {
    feeOere: LEGAL_REMINDER_FEE_CAP_OERE,
    feeCapOere: LEGAL_REMINDER_FEE_CAP_OERE,
    maxFees: REMINDER_FEE_LAW.maksAntallGebyrer,
    minDaysBetween: REMINDER_FEE_LAW.minsteDagerMellomPurringer,
  },
  jobs: { intervalSeconds: 3600, sweepGraceSeconds: 60 },
  innsyn: {
    targetUrl: null,
    pollIntervalMs: 5000,
    retryInitialMs: 1000,
    retryMaxMs: 300_000,
    requestTimeoutMs: 10_000,
  },
};

/** Checks the lifecycle sections; `invalid(path, expected)` records each problem. */
export function validateLifecycleConfig(
  config: typeof DEFAULT_LIFECYCLE_CONFIG,
  invalid: (path: string, expected: string) => void,
): void {
  const sections = { reminders: config.reminders, jobs: config.jobs, innsyn: config.innsyn };
  for (const [section, values] of Object.entries(sections)) {
    for (const [key, value] of Object.entries(values)) {
      if (section === 'innsyn' && key === 'targetUrl') continue;
      if (!Number.isSafeInteger(value) || (value as number) < 0)
        invalid(`${section}.${key}`, 'a whole number ≥ 0');
    }
  }
  if (config.reminders.feeOere > config.reminders.feeCapOere) {
    invalid('reminders.feeOere', `at most reminders.feeCapOere (${config.reminders.feeCapOere})`);
  }
  if (config.jobs.intervalSeconds < 1) invalid('jobs.intervalSeconds', 'at least 1');
  if (config.innsyn.pollIntervalMs < 10) invalid('innsyn.pollIntervalMs', 'at least 10');
  if (config.innsyn.requestTimeoutMs < 1) invalid('innsyn.requestTimeoutMs', 'at least 1');
  const target = config.innsyn.targetUrl;
  if (target !== null && !(typeof target === 'string' && /^https?:\/\/\S+$/.test(target))) {
    invalid('innsyn.targetUrl', 'null or an http(s) URL');
  }
}
