import { readFileSync } from 'node:fs';
import { addDays, addMonths, type CalendarDate } from '@fiks-faktura/sdk';
import type { LateInterestRate } from '../config/erp-config.js';
import { ReferenceErpError } from '../errors/reference-erp-error.js';

/** `forsinkelsesrente.json`: the half-yearly late-payment interest rates, with their source. */
export interface LateInterestTable {
  navn: string;
  /** Who sets the rate, by which rule, and where it is published. */
  kilde: string;
  /** The last day the table has a rate for. */
  gjelderTilOgMed: CalendarDate;
  merknad: string;
  satser: (LateInterestRate & { styringsrenteProsent: number; bekreftet: boolean })[];
}

const TABLE_FILE = new URL('./forsinkelsesrente.json', import.meta.url);

/**
 * The last day `rates` has a rate for: each rate is set for one half-year, so the table ends the
 * day before six months after its last `fraDato`.
 */
export function lateInterestTableEnd(rates: readonly LateInterestRate[]): CalendarDate | undefined {
  const last = rates.at(-1);
  return last === undefined ? undefined : addDays(addMonths(last.fraDato, 6), -1);
}

function readTable(): LateInterestTable {
  const table = JSON.parse(readFileSync(TABLE_FILE, 'utf8')) as LateInterestTable;
  if (lateInterestTableEnd(table.satser) !== table.gjelderTilOgMed)
    throw new ReferenceErpError(
      'INTEREST_TABLE_INVALID',
      `forsinkelsesrente.json: gjelderTilOgMed ${table.gjelderTilOgMed} must be the last day of the last rate's half-year.`,
    );
  return table;
}

/** The bundled forsinkelsesrente table (`src/rules/forsinkelsesrente.json`). */
export const LATE_INTEREST_TABLE: LateInterestTable = readTable();

/** The bundled table's rates as the configuration takes them (`{fraDato, rentesatsProsent}`). */
export const BUNDLED_LATE_INTEREST_RATES: LateInterestRate[] = LATE_INTEREST_TABLE.satser.map(
  ({ fraDato, rentesatsProsent }) => ({ fraDato, rentesatsProsent }),
);
