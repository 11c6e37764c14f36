import { isValidKidMod10 } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readInvoice } from '../../src/ledger/invoice.js';
import { seededErp } from '../support/erp-fixture.js';
import { addInvoice, askDeferral, askInstalments, outcomeOf, type PayerId } from '../support/requests.js';

// Today is Wednesday 2026-03-04; six months ahead is 2026-09-04.
const ctx = await seededErp();
const { erp, db } = ctx;
const base = (await readInvoice(db, '2026-0026'))!;
await addInvoice(db, base, {
  invoiceNumber: 'T-99999',
  kid: '46019900000033',
  amountOere: 99_999,
  restOere: 99_999,
});

interface Plan {
  totalbeloepOere: number;
  opprinneligFakturaErstattet: boolean;
  vilkaar: string[];
  avdrag: { nummer: number; fakturanummer: string; kid: string; forfallsdato: string; beloepOere: number }[];
}

interface Row {
  name: string;
  payer: PayerId;
  invoice: string;
  count: number;
  first?: string;
  want: string;
  check?: (payload: Record<string, unknown>) => void;
}

function checkPlan(p: Record<string, unknown>, amounts: number[], dates?: string[]): void {
  const plan = p['nedbetalingsplan'] as Plan;
  assert.equal(
    plan.avdrag.map((a) => a.beloepOere),
    amounts,
  );
  assert.is(
    plan.avdrag.reduce((sum, a) => sum + a.beloepOere, 0),
    plan.totalbeloepOere,
  );
  assert.equal(
    plan.avdrag.map((a) => a.nummer),
    amounts.map((_, i) => i + 1),
  );
  for (const [i, a] of plan.avdrag.entries()) {
    assert.ok(isValidKidMod10(a.kid), a.kid);
    if (i > 0) assert.ok(a.forfallsdato > plan.avdrag[i - 1]!.forfallsdato);
  }
  assert.is(new Set(plan.avdrag.map((a) => a.kid)).size, amounts.length);
  assert.ok(plan.opprinneligFakturaErstattet);
  assert.ok(plan.vilkaar.some((v) => v.includes('14 dager')));
  if (dates)
    assert.equal(
      plan.avdrag.map((a) => a.forfallsdato),
      dates,
    );
}

const rows: Row[] = [
  {
    name: 'someone else’s invoice → ikkefunnet',
    payer: 'P10',
    invoice: '2026-0001',
    count: 2,
    want: 'ikkefunnet',
  },
  { name: 'paid', payer: 'P01', invoice: '2026-0004', count: 2, want: 'FAKTURA_BETALT' },
  { name: 'credited', payer: 'P02', invoice: '2026-0005', count: 2, want: 'FAKTURA_KREDITERT' },
  { name: 'sent to inkasso', payer: 'P11', invoice: '2026-0008', count: 2, want: 'SENDT_INKASSO' },
  { name: 'inkassovarsel sent', payer: 'P11', invoice: '2026-0007', count: 2, want: 'INKASSOVARSEL_SENDT' },
  { name: 'overdue', payer: 'P08', invoice: '2026-0003', count: 2, want: 'FAKTURA_FORFALT' },
  { name: 'already on a plan', payer: 'P04', invoice: '2026-0010', count: 2, want: 'HAR_NEDBETALINGSPLAN' },
  { name: 'deferred invoice', payer: 'P01', invoice: '2026-0009', count: 2, want: 'ALLEREDE_UTSATT' },
  {
    name: 'unsupported product type',
    payer: 'P01',
    invoice: '2026-0027',
    count: 2,
    want: 'FAKTURATYPE_IKKE_STOETTET',
  },
  { name: 'other overdue claims', payer: 'P08', invoice: '2026-0017', count: 2, want: 'ANDRE_FORFALTE_KRAV' },
  {
    name: 'rest 800 kr → below the minimum',
    payer: 'P05',
    invoice: '2026-0012',
    count: 2,
    want: 'BELOEP_UNDER_GRENSE',
    check: (p) => assert.is(p['minsteAvdragOere'], 30_000),
  },
  {
    name: 'rest 999,99 kr → below the minimum',
    payer: 'P05',
    invoice: 'T-99999',
    count: 2,
    want: 'BELOEP_UNDER_GRENSE',
  },
  {
    name: '7 instalments → too many',
    payer: 'P04',
    invoice: '2026-0024',
    count: 7,
    want: 'FOR_MANGE_AVDRAG',
    check: (p) => assert.is(p['maksAntallAvdrag'], 6),
  },
  {
    name: '5 × 240 kr → too small, hint 4',
    payer: 'P01',
    invoice: '2026-0022',
    count: 5,
    want: 'AVDRAG_FOR_LITE',
    check: (p) => {
      assert.is(p['maksAntallAvdrag'], 4);
      assert.is(p['minsteAvdragOere'], 30_000);
    },
  },
  {
    name: 'first due date in the past',
    payer: 'P01',
    invoice: '2026-0022',
    count: 2,
    first: '2026-03-03',
    want: 'DATO_UGYLDIG',
  },
  {
    name: 'last due date beyond 6 months',
    payer: 'P04',
    invoice: '2026-0024',
    count: 6,
    first: '2026-04-05',
    want: 'SISTE_FORFALL_FOR_SEN',
  },
  {
    name: '6 instalments, first on a Sunday (2026-03-29) moved to Monday',
    payer: 'P04',
    invoice: '2026-0024',
    count: 6,
    want: 'INNVILGET',
    check: (p) =>
      checkPlan(
        p,
        [208_500, 208_300, 208_300, 208_300, 208_300, 208_300],
        ['2026-03-30', '2026-04-29', '2026-05-29', '2026-06-29', '2026-07-29', '2026-08-31'],
      ),
  },
  {
    name: '4 × 300 kr exactly → granted',
    payer: 'P01',
    invoice: '2026-0022',
    count: 4,
    want: 'INNVILGET',
    check: (p) => checkPlan(p, [30_000, 30_000, 30_000, 30_000]),
  },
  {
    name: '345 678 øre in 4 → 86 478 + 3 × 86 400, numbered <original>-01…',
    payer: 'P01',
    invoice: '2026-0001',
    count: 4,
    want: 'INNVILGET',
    check: (p) => {
      checkPlan(p, [86_478, 86_400, 86_400, 86_400]);
      const plan = p['nedbetalingsplan'] as Plan;
      assert.equal(
        plan.avdrag.map((a) => a.fakturanummer),
        ['2026-0001-01', '2026-0001-02', '2026-0001-03', '2026-0001-04'],
      );
    },
  },
  {
    name: 'rest exactly 1 000 kr → granted',
    payer: 'P05',
    invoice: '2026-0026',
    count: 2,
    want: 'INNVILGET',
  },
  {
    name: 'a second plan on the same invoice',
    payer: 'P01',
    invoice: '2026-0001',
    count: 2,
    want: 'HAR_NEDBETALINGSPLAN',
  },
];

for (const row of rows) {
  test(`instalments: ${row.name}`, async () => {
    const reply = await askInstalments(erp, row.payer, row.invoice, row.count, row.first);
    assert.is(outcomeOf(reply), row.want, JSON.stringify(reply.payload));
    row.check?.(reply.payload);
  });
}

test('instalments: a deferral of an invoice on a plan is denied', async () => {
  assert.is(outcomeOf(await askDeferral(erp, 'P01', '2026-0001', '2026-04-01')), 'HAR_NEDBETALINGSPLAN');
});

test('instalments: the original is replaced and each instalment is an invoice of its own', async () => {
  const original = (await readInvoice(db, '2026-0001'))!;
  assert.ok(original.replacedByPlan);
  const items = await db.query<{ n: number; sum: number }>(
    'SELECT count(*)::bigint AS n, sum(amount_oere)::bigint AS sum FROM invoices WHERE parent_invoice_number = $1',
    ['2026-0001'],
  );
  assert.equal(items[0], { n: 4, sum: 345_678 });
});

test('instalments: Innsyn hears of the plan only after the answer was sent', async () => {
  const before = await erp.pendingInnsynUpdates();
  const reply = await askInstalments(erp, 'P03', '2026-0023', 2);
  assert.is(outcomeOf(reply), 'INNVILGET');
  assert.equal(await erp.pendingInnsynUpdates(), before);
  assert.is(await erp.markAnswerSent(reply.payload['foresporselId'] as string), 3);
  const released = (await erp.pendingInnsynUpdates()).slice(before.length).map((e) => e.record);
  assert.is(released[0]?.fakturanummer, '2026-0023');
  assert.is(released[0]?.kanBetales, false);
  assert.equal(
    released.slice(1).map((r) => [r.fakturanummer, r.forelder, r.kanBetales]),
    [
      ['2026-0023-01', '2026-0023', true],
      ['2026-0023-02', '2026-0023', true],
    ],
  );
});

test.after(() => ctx.close());
test.run();
