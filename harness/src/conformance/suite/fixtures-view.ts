import { addDays, type CalendarDate } from '@fiks-faktura/sdk';
import type { DataMap } from './data-map.js';
import { fixtureLedger, type LedgerInvoice, resolveLedger } from './resolved-ledger.js';

/** The columns of the fixtures CSV, in order. */
export const FIXTURE_CSV_COLUMNS = [
  'fakturanummer',
  'betaler',
  'identifikator',
  'navn',
  'kid',
  'kontonummer',
  'produkttype',
  'ansvarligEnhet',
  'status',
  'fakturadato',
  'forfallsdato',
  'beloepOere',
  'restbeloepOere',
  'kravnivaa',
] as const;

/**
 * The fixture ledger for `fiks-conformance fixtures`: dates resolved for `today` (the seed day),
 * the data map applied. `json` keeps the ledger's structure with `…OffsetDager` replaced by
 * dates; `csv` has one row per invoice (a property invoice lists every owner, `;`-separated).
 */
export function fixturesView(today: CalendarDate, dataMap?: DataMap): { json: unknown; csv: string } {
  const source = fixtureLedger();
  const ledger = resolveLedger(today, dataMap, source);
  const identifier = (payerId: string) => {
    const innbygger = ledger.payers.get(payerId)?.innbygger;
    return innbygger === undefined
      ? ''
      : 'foedselsnummer' in innbygger
        ? innbygger.foedselsnummer
        : innbygger.organisasjonsnummer;
  };
  const invoices = [...ledger.invoices.values()];
  const json = {
    seedDay: today,
    beskrivelse: source.beskrivelse,
    kommune: ledger.kommune,
    enheter: [...ledger.units.values()].map(({ fixtureId, ...unit }) => ({
      ...unit,
      fixtureEnhetId: fixtureId,
    })),
    betalere: [...ledger.payers.values()].map((p) => ({
      id: p.id,
      navn: p.navn,
      ...p.innbygger,
      forsendelseskanal: p.forsendelseskanal,
    })),
    eiendommer: source.eiendommer,
    fakturaer: invoices.map((invoice) =>
      invoiceJson(
        invoice,
        source.fakturaer.find((f) => f.fakturanummer === invoice.fixtureNumber),
        today,
      ),
    ),
  };
  const rows = invoices.map((invoice) => {
    const cells: Record<(typeof FIXTURE_CSV_COLUMNS)[number], string | number> = {
      fakturanummer: invoice.fakturanummer,
      betaler: invoice.eiendom ?? invoice.payerId,
      identifikator: invoice.ownerIds.map(identifier).join(';'),
      navn: invoice.ownerIds.map((id) => ledger.payers.get(id)?.navn ?? '').join(';'),
      kid: invoice.kid,
      kontonummer: invoice.kontonummer,
      produkttype: invoice.produkttype,
      ansvarligEnhet: invoice.ansvarligEnhet,
      status: invoice.status,
      fakturadato: invoice.fakturadato,
      forfallsdato: invoice.forfallsdato,
      beloepOere: invoice.beloepOere,
      restbeloepOere: invoice.restbeloepOere,
      kravnivaa: invoice.kravnivaa,
    };
    return FIXTURE_CSV_COLUMNS.map((column) => csvCell(String(cells[column]))).join(',');
  });
  return { json, csv: `${[FIXTURE_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n` };
}

function invoiceJson(
  invoice: LedgerInvoice,
  raw: ReturnType<typeof fixtureLedger>['fakturaer'][number] | undefined,
  today: CalendarDate,
) {
  const at = (offset: number) => addDays(today, offset);
  return {
    fixtureFakturanummer: invoice.fixtureNumber,
    fakturanummer: invoice.fakturanummer,
    formaal: raw?.formaal,
    ...(raw?.betaler === undefined ? {} : { betaler: raw.betaler }),
    ...(raw?.eiendom === undefined ? {} : { eiendom: raw.eiendom }),
    produkttype: invoice.produkttype,
    ansvarligEnhet: invoice.ansvarligEnhet,
    beloepOere: invoice.beloepOere,
    restbeloepOere: invoice.restbeloepOere,
    fakturadato: invoice.fakturadato,
    forfallsdato: invoice.forfallsdato,
    kid: invoice.kid,
    kontonummer: invoice.kontonummer,
    status: invoice.status,
    kravnivaa: invoice.kravnivaa,
    forsendelseskanal: raw?.forsendelseskanal,
    omtvistet: invoice.omtvistet,
    ...(raw?.utsettelse === undefined
      ? {}
      : {
          utsettelse: {
            innvilget: at(raw.utsettelse.innvilgetOffsetDager),
            opprinneligForfallsdato: at(raw.utsettelse.opprinneligForfallsdatoOffsetDager),
            nyForfallsdato: at(raw.utsettelse.nyForfallsdatoOffsetDager),
          },
        }),
    ...(raw?.nedbetalingsplan === undefined
      ? {}
      : {
          nedbetalingsplan: {
            planId: raw.nedbetalingsplan.planId,
            antallAvdrag: raw.nedbetalingsplan.antallAvdrag,
            opprettet: at(raw.nedbetalingsplan.opprettetOffsetDager),
          },
        }),
    ...(raw?.kravhistorikk === undefined
      ? {}
      : {
          kravhistorikk: raw.kravhistorikk.map((k) => ({
            kravnivaa: k.kravnivaa,
            sendt: at(k.sendtOffsetDager),
            ...(k.betalingsfristOffsetDager === undefined
              ? {}
              : { betalingsfrist: at(k.betalingsfristOffsetDager) }),
          })),
        }),
  };
}

function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
