import type { PayloadOf } from '@fiks-faktura/sdk';
import type { DeferralRequestType, InstalmentRequestType, ReplyOf } from '../protocol/erp-protocols.js';

/** The reason codes of a denial answering a request of type `T` (generated from its schema). */
export type DenialCodeOf<T extends DeferralRequestType | InstalmentRequestType> = NonNullable<
  PayloadOf<ReplyOf<T, 'resultat'>>['aarsak']
>['kodeverdi'];

/** Every reason code of a denied deferral or instalment plan (the avdrag list holds them all). */
export type DenialCode = DenialCodeOf<InstalmentRequestType> | DenialCodeOf<DeferralRequestType>;

/**
 * The reference ERP's own message to the citizen (`meldingTilInnbygger`) per reason code. The
 * code's `kodebeskrivelse` is not here: it comes from the protocol's code list.
 */
export const DENIAL_MESSAGES: Record<DenialCode, string> = {
  FAKTURA_BETALT: 'Fakturaen er allerede betalt, så det er ikke noe å utsette eller dele opp.',
  FAKTURA_KREDITERT: 'Fakturaen er kreditert og skal ikke betales.',
  FAKTURA_FORFALT: 'Forfallsdatoen har passert. Ta kontakt med kommunen om betalingen.',
  INKASSOVARSEL_SENDT: 'Det er sendt inkassovarsel for fakturaen. Ta kontakt med kommunen.',
  SENDT_INKASSO: 'Kravet er sendt til inkasso. Ta kontakt med inkassoselskapet.',
  ALLEREDE_UTSATT: 'Fakturaen har allerede fått utsatt betaling.',
  HAR_NEDBETALINGSPLAN: 'Fakturaen betales allerede etter en nedbetalingsplan.',
  MAKS_ANTALL_UTSETTELSER:
    'Du har fått det største antallet betalingsutsettelser vi kan gi i løpet av seks måneder.',
  ANDRE_FORFALTE_KRAV: 'Du har andre forfalte fakturaer hos kommunen. Betal eller avklar dem først.',
  DATO_FOR_SEN: 'Ønsket forfallsdato er senere enn vi kan innvilge. Velg en dato innen fristen.',
  DATO_UGYLDIG: 'Ønsket dato må være etter dagens forfallsdato og kan ikke ligge i fortiden.',
  BELOEP_OVER_GRENSE: 'Beløpet er for høyt til å utsettes. Ta kontakt med kommunen.',
  FAKTURATYPE_IKKE_STOETTET: 'Denne typen faktura kan ikke endres her. Ta kontakt med kommunen.',
  KREVER_MANUELL_BEHANDLING: 'Forespørselen må behandles av en saksbehandler. Ta kontakt med kommunen.',
  BELOEP_UNDER_GRENSE: 'Restbeløpet er for lavt til å deles opp i avdrag.',
  FOR_MANGE_AVDRAG: 'Du har bedt om flere avdrag enn vi kan tilby.',
  AVDRAG_FOR_LITE: 'Hvert avdrag blir for lite. Velg færre avdrag.',
  SISTE_FORFALL_FOR_SEN:
    'Siste avdrag ville forfalle senere enn vi kan tilby. Velg færre avdrag eller en tidligere første dato.',
};
