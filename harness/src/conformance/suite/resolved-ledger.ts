import { type FixtureLedger, readFixtureLedger } from '@fiks-faktura/protocols/fixtures/ledger.js';
import { addDays, type CalendarDate } from '@fiks-faktura/sdk';
import type { DataMap } from './data-map.js';

/** How a payer logs in: exactly one identifier, as the protocols' `innbygger`. */
export type Innbygger = { foedselsnummer: string } | { organisasjonsnummer: string };

/** A fixture payer with the data map applied. */
export interface LedgerPayer {
  id: string;
  navn: string;
  innbygger: Innbygger;
  forsendelseskanal: string;
}

/** A fixture unit with the data map applied (`fixtureId` is the ledger's id). */
export interface LedgerUnit {
  fixtureId: string;
  enhetId: string;
  enhetNavn: string;
  epost: string;
  telefon: string;
}

/** A fixture invoice with its dates resolved for the run's day and the data map applied. */
export interface LedgerInvoice {
  /** The ledger's invoice number (what cases refer to). */
  fixtureNumber: string;
  fakturanummer: string;
  kid: string;
  kontonummer: string;
  produkttype: string;
  /** The responsible unit's id, mapped. */
  ansvarligEnhet: string;
  status: string;
  kravnivaa: string;
  fakturadato: CalendarDate;
  forfallsdato: CalendarDate;
  /** The due date before any deferral (the current one when never deferred). */
  opprinneligForfallsdato: CalendarDate;
  beloepOere: number;
  restbeloepOere: number;
  omtvistet: boolean;
  /** The payer, or for a property invoice its first owner. */
  payerId: string;
  /** Everyone who may see the invoice: the payer, or every owner of the property. */
  ownerIds: string[];
  eiendom?: string;
}

/** The fixture ledger as of one day, seen through a data map: what placeholders resolve against. */
export interface ResolvedLedger {
  today: CalendarDate;
  kommune: { kommunenummer: string; navn: string; organisasjonsnummer: string; kontonummer: string };
  payers: Map<string, LedgerPayer>;
  units: Map<string, LedgerUnit>;
  invoices: Map<string, LedgerInvoice>;
}

let cachedLedger: FixtureLedger | undefined;

/** The committed fixture ledger, read once. */
export function fixtureLedger(): FixtureLedger {
  cachedLedger ??= readFixtureLedger();
  return cachedLedger;
}

/** Resolves the fixture ledger's dates against `today` and applies the data map. */
export function resolveLedger(
  today: CalendarDate,
  dataMap?: DataMap,
  ledger: FixtureLedger = fixtureLedger(),
): ResolvedLedger {
  const day = (offset: number) => addDays(today, offset);
  const payers = new Map<string, LedgerPayer>();
  for (const p of ledger.betalere) {
    const own: Innbygger =
      p.foedselsnummer !== undefined
        ? { foedselsnummer: p.foedselsnummer }
        : { organisasjonsnummer: p.organisasjonsnummer ?? '' };
    payers.set(p.id, {
      id: p.id,
      navn: p.navn,
      innbygger: dataMap?.payers?.[p.id] ?? own,
      forsendelseskanal: p.forsendelseskanal,
    });
  }
  const units = new Map<string, LedgerUnit>();
  for (const u of ledger.enheter) {
    const mapped = dataMap?.units?.[u.enhetId];
    units.set(u.enhetId, {
      fixtureId: u.enhetId,
      enhetId: mapped?.enhetId ?? u.enhetId,
      enhetNavn: mapped?.enhetNavn ?? u.enhetNavn,
      epost: u.epost,
      telefon: u.telefon,
    });
  }
  const owners = new Map(ledger.eiendommer.map((e) => [e.id, e.eiere]));
  const invoices = new Map<string, LedgerInvoice>();
  for (const f of ledger.fakturaer) {
    const mapped = dataMap?.invoices?.[f.fakturanummer];
    const ownerIds = f.betaler !== undefined ? [f.betaler] : (owners.get(f.eiendom ?? '') ?? []);
    invoices.set(f.fakturanummer, {
      fixtureNumber: f.fakturanummer,
      fakturanummer: mapped?.fakturanummer ?? f.fakturanummer,
      kid: mapped?.kid ?? f.kid,
      kontonummer: mapped?.kontonummer ?? f.kontonummer,
      produkttype: f.produkttype,
      ansvarligEnhet: units.get(f.ansvarligEnhet)?.enhetId ?? f.ansvarligEnhet,
      status: f.status,
      kravnivaa: f.kravnivaa,
      fakturadato: day(f.fakturadatoOffsetDager),
      forfallsdato: day(f.forfallsdatoOffsetDager),
      opprinneligForfallsdato: day(
        f.utsettelse?.opprinneligForfallsdatoOffsetDager ?? f.forfallsdatoOffsetDager,
      ),
      beloepOere: f.beloepOere,
      restbeloepOere: f.restbeloepOere,
      omtvistet: f.omtvistet,
      payerId: ownerIds[0] ?? '',
      ownerIds,
      ...(f.eiendom === undefined ? {} : { eiendom: f.eiendom }),
    });
  }
  return {
    today,
    kommune: { ...ledger.kommune, kommunenummer: dataMap?.kommunenummer ?? ledger.kommune.kommunenummer },
    payers,
    units,
    invoices,
  };
}
