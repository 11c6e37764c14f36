import { defineCommand } from '@fiks-faktura/sdk/cli';
import { norwegianDateOf } from '../../clock.js';
import { readFixtureLedger } from '../../seed/fixture-ledger.js';
import { seedFromFixtures } from '../../seed/seed-from-fixtures.js';
import { clockOf, LEDGER_OPTIONS, type LedgerArgs, withErp } from '../erp-session.js';
import { EXIT_CODE } from '../exit-code.js';
import { printJson } from '../json-output.js';

/**
 * `reference-erp seed [--data DIR] [--today YYYY-MM-DD]`: loads the shared test ledger with its
 * dates relative to `--today` (default: today in Norway). Seeding again changes nothing.
 */
export const seedCommand = defineCommand<LedgerArgs>({
  name: 'seed',
  describe: 'Load the test ledger (invoices in every interesting state) into the store',
  options: LEDGER_OPTIONS,
  exitCodes: [{ code: EXIT_CODE.ok, meaning: 'seeded; what was inserted on stdout (one JSON line)' }],
  run: async (args) => {
    const today = norwegianDateOf(clockOf(args).now());
    await withErp(args, async (erp, store) => {
      const inserted = await seedFromFixtures(erp.db, readFixtureLedger(), {
        today,
        reminderMinDaysAfterDueDate: erp.config.reminderMinDaysAfterDueDate,
      });
      printJson({ store: store.store, data: store.data, today, inserted });
    });
  },
});
