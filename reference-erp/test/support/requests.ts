import { randomUUID } from 'node:crypto';
import type { ReferenceErp } from '../../src/erp/reference-erp.js';
import { insertInvoice } from '../../src/ledger/insert-invoice.js';
import type { Invoice } from '../../src/ledger/invoice.js';
import type { Database } from '../../src/store/database.js';
import type { Reply } from './erp-fixture.js';
import { assertValidReply } from './erp-fixture.js';
import { MESSAGE_TYPE } from './message-types.js';

/** The fixture payers' login identities. */
export const PAYER = {
  P01: { foedselsnummer: '15838541280' },
  P02: { foedselsnummer: '02879023605' },
  P03: { foedselsnummer: '24917211988' },
  P04: { organisasjonsnummer: '315202604' },
  P05: { foedselsnummer: '58859526312' },
  P06: { foedselsnummer: '11848832784' },
  P07: { foedselsnummer: '30869145536' },
  P08: { foedselsnummer: '09859327491' },
  P09: { foedselsnummer: '12888238962' },
  P10: { foedselsnummer: '27927616330' },
  P11: { foedselsnummer: '05879930172' },
} as const;

export type PayerId = keyof typeof PAYER;

/** Sends a request of `type` with a fresh foresporselId (unless given) and checks the answer's schema. */
export async function ask(
  erp: ReferenceErp,
  type: string,
  payer: PayerId,
  fakturanummer: string,
  fields: Record<string, unknown>,
): Promise<Reply> {
  const reply = await erp.handle(type, {
    foresporselId: randomUUID(),
    innbygger: PAYER[payer],
    faktura: { fakturanummer },
    sendtTidspunkt: '2026-03-04T10:00:00+01:00',
    ...fields,
  });
  assertValidReply(reply);
  return reply;
}

/** A deferral request. */
export function askDeferral(
  erp: ReferenceErp,
  payer: PayerId,
  fakturanummer: string,
  oensketForfallsdato: string,
) {
  return ask(erp, MESSAGE_TYPE.deferralRequest, payer, fakturanummer, { oensketForfallsdato });
}

/** An instalment request. */
export function askInstalments(
  erp: ReferenceErp,
  payer: PayerId,
  fakturanummer: string,
  antallAvdrag: number,
  foersteForfallsdato?: string,
) {
  return ask(erp, MESSAGE_TYPE.instalmentRequest, payer, fakturanummer, {
    antallAvdrag,
    intervall: 'MAANEDLIG',
    ...(foersteForfallsdato === undefined ? {} : { foersteForfallsdato }),
  });
}

/** The reason code of a denial, `INNVILGET`, or the error kind of an error reply. */
export function outcomeOf(reply: Reply): string {
  const p = reply.payload as { utfall?: string; aarsak?: { kodeverdi: string } };
  if (reply.meldingType.includes('.feilmelding.')) return reply.meldingType.split('.').pop()!;
  return p.utfall === 'INNVILGET' ? 'INNVILGET' : (p.aarsak?.kodeverdi ?? '?');
}

/** Adds an extra open invoice (a copy of a plain open one with the given changes) for boundary tests. */
export async function addInvoice(db: Database, base: Invoice, changes: Partial<Invoice>): Promise<void> {
  await db.transaction((tx) => insertInvoice(tx, { ...base, ...changes }));
}
