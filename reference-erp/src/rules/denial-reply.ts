import type { Invoice } from '../ledger/invoice.js';
import { readUnit } from '../ledger/unit.js';
import { codeDescription } from '../protocol/code-descriptions.js';
import type { DeferralRequestType, InstalmentRequestType } from '../protocol/erp-protocols.js';
import type { DecisionContext } from './decision.js';
import { DENIAL_MESSAGES, type DenialCodeOf } from './denial-messages.js';

/** The responsible unit as `kontaktinformasjon`, when the ledger has it. */
type Kontakt = { navn: string; epost?: string; telefon?: string };

/**
 * The payload of a denied `.resultat` to a request of `requestType`: `utfall: AVSLAATT`, the
 * reason with its `kodebeskrivelse` from the protocol's code list `aarsakskoder`, the citizen's
 * message, the responsible unit as contact, and any hints (`senesteTillatteForfallsdato`,
 * `maksAntallAvdrag`, `minsteAvdragOere`).
 */
export async function denialPayload<
  T extends DeferralRequestType | InstalmentRequestType,
  C extends DenialCodeOf<T>,
  H extends object,
>(
  ctx: DecisionContext,
  requestType: T,
  foresporselId: string,
  invoice: Invoice,
  code: C,
  hints: H,
): Promise<
  {
    foresporselId: string;
    utfall: 'AVSLAATT';
    aarsak: { kodeverdi: C; kodebeskrivelse: string };
    meldingTilInnbygger: string;
    kontaktinformasjon?: Kontakt;
  } & H
> {
  const unit = await readUnit(ctx.tx, invoice.unitId);
  const kontakt: Kontakt | undefined = unit
    ? {
        navn: unit.name,
        ...(unit.email === null ? {} : { epost: unit.email }),
        ...(unit.phone === null ? {} : { telefon: unit.phone }),
      }
    : undefined;
  return {
    foresporselId,
    utfall: 'AVSLAATT',
    aarsak: { kodeverdi: code, kodebeskrivelse: codeDescription(requestType, 'aarsakskoder', code) },
    meldingTilInnbygger: DENIAL_MESSAGES[code],
    ...hints,
    ...(kontakt === undefined ? {} : { kontaktinformasjon: kontakt }),
  };
}
