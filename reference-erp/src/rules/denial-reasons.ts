import type { PayloadOf } from '@fiks-faktura/sdk';

/**
 * The reason codes of a denied deferral or instalment plan: the avdrag code list, which holds the
 * deferral codes and four more (generated from the schema, so the two cannot drift apart).
 */
export type DenialCode = NonNullable<
  PayloadOf<'no.ks.fiks.faktura.avdrag.v1.opprett.resultat'>['aarsak']
>['kodeverdi'];

/** Per code: the short description (`kodebeskrivelse`) and the message shown to the citizen. */
export const DENIAL_REASONS: Record<DenialCode, { beskrivelse: string; melding: string }> = {
  FAKTURA_BETALT: {
    beskrivelse: 'Fakturaen er betalt',
    melding: 'Fakturaen er allerede betalt, så det er ikke noe å utsette eller dele opp.',
  },
  FAKTURA_KREDITERT: {
    beskrivelse: 'Fakturaen er kreditert',
    melding: 'Fakturaen er kreditert og skal ikke betales.',
  },
  FAKTURA_FORFALT: {
    beskrivelse: 'Fakturaen har forfalt',
    melding: 'Forfallsdatoen har passert. Ta kontakt med kommunen om betalingen.',
  },
  INKASSOVARSEL_SENDT: {
    beskrivelse: 'Inkassovarsel er sendt',
    melding: 'Det er sendt inkassovarsel for fakturaen. Ta kontakt med kommunen.',
  },
  SENDT_INKASSO: {
    beskrivelse: 'Kravet er sendt til inkasso',
    melding: 'Kravet er sendt til inkasso. Ta kontakt med inkassoselskapet.',
  },
  ALLEREDE_UTSATT: {
    beskrivelse: 'Fakturaen er allerede utsatt',
    melding: 'Fakturaen har allerede fått utsatt betaling.',
  },
  HAR_NEDBETALINGSPLAN: {
    beskrivelse: 'Fakturaen har en nedbetalingsplan',
    melding: 'Fakturaen betales allerede etter en nedbetalingsplan.',
  },
  MAKS_ANTALL_UTSETTELSER: {
    beskrivelse: 'Maksimalt antall utsettelser er nådd',
    melding: 'Du har fått det største antallet betalingsutsettelser vi kan gi i løpet av seks måneder.',
  },
  ANDRE_FORFALTE_KRAV: {
    beskrivelse: 'Det finnes andre forfalte krav',
    melding: 'Du har andre forfalte fakturaer hos kommunen. Betal eller avklar dem først.',
  },
  DATO_FOR_SEN: {
    beskrivelse: 'Ønsket dato er for sen',
    melding: 'Ønsket forfallsdato er senere enn vi kan innvilge. Velg en dato innen fristen.',
  },
  DATO_UGYLDIG: {
    beskrivelse: 'Ønsket dato er ugyldig',
    melding: 'Ønsket dato må være etter dagens forfallsdato og kan ikke ligge i fortiden.',
  },
  BELOEP_OVER_GRENSE: {
    beskrivelse: 'Beløpet er over grensen',
    melding: 'Beløpet er for høyt til å utsettes. Ta kontakt med kommunen.',
  },
  FAKTURATYPE_IKKE_STOETTET: {
    beskrivelse: 'Fakturatypen støttes ikke',
    melding: 'Denne typen faktura kan ikke endres her. Ta kontakt med kommunen.',
  },
  KREVER_MANUELL_BEHANDLING: {
    beskrivelse: 'Krever manuell behandling',
    melding: 'Forespørselen må behandles av en saksbehandler. Ta kontakt med kommunen.',
  },
  BELOEP_UNDER_GRENSE: {
    beskrivelse: 'Beløpet er under grensen for nedbetaling',
    melding: 'Restbeløpet er for lavt til å deles opp i avdrag.',
  },
  FOR_MANGE_AVDRAG: {
    beskrivelse: 'For mange avdrag',
    melding: 'Du har bedt om flere avdrag enn vi kan tilby.',
  },
  AVDRAG_FOR_LITE: {
    beskrivelse: 'Avdragene blir for små',
    melding: 'Hvert avdrag blir for lite. Velg færre avdrag.',
  },
  SISTE_FORFALL_FOR_SEN: {
    beskrivelse: 'Siste forfall er for sent',
    melding:
      'Siste avdrag ville forfalle senere enn vi kan tilby. Velg færre avdrag eller en tidligere første dato.',
  },
};
