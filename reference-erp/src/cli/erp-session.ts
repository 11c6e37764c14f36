import { parseCalendarDate } from '@fiks-faktura/sdk';
import type { Argv } from 'yargs';
import { type Clock, clockOnDay, systemClock } from '../clock.js';
import { loadErpConfig } from '../config/load-erp-config.js';
import { ReferenceErp } from '../erp/reference-erp.js';
import { type LedgerStore, openLedgerStore } from './ledger-store.js';

/** The options every command that touches the ledger takes. */
export interface LedgerArgs {
  data?: string;
  'erp-config'?: string;
  today?: string;
}

/** The ERP's clock: the machine's, or moved to `--today`. */
export function clockOf(args: LedgerArgs): Clock {
  return args.today === undefined ? systemClock : clockOnDay(parseCalendarDate(args.today));
}

/** Adds `--data DIR` and `--erp-config FILE`, shared by every command that opens the ledger. */
export function withLedgerOptions<T>(yargs: Argv<T>) {
  return yargs
    .option('data', {
      type: 'string',
      describe:
        'Data directory of the embedded ledger (default .reference-erp/); ignored when DATABASE_URL is set',
    })
    .option('erp-config', {
      type: 'string',
      describe: "The ERP's rule configuration (JSON, any subset of the defaults)",
    })
    .option('today', {
      type: 'string',
      describe: 'The day the ERP takes as today (YYYY-MM-DD; default: today in Norway)',
    });
}

/**
 * Opens the ledger (PostgreSQL when `DATABASE_URL` is set, else PGlite in `--data`), migrates it,
 * runs `work` with a ready ERP, and closes the store however `work` ends.
 */
export async function withErp<T>(
  args: LedgerArgs,
  work: (erp: ReferenceErp, store: LedgerStore) => Promise<T>,
): Promise<T> {
  const config = args['erp-config'] === undefined ? undefined : loadErpConfig(args['erp-config']);
  const store = await openLedgerStore({
    ...(args.data === undefined ? {} : { dataDir: args.data }),
    ...(process.env.DATABASE_URL === undefined ? {} : { databaseUrl: process.env.DATABASE_URL }),
  });
  try {
    const erp = await ReferenceErp.open({
      db: store.db,
      clock: clockOf(args),
      ...(config === undefined ? {} : { config }),
    });
    return await work(erp, store);
  } finally {
    await store.close();
  }
}
