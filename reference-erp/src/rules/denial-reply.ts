import type { Invoice } from '../ledger/invoice.js';
import { readUnit } from '../ledger/unit.js';
import type { JsonObject } from '../protocol/messages.js';
import type { DecisionContext } from './decision.js';
import { DENIAL_REASONS, type DenialCode } from './denial-reasons.js';

/**
 * The payload of a denied `.resultat`: `utfall: AVSLAATT`, the reason, the citizen's message,
 * the responsible unit as contact, and any hints (`senesteTillatteForfallsdato`,
 * `maksAntallAvdrag`, `minsteAvdragOere`).
 */
export async function denialPayload(
  ctx: DecisionContext,
  foresporselId: string,
  invoice: Invoice,
  code: DenialCode,
  hints: JsonObject = {},
): Promise<JsonObject> {
  const reason = DENIAL_REASONS[code];
  const unit = await readUnit(ctx.tx, invoice.unitId);
  const kontakt = unit
    ? {
        navn: unit.name,
        ...(unit.email === null ? {} : { epost: unit.email }),
        ...(unit.phone === null ? {} : { telefon: unit.phone }),
      }
    : undefined;
  return {
    foresporselId,
    utfall: 'AVSLAATT',
    aarsak: { kodeverdi: code, kodebeskrivelse: reason.beskrivelse },
    meldingTilInnbygger: reason.melding,
    ...hints,
    ...(kontakt === undefined ? {} : { kontaktinformasjon: kontakt }),
  };
}
