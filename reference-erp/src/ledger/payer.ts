import type { Innbygger } from '../protocol/erp-protocols.js';
import type { Queryable } from '../store/database.js';

/** One payer (person or organisation) of the ledger. */
export interface Payer {
  payerId: string;
  name: string;
  foedselsnummer: string | null;
  organisasjonsnummer: string | null;
  distributionChannel: string;
  avtalegiro: boolean;
  efaktura: boolean;
}

/** The payers column and value that identify `innbygger`. */
export function identityColumn(innbygger: Innbygger): ['foedselsnummer' | 'organisasjonsnummer', string] {
  return 'foedselsnummer' in innbygger
    ? ['foedselsnummer', innbygger.foedselsnummer]
    : ['organisasjonsnummer', innbygger.organisasjonsnummer];
}

/**
 * The payer identified by the login, locked for the rest of the transaction (so decisions that
 * count per payer, such as deferrals in six months or comments a day, cannot race).
 */
export async function findPayer(q: Queryable, innbygger: Innbygger): Promise<Payer | null> {
  const [column, value] = identityColumn(innbygger);
  const rows = await q.query<Payer & Record<string, unknown>>(
    `SELECT payer_id AS "payerId", name, foedselsnummer, organisasjonsnummer,
       distribution_channel AS "distributionChannel", avtalegiro, efaktura
     FROM payers WHERE ${column} = $1 FOR UPDATE`,
    [value],
  );
  return rows[0] ?? null;
}

/** SQL condition: invoice `i` is owed by payer `$n` directly or through a property they co-own. */
export function owedByPayerSql(param: string): string {
  return `(i.payer_id = ${param} OR i.property_id IN
    (SELECT property_id FROM property_owners WHERE payer_id = ${param}))`;
}
