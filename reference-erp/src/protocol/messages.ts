import type { CalendarDate } from '@fiks-faktura/sdk';

/** Who asks: filled by the portal from the login. */
export type Innbygger = { foedselsnummer: string } | { organisasjonsnummer: string };

/** Which invoice the request is about. */
export interface Fakturareferanse {
  fakturanummer: string;
  kid?: string;
  innsynMeldingId?: string;
  kommunenummer?: string;
}

/** `betalingsutsettelse.v1.opprett`. */
export interface DeferralRequest {
  foresporselId: string;
  innbygger: Innbygger;
  faktura: Fakturareferanse;
  oensketForfallsdato: CalendarDate;
  begrunnelse?: string;
  sendtTidspunkt: string;
}

/** `avdrag.v1.opprett`. */
export interface InstalmentRequest {
  foresporselId: string;
  innbygger: Innbygger;
  faktura: Fakturareferanse;
  antallAvdrag: number;
  intervall: 'MAANEDLIG';
  foersteForfallsdato?: CalendarDate;
  sendtTidspunkt: string;
}

/** `kommentar.v1.send`. */
export interface CommentRequest {
  foresporselId: string;
  innbygger: Innbygger;
  kontakt?: { epost?: string; telefon?: string };
  faktura: Fakturareferanse;
  kategori: string;
  tekst: string;
  oensketSvarkanal?: string;
  vedlegg?: { filnavn: string; mimeType: string }[];
  sendtTidspunkt: string;
}

/** A JSON payload as sent on the wire. */
export type JsonObject = Record<string, unknown>;

/** An answer: the reply message type and its JSON payload. */
export interface Reply {
  meldingType: string;
  payload: JsonObject;
}

/** One field-level problem of an invalid request (`detaljer` of `ugyldigforespoersel`). */
export interface FieldProblem {
  felt: string;
  melding: string;
}
