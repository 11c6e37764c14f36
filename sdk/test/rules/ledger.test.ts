import { readFileSync } from 'node:fs';
import {
  type FixtureFaktura as Faktura,
  type FixtureKravsteg as Kravsteg,
  ledgerSchemaPath,
  readFixtureLedger,
} from '@fiks-faktura/protocols/fixtures/ledger.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { parseFoedselsnummer } from '../../src/rules/foedselsnummer.js';
import { splitWholeKroner } from '../../src/rules/instalment-plan.js';
import { isValidKidMod10 } from '../../src/rules/kid.js';
import { isValidKontonummer } from '../../src/rules/kontonummer.js';
import { isValidOrganisasjonsnummer } from '../../src/rules/organisasjonsnummer.js';

const ledger = readFixtureLedger();
const schema = JSON.parse(readFileSync(ledgerSchemaPath, 'utf8')) as object;
const invoice = (nr: string): Faktura => {
  const found = ledger.fakturaer.find((f) => f.fakturanummer === nr);
  if (!found) throw new Error(`invoice ${nr} missing from the ledger`);
  return found;
};
const isOverdue = (f: Faktura) =>
  f.status === 'FAKTURERT' && f.restbeloepOere > 0 && f.forfallsdatoOffsetDager < 0;
const SIX_MONTHS_MIN_DAYS = 181;

test('the ledger validates against its schema', () => {
  const ajv = new Ajv2020({ allErrors: true, strict: true });
  (addFormatsModule as unknown as (a: Ajv2020) => void)(ajv);
  const validate = ajv.compile(schema);
  const ok = validate(ledger);
  assert.ok(ok, JSON.stringify(validate.errors, null, 2));
});

test('the municipality identifiers are check-digit valid', () => {
  assert.is(ledger.kommune.kommunenummer, '4601');
  assert.ok(isValidOrganisasjonsnummer(ledger.kommune.organisasjonsnummer));
  assert.ok(isValidKontonummer(ledger.kommune.kontonummer));
});

test('every payer identifier is valid; persons are synthetic test identities', () => {
  for (const p of ledger.betalere) {
    if (p.foedselsnummer !== undefined) {
      const info = parseFoedselsnummer(p.foedselsnummer);
      assert.ok(info, `${p.id}: invalid fødselsnummer`);
      assert.ok(info.synthetic, `${p.id}: not a synthetic number`);
      assert.ok(p.navn.endsWith('(testperson)'), `${p.id}: name not marked as a test person`);
    } else {
      assert.ok(
        isValidOrganisasjonsnummer(p.organisasjonsnummer ?? ''),
        `${p.id}: invalid organisasjonsnummer`,
      );
    }
  }
  assert.is(
    parseFoedselsnummer(ledger.betalere.find((p) => p.id === 'P05')?.foedselsnummer ?? '')?.kind,
    'D',
  );
  assert.ok(ledger.betalere.find((p) => p.id === 'P04')?.organisasjonsnummer);
});

test('identifiers are unique and every reference resolves', () => {
  const unique = (values: string[], what: string) => assert.is(new Set(values).size, values.length, what);
  const payerIds = ledger.betalere.map((p) => p.id);
  unique(payerIds, 'payer ids');
  unique(
    ledger.betalere.map((p) => p.foedselsnummer ?? p.organisasjonsnummer ?? ''),
    'payer identifiers',
  );
  unique(
    ledger.enheter.map((e) => e.enhetId),
    'unit ids',
  );
  unique(
    ledger.eiendommer.map((e) => e.id),
    'property ids',
  );
  unique(
    ledger.fakturaer.map((f) => f.fakturanummer),
    'invoice numbers',
  );
  unique(
    ledger.fakturaer.map((f) => f.kid),
    'KIDs',
  );
  for (const e of ledger.eiendommer) {
    assert.is(e.kommunenummer, ledger.kommune.kommunenummer);
    for (const owner of e.eiere) assert.ok(payerIds.includes(owner), `${e.id}: unknown owner ${owner}`);
  }
  for (const f of ledger.fakturaer) {
    if (f.betaler !== undefined) assert.ok(payerIds.includes(f.betaler), `${f.fakturanummer}: unknown payer`);
    else
      assert.ok(
        ledger.eiendommer.some((e) => e.id === f.eiendom),
        `${f.fakturanummer}: unknown property`,
      );
    assert.ok(
      ledger.enheter.some((e) => e.enhetId === f.ansvarligEnhet),
      `${f.fakturanummer}: unknown unit`,
    );
  }
});

test('every invoice has a MOD10 KID, the creditor account and its payer channel', () => {
  for (const f of ledger.fakturaer) {
    assert.ok(isValidKidMod10(f.kid), `${f.fakturanummer}: KID ${f.kid} is not MOD10-valid`);
    assert.is(f.kontonummer, ledger.kommune.kontonummer, f.fakturanummer);
    if (f.betaler !== undefined) {
      const payer = ledger.betalere.find((p) => p.id === f.betaler);
      assert.is(
        f.forsendelseskanal,
        payer?.forsendelseskanal,
        `${f.fakturanummer}: channel differs from payer`,
      );
    }
  }
});

test('amounts and statuses are consistent', () => {
  for (const f of ledger.fakturaer) {
    const at = f.fakturanummer;
    assert.ok(f.beloepOere > 0 && f.restbeloepOere <= f.beloepOere, `${at}: rest exceeds amount`);
    const settled = f.status === 'BETALT' || f.status === 'KREDITERT';
    assert.is(f.restbeloepOere === 0, settled, `${at}: rest 0 exactly when paid or credited`);
    if (settled || f.status === 'IKKE_SENDT')
      assert.is(f.kravnivaa, 'INGEN', `${at}: collection on a closed invoice`);
    if (f.nedbetalingsplan) assert.is(f.utsettelse, undefined, `${at}: plan and deferral together`);
    if (f.eiendom !== undefined) assert.is(f.betaler, undefined, at);
  }
});

test('dates are consistent: terms, open windows, deferrals', () => {
  for (const f of ledger.fakturaer) {
    const at = f.fakturanummer;
    const originalDue = f.utsettelse?.opprinneligForfallsdatoOffsetDager ?? f.forfallsdatoOffsetDager;
    const term = originalDue - f.fakturadatoOffsetDager;
    assert.ok(term >= 14 && term <= 30, `${at}: payment term ${term} days outside 14..30`);
    if (f.status === 'IKKE_SENDT')
      assert.ok(f.fakturadatoOffsetDager > 0, `${at}: unsent but dated in the past`);
    else assert.ok(f.fakturadatoOffsetDager <= 0, `${at}: sent with a future invoice date`);
    if (f.status === 'FAKTURERT' && f.forfallsdatoOffsetDager >= 0) {
      assert.ok(f.forfallsdatoOffsetDager >= 3 && f.forfallsdatoOffsetDager <= 25, `${at}: open due date`);
    }
    const u = f.utsettelse;
    if (u) {
      assert.is(
        f.forfallsdatoOffsetDager,
        u.nyForfallsdatoOffsetDager,
        `${at}: due date is the deferred one`,
      );
      assert.ok(u.innvilgetOffsetDager <= 0, `${at}: deferral granted in the future`);
      assert.ok(
        u.innvilgetOffsetDager <= u.opprinneligForfallsdatoOffsetDager,
        `${at}: deferral asked after due`,
      );
      const moved = u.nyForfallsdatoOffsetDager - u.opprinneligForfallsdatoOffsetDager;
      assert.ok(moved > 0 && moved <= 30, `${at}: deferral of ${moved} days`);
    }
    if (f.nedbetalingsplan)
      assert.ok(f.nedbetalingsplan.opprettetOffsetDager <= 0, `${at}: plan in the future`);
  }
});

test('collection steps follow the law and match kravnivaa', () => {
  const order = ['PURRING', 'INKASSOVARSEL', 'INKASSO'];
  for (const f of ledger.fakturaer) {
    const at = f.fakturanummer;
    const steps = f.kravhistorikk ?? [];
    assert.is(f.kravnivaa, steps.at(-1)?.kravnivaa ?? 'INGEN', `${at}: kravnivaa is the latest step`);
    if (steps.length > 0) assert.ok(isOverdue(f), `${at}: collection on an invoice that is not overdue`);
    let previous: Kravsteg | undefined;
    for (const step of steps) {
      assert.ok(step.sendtOffsetDager <= 0, `${at}: step in the future`);
      if (step.kravnivaa === 'PURRING') {
        assert.ok(step.sendtOffsetDager - f.forfallsdatoOffsetDager >= 14, `${at}: reminder too early`);
      } else {
        assert.ok(step.sendtOffsetDager > f.forfallsdatoOffsetDager, `${at}: ${step.kravnivaa} before due`);
      }
      if (step.kravnivaa !== 'INKASSO') {
        const frist = step.betalingsfristOffsetDager;
        assert.ok(frist !== undefined && frist - step.sendtOffsetDager >= 14, `${at}: < 14 days to pay`);
      }
      if (previous) {
        assert.ok(order.indexOf(step.kravnivaa) > order.indexOf(previous.kravnivaa), `${at}: step order`);
        assert.ok(
          step.sendtOffsetDager > (previous.betalingsfristOffsetDager ?? 0),
          `${at}: step before deadline`,
        );
      }
      previous = step;
    }
  }
});

test('the designed cases hold', () => {
  const numbers = ledger.fakturaer.map((f) => f.fakturanummer);
  assert.equal(
    numbers,
    Array.from({ length: 28 }, (_, i) => `2026-${String(i + 1).padStart(4, '0')}`),
  );
  const payerOf = (id: string) => ledger.fakturaer.filter((f) => f.betaler === id);
  // Only P08 and P11 have overdue claims, so no other payer's grant is blocked by ANDRE_FORFALTE_KRAV.
  const withOverdue = new Set(ledger.fakturaer.filter(isOverdue).map((f) => f.betaler));
  assert.equal([...withOverdue].sort(), ['P08', 'P11']);
  assert.ok(isOverdue(invoice('2026-0003')) && invoice('2026-0003').kravnivaa === 'INGEN');
  assert.is(invoice('2026-0017').betaler, 'P08');
  assert.is(payerOf('P10').length, 0);
  const recentDeferrals = payerOf('P09').filter(
    (f) => f.utsettelse && f.utsettelse.innvilgetOffsetDager > -SIX_MONTHS_MIN_DAYS,
  );
  assert.is(recentDeferrals.length, 3);
  assert.is(invoice('2026-0011').restbeloepOere > 2_000_000, true);
  assert.is(invoice('2026-0025').restbeloepOere, 2_000_000);
  assert.is(invoice('2026-0012').restbeloepOere < 100_000, true);
  assert.is(invoice('2026-0026').restbeloepOere, 100_000);
  assert.is(invoice('2026-0022').restbeloepOere, 120_000);
  assert.equal(splitWholeKroner(invoice('2026-0001').restbeloepOere, 4), [86_478, 86_400, 86_400, 86_400]);
  const smallest = (nr: string, n: number) => Math.min(...splitWholeKroner(invoice(nr).restbeloepOere, n));
  assert.ok(smallest('2026-0022', 4) >= 30_000 && smallest('2026-0022', 5) < 30_000);
  assert.ok(smallest('2026-0026', 3) >= 30_000 && smallest('2026-0026', 4) < 30_000);
  assert.is(invoice('2026-0013').forsendelseskanal, 'AVTALEGIRO');
  assert.is(invoice('2026-0014').forsendelseskanal, 'EFAKTURA');
  assert.is(invoice('2026-0015').eiendom, 'E01');
  assert.equal(ledger.eiendommer.find((e) => e.id === 'E01')?.eiere, ['P06', 'P07']);
  assert.ok(invoice('2026-0016').omtvistet);
  assert.is(invoice('2026-0027').produkttype, 'SOSIALLAAN');
  assert.is(invoice('2026-0028').status, 'IKKE_SENDT');
});

test.run();
