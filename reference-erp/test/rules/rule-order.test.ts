import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readInvoice } from '../../src/ledger/invoice.js';
import { assertValidReply, seededErp } from '../support/erp-fixture.js';
import { addInvoice, askDeferral, askInstalments, outcomeOf } from '../support/requests.js';

// "Rule order" of protocols/fixtures/README.md: product type, then the invoice's own state (paid,
// credited, sent to inkasso, inkassovarsel sent, overdue, already deferred, has a plan), then
// payer-level rules (MAKS_ANTALL_UTSETTELSER, ANDRE_FORFALTE_KRAV), then the amount, then the
// requested date. Each case below meets two or more rules; the first in that order must win.
// Today is Wednesday 2026-03-04.
const ctx = await seededErp();
const { erp, db } = ctx;
const base = (await readInvoice(db, '2026-0001'))!;
const kid = (n: number) => {
  // MOD10 KIDs for the test invoices: 4601 99 <n, 7 digits> + check digit.
  const digits = `460199${String(n).padStart(7, '0')}`;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    if (d > 9) d -= 9;
    sum += d;
  }
  return `${digits}${(10 - (sum % 10)) % 10}`;
};
// A paid social loan: product type comes before paid.
await addInvoice(db, base, {
  invoiceNumber: 'T-SOS-BETALT',
  productType: 'SOSIALLAAN',
  status: 'BETALT',
  restOere: 0,
  kid: kid(1),
});
// Overdue and already deferred: overdue comes before already deferred.
await addInvoice(db, base, {
  invoiceNumber: 'T-UTSATT-FORFALT',
  payerId: 'P10',
  dueDate: '2026-03-01' as never,
  kid: kid(2),
});
await db.query(
  `INSERT INTO deferrals (invoice_number, requested_by, original_due_date, new_due_date, granted_on)
   VALUES ('T-UTSATT-FORFALT', 'P10', '2026-02-20', '2026-03-01', '2026-02-10')`,
);
// P09 (three deferrals in six months) also gets an overdue invoice: MAKS before ANDRE_FORFALTE_KRAV.
await addInvoice(db, base, {
  invoiceNumber: 'T-P09-FORFALT',
  payerId: 'P09',
  dueDate: '2026-02-20' as never,
  kid: kid(3),
});

const codeLists = Object.fromEntries(
  ['betalingsutsettelse', 'avdrag'].map((p) => {
    const file = join(
      protocolsRoot,
      `no.ks.fiks.faktura.${p}/v1/kodelister/no.ks.fiks.faktura.${p}.v1.kodelister.aarsakskoder.json`,
    );
    const list = JSON.parse(readFileSync(file, 'utf8')) as {
      kodeliste: { kodeverdi: string; kodebeskrivelse: string }[];
    };
    return [p, new Map(list.kodeliste.map((c) => [c.kodeverdi, c.kodebeskrivelse]))];
  }),
);

/** Asserts the denial code, and that its kodebeskrivelse is the protocol's code list's. */
function assertDenied(
  reply: { meldingType: string; payload: Record<string, unknown> },
  code: string,
): Record<string, unknown> {
  assertValidReply(reply);
  assert.is(outcomeOf(reply), code, JSON.stringify(reply.payload));
  const protocol = reply.meldingType.split('.')[4]!;
  const aarsak = reply.payload['aarsak'] as { kodebeskrivelse: string };
  assert.is(aarsak.kodebeskrivelse, codeLists[protocol]!.get(code));
  return reply.payload;
}

test('deferral: product type before paid', async () => {
  assertDenied(await askDeferral(erp, 'P01', 'T-SOS-BETALT', '2026-04-01'), 'FAKTURATYPE_IKKE_STOETTET');
});

test('deferral: overdue before already deferred', async () => {
  assertDenied(await askDeferral(erp, 'P10', 'T-UTSATT-FORFALT', '2026-03-20'), 'FAKTURA_FORFALT');
});

test('deferral: payer-level MAKS_ANTALL_UTSETTELSER before ANDRE_FORFALTE_KRAV', async () => {
  assertDenied(await askDeferral(erp, 'P09', '2026-0018', '2026-04-01'), 'MAKS_ANTALL_UTSETTELSER');
});

test('deferral: other overdue claims before a too late date (the issue’s citizen hears the real reason first)', async () => {
  // 2026-0017 falls due 2026-03-19; 31 days later is too late, but P08 has an overdue invoice.
  assertDenied(await askDeferral(erp, 'P08', '2026-0017', '2026-04-19'), 'ANDRE_FORFALTE_KRAV');
});

test('deferral: the amount before the requested date', async () => {
  // 2026-0011 (25 000 kr) falls due 2026-03-26: a date 40 days later is too late, but the amount needs manual handling.
  assertDenied(await askDeferral(erp, 'P04', '2026-0011', '2026-05-05'), 'KREVER_MANUELL_BEHANDLING');
});

test('deferral: the latest allowed date (DATO_FOR_SEN) is moved on to a banking day and can be asked for', async () => {
  // 2026-0002 falls due Saturday 2026-03-07; +30 days is Easter Monday 2026-04-06, so the latest
  // allowed date is the next banking day, Tuesday 2026-04-07: asking for it is granted as it is.
  const late = assertDenied(await askDeferral(erp, 'P01', '2026-0002', '2026-04-08'), 'DATO_FOR_SEN');
  assert.is(late['senesteTillatteForfallsdato'], '2026-04-07');
  const granted = await askDeferral(erp, 'P01', '2026-0002', '2026-04-07');
  assert.is(outcomeOf(granted), 'INNVILGET', JSON.stringify(granted.payload));
  assert.is(granted.payload['nyForfallsdato'], '2026-04-07');
});

test('instalments: product type before paid; overdue before already deferred', async () => {
  assertDenied(await askInstalments(erp, 'P01', 'T-SOS-BETALT', 3), 'FAKTURATYPE_IKKE_STOETTET');
  assertDenied(await askInstalments(erp, 'P10', 'T-UTSATT-FORFALT', 3), 'FAKTURA_FORFALT');
});

test('instalments: payer-level before the amount, the amount before the count, the count before the dates', async () => {
  assertDenied(await askInstalments(erp, 'P08', '2026-0017', 7), 'ANDRE_FORFALTE_KRAV');
  assertDenied(await askInstalments(erp, 'P03', '2026-0014', 7, '2026-03-01'), 'BELOEP_UNDER_GRENSE');
  assertDenied(await askInstalments(erp, 'P01', '2026-0022', 7, '2026-03-01'), 'FOR_MANGE_AVDRAG');
  assertDenied(await askInstalments(erp, 'P01', '2026-0022', 5, '2026-03-01'), 'AVDRAG_FOR_LITE');
  assertDenied(await askInstalments(erp, 'P01', '2026-0022', 4, '2026-03-01'), 'DATO_UGYLDIG');
});

test('every designed denial of the fixture ledger carries its code list’s kodebeskrivelse', async () => {
  const cases: [string, Promise<{ meldingType: string; payload: Record<string, unknown> }>][] = [
    ['FAKTURA_BETALT', askDeferral(erp, 'P01', '2026-0004', '2026-04-01')],
    ['FAKTURA_KREDITERT', askDeferral(erp, 'P02', '2026-0005', '2026-04-01')],
    ['INKASSOVARSEL_SENDT', askDeferral(erp, 'P11', '2026-0007', '2026-04-01')],
    ['SENDT_INKASSO', askDeferral(erp, 'P11', '2026-0008', '2026-04-01')],
    ['FAKTURA_FORFALT', askDeferral(erp, 'P11', '2026-0006', '2026-04-01')],
    ['ALLEREDE_UTSATT', askDeferral(erp, 'P01', '2026-0009', '2026-04-01')],
    ['HAR_NEDBETALINGSPLAN', askDeferral(erp, 'P04', '2026-0010', '2026-04-01')],
    ['FAKTURATYPE_IKKE_STOETTET', askDeferral(erp, 'P01', '2026-0027', '2026-04-01')],
    ['DATO_UGYLDIG', askDeferral(erp, 'P01', '2026-0001', '2026-03-10')],
    ['HAR_NEDBETALINGSPLAN', askInstalments(erp, 'P04', '2026-0010', 3)],
    ['ALLEREDE_UTSATT', askInstalments(erp, 'P01', '2026-0009', 3)],
    ['BELOEP_UNDER_GRENSE', askInstalments(erp, 'P05', '2026-0012', 2)],
    ['SISTE_FORFALL_FOR_SEN', askInstalments(erp, 'P01', '2026-0001', 6, '2026-08-01')],
  ];
  for (const [code, reply] of cases) assertDenied(await reply, code);
});

test.after(() => ctx.close());
test.run();
