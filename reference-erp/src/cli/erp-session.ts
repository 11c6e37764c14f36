import { parseCalendarDate } from '@fiks-faktura/sdk';
import type { OptionSpec } from '@fiks-faktura/sdk/cli';
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

/** `--data DIR`, `--erp-config FILE` and `--today YYYY-MM-DD`, shared by every command that opens the ledger. */
export const LEDGER_OPTIONS: Readonly<Record<string, OptionSpec>> = {
  data: {
    type: 'string',
    placeholder: 'DIR',
    describe:
      'Data directory of the embedded ledger (default .reference-erp/); ignored when DATABASE_URL is set',
  },
  'erp-config': {
    type: 'string',
    placeholder: 'FILE',
    describe: "The ERP's rule configuration (JSON, any subset of the defaults)",
  },
  today: {
    type: 'string',
    placeholder: 'YYYY-MM-DD',
    describe: 'The day the ERP takes as today (default: today in Norway)',
  },
};

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
