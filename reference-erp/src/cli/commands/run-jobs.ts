import { defineCommand } from '@fiks-faktura/sdk/cli';
import { configuredInnsynPublisher } from '../../innsyn/configured-publisher.js';
import { publishInnsynUpdates } from '../../innsyn/publish-innsyn-updates.js';
import { runLifecycleJobs } from '../../jobs/run-lifecycle-jobs.js';
import { clockOf, LEDGER_OPTIONS, type LedgerArgs, withErp } from '../erp-session.js';
import { EXIT_CODE } from '../exit-code.js';
import { printJson } from '../json-output.js';

/**
 * `reference-erp run-jobs [--today YYYY-MM-DD] [--data DIR] [--erp-config FILE]`: runs the
 * lifecycle jobs once for that day (the sweep of answered decisions never released, notices of
 * overdue instalments, plan cancellations, reminders), then, when `innsyn.targetUrl` is
 * configured, one publishing pass. Prints one JSON line with what was done. Running it twice the
 * same day does nothing more.
 */
export const runJobsCommand = defineCommand<LedgerArgs>({
  name: 'run-jobs',
  describe:
    'Run the lifecycle jobs once (notices, plan cancellations, reminders, Innsyn release and publishing)',
  options: LEDGER_OPTIONS,
  exitCodes: [{ code: EXIT_CODE.ok, meaning: 'the jobs ran; what they did on stdout (one JSON line)' }],
  run: async (args) => {
    const clock = clockOf(args);
    await withErp(args, async (erp) => {
      const summary = await runLifecycleJobs(erp.db, erp.config, clock.now());
      const publisher = configuredInnsynPublisher(erp.config.innsyn);
      const innsyn =
        publisher === undefined
          ? null
          : await publishInnsynUpdates(erp.db, publisher, { clock, rules: erp.config.innsyn });
      printJson({ ...summary, innsyn });
    });
  },
});
