// Payers and invoices for the benchmark, so that every measured request is one the rules grant
// (a grant books more than a denial: new due dates, instalment invoices, Innsyn records). Each
// payer gets three open invoices, one per protocol, due 20 days after the seed day.
import { completeFoedselsnummer, createKidMod10 } from '@fiks-faktura/sdk';
import type { FixtureFaktura, FixtureLedger } from '../src/seed/fixture-ledger.js';

export const BENCH_DUE_OFFSET_DAYS = 20;

/** The invoice of bench payer `i` for one protocol. */
export function benchInvoice(i: number, protocol: 'betalingsutsettelse' | 'avdrag' | 'kommentar'): string {
  return `B${String(i).padStart(5, '0')}-${protocol.slice(0, 1).toUpperCase()}`;
}

/** Synthetic fødselsnummer (month + 80), distinct for every `i` below 500 × 28 × 12. */
function syntheticFoedselsnummer(i: number): string {
  for (let individ = i % 500; ; individ = (individ + 1) % 500) {
    const day = 1 + (Math.floor(i / 500) % 28);
    const month = 81 + (Math.floor(i / (500 * 28)) % 12);
    const fnr = completeFoedselsnummer(
      `${String(day).padStart(2, '0')}${month}80${String(individ).padStart(3, '0')}`,
    );
    if (fnr !== null) return fnr;
  }
}

/** `count` bench payers with their invoices, in the fixture ledger's shape (municipality and units of `base`). */
export function benchLedger(base: FixtureLedger, count: number): { ledger: FixtureLedger; payers: string[] } {
  const payers: string[] = [];
  const seen = new Set<string>();
  const fakturaer: FixtureFaktura[] = [];
  const betalere: FixtureLedger['betalere'] = [];
  for (let i = 0; i < count; i++) {
    let fnr = syntheticFoedselsnummer(i);
    for (let j = i + 14_000; seen.has(fnr); j++) fnr = syntheticFoedselsnummer(j);
    seen.add(fnr);
    payers.push(fnr);
    const id = `BENCH${i}`;
    betalere.push({
      id,
      navn: `Testperson ${i}`,
      foedselsnummer: fnr,
      forsendelseskanal: 'POST',
      formaal: 'benchmark',
    });
    for (const [n, protocol] of (['betalingsutsettelse', 'avdrag', 'kommentar'] as const).entries()) {
      const fakturanummer = benchInvoice(i, protocol);
      fakturaer.push({
        fakturanummer,
        formaal: `benchmark: ${protocol}`,
        betaler: id,
        produkttype: 'KOMMUNALE_AVGIFTER',
        ansvarligEnhet: 'kommunale-avgifter',
        beloepOere: 345_678,
        restbeloepOere: 345_678,
        fakturadatoOffsetDager: BENCH_DUE_OFFSET_DAYS - 14,
        forfallsdatoOffsetDager: BENCH_DUE_OFFSET_DAYS,
        kid: createKidMod10(`46019${String(i).padStart(6, '0')}${n}`),
        kontonummer: base.kommune.kontonummer,
        status: 'FAKTURERT',
        kravnivaa: 'INGEN',
        forsendelseskanal: 'POST',
        omtvistet: false,
      });
    }
  }
  return { ledger: { ...base, betalere, eiendommer: [], fakturaer }, payers };
}
