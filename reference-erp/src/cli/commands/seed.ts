import { parseCalendarDate } from '@fiks-faktura/sdk';
import type { CommandModule } from 'yargs';
import { norwegianDateOf } from '../../clock.js';
import { readFixtureLedger } from '../../seed/fixture-ledger.js';
import { seedFromFixtures } from '../../seed/seed-from-fixtures.js';
import { type LedgerArgs, withErp, withLedgerOptions } from '../erp-session.js';
import { printJson } from '../json-output.js';

interface SeedArgs extends LedgerArgs {
  today?: string;
}

/**
 * `reference-erp seed [--data DIR] [--today YYYY-MM-DD]`: loads the shared test ledger with its
 * dates relative to `--today` (default: today in Norway). Seeding again changes nothing.
 */
export const seedCommand: CommandModule<object, SeedArgs> = {
  command: 'seed',
  describe: 'Load the test ledger (invoices in every interesting state) into the store',
  builder: (yargs) =>
    withLedgerOptions(yargs).option('today', {
      type: 'string',
      describe: 'The day the fixture dates are relative to (YYYY-MM-DD; default today)',
    }) as never,
  handler: async (args) => {
    const today = args.today === undefined ? norwegianDateOf(new Date()) : parseCalendarDate(args.today);
    await withErp(args, async (erp, store) => {
      const inserted = await seedFromFixtures(erp.db, readFixtureLedger(), {
        today,
        reminderMinDaysAfterDueDate: erp.config.reminderMinDaysAfterDueDate,
      });
      printJson({ store: store.store, data: store.data, today, inserted });
    });
  },
};
