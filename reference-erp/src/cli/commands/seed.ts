import type { CommandModule } from 'yargs';
import { norwegianDateOf } from '../../clock.js';
import { readFixtureLedger } from '../../seed/fixture-ledger.js';
import { seedFromFixtures } from '../../seed/seed-from-fixtures.js';
import { clockOf, type LedgerArgs, withErp, withLedgerOptions } from '../erp-session.js';
import { printJson } from '../json-output.js';

/**
 * `reference-erp seed [--data DIR] [--today YYYY-MM-DD]`: loads the shared test ledger with its
 * dates relative to `--today` (default: today in Norway). Seeding again changes nothing.
 */
export const seedCommand: CommandModule<object, LedgerArgs> = {
  command: 'seed',
  describe: 'Load the test ledger (invoices in every interesting state) into the store',
  builder: (yargs) => withLedgerOptions(yargs) as never,
  handler: async (args) => {
    const today = norwegianDateOf(clockOf(args).now());
    await withErp(args, async (erp, store) => {
      const inserted = await seedFromFixtures(erp.db, readFixtureLedger(), {
        today,
        reminderMinDaysAfterDueDate: erp.config.reminderMinDaysAfterDueDate,
      });
      printJson({ store: store.store, data: store.data, today, inserted });
    });
  },
};
