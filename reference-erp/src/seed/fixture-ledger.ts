import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fixturesRoot } from '@fiks-faktura/protocols';

/** The shared fixture ledger (`protocols/fixtures/ledger.json`): dates are day offsets from the seed day. */
export interface FixtureLedger {
  kommune: { kommunenummer: string; navn: string; organisasjonsnummer: string; kontonummer: string };
  enheter: { enhetId: string; enhetNavn: string; epost?: string; telefon?: string }[];
  betalere: {
    id: string;
    navn: string;
    foedselsnummer?: string;
    organisasjonsnummer?: string;
    forsendelseskanal: string;
    epost?: string;
    telefon?: string;
  }[];
  eiendommer: {
    id: string;
    kommunenummer: string;
    gaardsnummer: number;
    bruksnummer: number;
    festenummer: number;
    seksjonsnummer: number;
    eiere: string[];
  }[];
  fakturaer: FixtureInvoice[];
}

/** One invoice of the fixture ledger. */
export interface FixtureInvoice {
  fakturanummer: string;
  betaler?: string;
  eiendom?: string;
  produkttype: string;
  ansvarligEnhet: string;
  beloepOere: number;
  restbeloepOere: number;
  fakturadatoOffsetDager: number;
  forfallsdatoOffsetDager: number;
  kid: string;
  kontonummer: string;
  status: string;
  kravnivaa: string;
  forsendelseskanal: string;
  omtvistet: boolean;
  utsettelse?: {
    innvilgetOffsetDager: number;
    opprinneligForfallsdatoOffsetDager: number;
    nyForfallsdatoOffsetDager: number;
  };
  nedbetalingsplan?: { planId: string; antallAvdrag: number; opprettetOffsetDager: number };
}

/** Reads the shared fixture ledger (or the ledger file at `path`). */
export function readFixtureLedger(path: string = join(fixturesRoot, 'ledger.json')): FixtureLedger {
  return JSON.parse(readFileSync(path, 'utf8')) as FixtureLedger;
}
