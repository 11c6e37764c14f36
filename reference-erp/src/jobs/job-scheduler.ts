import type { Clock } from '../clock.js';
import type { ErpConfig } from '../config/erp-config.js';
import type { InnsynPublisher } from '../innsyn/innsyn-publisher.js';
import { type PublishPassResult, publishInnsynUpdates } from '../innsyn/publish-innsyn-updates.js';
import type { Database } from '../store/database.js';
import { sweepAnsweredDecisions } from './answered-decision-sweep.js';
import { startPeriodicTask } from './periodic-task.js';
import { type JobRunSummary, runLifecycleJobs } from './run-lifecycle-jobs.js';

/** What the scheduler reports. */
export type JobSchedulerEvent =
  | { kind: 'jobs'; summary: JobRunSummary }
  | { kind: 'sweep'; decisionsReleased: number; innsynReleased: number }
  | { kind: 'innsyn'; result: PublishPassResult };

/** The background work of `serve`. */
export interface JobScheduler {
  /** Publishes released Innsyn updates now (e.g. right after an answer released some). */
  publishSoon(): void;
  /** Stops the timers and waits for the runs in progress. */
  close(): Promise<void>;
}

/**
 * Starts the background work of `serve`: the lifecycle jobs (with the sweep) at once and every
 * `jobs.intervalSeconds`; the sweep of unreleased answered decisions also every
 * `jobs.sweepGraceSeconds`; and, with a publisher, the Innsyn publisher every
 * `innsyn.pollIntervalMs`. A failing run is reported and retried at the next period.
 */
export function startJobScheduler(options: {
  db: Database;
  config: ErpConfig;
  clock: Clock;
  publisher?: InnsynPublisher;
  onEvent?: (event: JobSchedulerEvent) => void;
  onError?: (error: Error, context: { task: string }) => void;
}): JobScheduler {
  const { db, config, clock } = options;
  const report = (task: string) => (error: Error) => options.onError?.(error, { task });
  const tasks = [
    startPeriodicTask(
      config.jobs.intervalSeconds * 1000,
      async () => {
        const summary = await runLifecycleJobs(db, config, clock.now());
        options.onEvent?.({ kind: 'jobs', summary });
      },
      report('jobs'),
    ),
    startPeriodicTask(
      Math.max(1, config.jobs.sweepGraceSeconds) * 1000,
      async () => {
        const swept = await sweepAnsweredDecisions(db, clock.now(), config.jobs.sweepGraceSeconds);
        if (swept.decisionsReleased > 0) options.onEvent?.({ kind: 'sweep', ...swept });
      },
      report('sweep'),
    ),
  ];
  const publisher = options.publisher;
  const publishing =
    publisher === undefined
      ? undefined
      : startPeriodicTask(
          config.innsyn.pollIntervalMs,
          async () => {
            const result = await publishInnsynUpdates(db, publisher, {
              clock,
              rules: config.innsyn,
              onError: (error) => report('innsyn')(error),
            });
            if (result.published + result.failed > 0) options.onEvent?.({ kind: 'innsyn', result });
          },
          report('innsyn'),
        );
  return {
    publishSoon: () => publishing?.wake(),
    async close() {
      await Promise.all([...tasks, ...(publishing ? [publishing] : [])].map((task) => task.stop()));
    },
  };
}
