import type { CalendarDate } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readInvoice } from '../../src/ledger/invoice.js';
import { seededErp } from '../support/erp-fixture.js';
import { addInvoice, askDeferral, outcomeOf, type PayerId } from '../support/requests.js';

// Today is Wednesday 2026-03-04. Fixture due dates: 2026-0001 +20 = 2026-03-24 (Tuesday),
// 2026-0002 +3 = 2026-03-07 (Saturday), 2026-0022 +20 = 2026-03-24.
const ctx = await seededErp();
const { erp, db } = ctx;
const base = (await readInvoice(db, '2026-0001'))!;
await addInvoice(db, base, {
  invoiceNumber: 'T-2000001',
  payerId: 'P02',
  kid: '46019900000017',
  amountOere: 2_000_001,
  restOere: 2_000_001,
});
await addInvoice(db, base, {
  invoiceNumber: 'T-OVER-TAK',
  payerId: 'P02',
  kid: '46019900000025',
  amountOere: 10_000_001,
  restOere: 10_000_001,
});

interface Row {
  name: string;
  payer: PayerId;
  invoice: string;
  wish: string;
  want: string;
  check?: (payload: Record<string, unknown>) => void;
}

// Run in order: denials book nothing; grants use invoices no later row depends on. P01 starts
// with one deferral (2026-0009, seeded), so the two grants below are its 2nd and 3rd.
const rows: Row[] = [
  {
    name: 'someone else’s invoice → ikkefunnet',
    payer: 'P10',
    invoice: '2026-0001',
    wish: '2026-04-01',
    want: 'ikkefunnet',
  },
  {
    name: 'unknown invoice → ikkefunnet',
    payer: 'P01',
    invoice: '2099-0001',
    wish: '2026-04-01',
    want: 'ikkefunnet',
  },
  {
    name: 'not yet sent (IKKE_SENDT) → ikkefunnet',
    payer: 'P01',
    invoice: '2026-0028',
    wish: '2026-04-01',
    want: 'ikkefunnet',
  },
  { name: 'paid', payer: 'P01', invoice: '2026-0004', wish: '2026-04-01', want: 'FAKTURA_BETALT' },
  { name: 'credited', payer: 'P02', invoice: '2026-0005', wish: '2026-04-01', want: 'FAKTURA_KREDITERT' },
  { name: 'sent to inkasso', payer: 'P11', invoice: '2026-0008', wish: '2026-04-01', want: 'SENDT_INKASSO' },
  {
    name: 'inkassovarsel sent',
    payer: 'P11',
    invoice: '2026-0007',
    wish: '2026-04-01',
    want: 'INKASSOVARSEL_SENDT',
  },
  {
    name: 'overdue with a reminder',
    payer: 'P11',
    invoice: '2026-0006',
    wish: '2026-04-01',
    want: 'FAKTURA_FORFALT',
  },
  { name: 'overdue', payer: 'P08', invoice: '2026-0003', wish: '2026-04-01', want: 'FAKTURA_FORFALT' },
  {
    name: 'on an instalment plan',
    payer: 'P04',
    invoice: '2026-0010',
    wish: '2026-04-01',
    want: 'HAR_NEDBETALINGSPLAN',
  },
  {
    name: 'an instalment of a plan',
    payer: 'P04',
    invoice: '2026-0010-01',
    wish: '2026-04-01',
    want: 'HAR_NEDBETALINGSPLAN',
  },
  {
    name: 'already deferred',
    payer: 'P01',
    invoice: '2026-0009',
    wish: '2026-04-01',
    want: 'ALLEREDE_UTSATT',
  },
  {
    name: 'unsupported product type',
    payer: 'P01',
    invoice: '2026-0027',
    wish: '2026-04-01',
    want: 'FAKTURATYPE_IKKE_STOETTET',
  },
  {
    name: 'other overdue claims',
    payer: 'P08',
    invoice: '2026-0017',
    wish: '2026-04-01',
    want: 'ANDRE_FORFALTE_KRAV',
  },
  {
    name: '4th deferral in 6 months',
    payer: 'P09',
    invoice: '2026-0018',
    wish: '2026-04-01',
    want: 'MAKS_ANTALL_UTSETTELSER',
  },
  {
    name: 'wish equal to the due date',
    payer: 'P01',
    invoice: '2026-0022',
    wish: '2026-03-24',
    want: 'DATO_UGYLDIG',
  },
  {
    name: 'wish before the due date',
    payer: 'P01',
    invoice: '2026-0022',
    wish: '2026-03-10',
    want: 'DATO_UGYLDIG',
  },
  {
    name: '31 days after the due date → DATO_FOR_SEN with the latest date',
    payer: 'P01',
    invoice: '2026-0001',
    wish: '2026-04-24',
    want: 'DATO_FOR_SEN',
    check: (p) => assert.is(p['senesteTillatteForfallsdato'], '2026-04-23'),
  },
  {
    name: '20 000,01 kr → manual',
    payer: 'P02',
    invoice: 'T-2000001',
    wish: '2026-04-01',
    want: 'KREVER_MANUELL_BEHANDLING',
  },
  {
    name: 'above the hard ceiling',
    payer: 'P02',
    invoice: 'T-OVER-TAK',
    wish: '2026-04-01',
    want: 'BELOEP_OVER_GRENSE',
  },
  {
    name: '25 000 kr → manual',
    payer: 'P04',
    invoice: '2026-0011',
    wish: '2026-04-01',
    want: 'KREVER_MANUELL_BEHANDLING',
  },
  {
    name: 'exactly 30 days → granted, same KID and number, interest from the original date',
    payer: 'P01',
    invoice: '2026-0001',
    wish: '2026-04-23',
    want: 'INNVILGET',
    check: (p) => {
      assert.is(p['opprinneligForfallsdato'], '2026-03-24');
      assert.is(p['nyForfallsdato'], '2026-04-23');
      assert.equal(p['renter'], {
        renteFraDato: '2026-03-24',
        grunnlag: 'FORSINKELSESRENTE',
        rentesatsProsent: 12,
      });
      assert.is(p['gebyrOere'], 0);
      assert.equal(p['faktura'], {
        fakturanummer: '2026-0001',
        kid: '4601202600012',
        kontonummer: '12345678903',
        forfallsdato: '2026-04-23',
        beloepOere: 345678,
        restbeloepOere: 345678,
      });
      assert.is(p['betalingskanal'], undefined);
    },
  },
  {
    name: 'a Saturday is moved to Monday (P01’s 3rd deferral in 6 months, with 2026-0009: still granted)',
    payer: 'P01',
    invoice: '2026-0002',
    wish: '2026-03-14',
    want: 'INNVILGET',
    check: (p) => assert.is(p['nyForfallsdato'], '2026-03-16'),
  },
  {
    name: 'P01’s 4th deferral in 6 months',
    payer: 'P01',
    invoice: '2026-0022',
    wish: '2026-04-01',
    want: 'MAKS_ANTALL_UTSETTELSER',
  },
  {
    name: 'exactly 20 000 kr → granted; AvtaleGiro payer must change the date in the bank',
    payer: 'P02',
    invoice: '2026-0025',
    wish: '2026-04-01',
    want: 'INNVILGET',
    check: (p) => assert.equal(p['betalingskanal'], { kanal: 'AVTALEGIRO', maaEndresIBank: true }),
  },
  {
    name: 'eFaktura payer must change the date in the bank',
    payer: 'P03',
    invoice: '2026-0014',
    wish: '2026-04-01',
    want: 'INNVILGET',
    check: (p) => assert.equal(p['betalingskanal'], { kanal: 'EFAKTURA', maaEndresIBank: true }),
  },
  {
    name: 'a co-owner may defer the joint property fee',
    payer: 'P07',
    invoice: '2026-0015',
    wish: '2026-04-01',
    want: 'INNVILGET',
  },
  {
    name: 'the other co-owner sees it deferred',
    payer: 'P06',
    invoice: '2026-0015',
    wish: '2026-04-02',
    want: 'ALLEREDE_UTSATT',
  },
];

for (const row of rows) {
  test(`deferral: ${row.name}`, async () => {
    const reply = await askDeferral(erp, row.payer, row.invoice, row.wish);
    assert.is(outcomeOf(reply), row.want, JSON.stringify(reply.payload));
    row.check?.(reply.payload);
  });
}

test('deferral: a grant moves the due date and restarts reminders 14 days after it', async () => {
  const invoice = (await readInvoice(db, '2026-0001'))!;
  assert.is(invoice.dueDate, '2026-04-23');
  assert.is(invoice.nextReminderDate, '2026-05-07');
  assert.is(invoice.kid, '4601202600012');
  const rows = await db.query('SELECT count(*)::bigint AS n FROM deferrals WHERE invoice_number = $1', [
    '2026-0001',
  ]);
  assert.is(rows[0]?.['n'], 1);
});

test('deferral: the ikkefunnet answer is the same for someone else’s and a missing invoice', async () => {
  const other = await askDeferral(erp, 'P10', '2026-0001', '2026-04-01');
  const missing = await askDeferral(erp, 'P10', '2099-0001', '2026-04-01');
  assert.is(other.meldingType, missing.meldingType);
  assert.is(other.payload['feilmelding'], missing.payload['feilmelding']);
});

test('deferral: holidays move the granted date (17 May 2027, Easter Monday 2027-03-29)', async () => {
  for (const [today, wish, want] of [
    ['2027-05-01', '2027-05-17', '2027-05-18'],
    ['2027-03-20', '2027-03-29', '2027-03-30'],
    ['2027-03-20', '2027-03-25', '2027-03-30'],
  ] as const) {
    const other = await seededErp({ today: today as CalendarDate });
    try {
      const reply = await askDeferral(other.erp, 'P01', '2026-0002', wish);
      assert.is(outcomeOf(reply), 'INNVILGET', `${today} ${wish}: ${JSON.stringify(reply.payload)}`);
      assert.is(reply.payload['nyForfallsdato'], want);
    } finally {
      await other.close();
    }
  }
});

test.after(() => ctx.close());
test.run();
