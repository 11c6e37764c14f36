import type { CalendarDate } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { readInvoice } from '../../src/ledger/invoice.js';
import { type IncomingPayment, type PaymentResult, postPayment } from '../../src/ledger/post-payment.js';
import type { Database } from '../../src/store/database.js';
import { lifecycleLedger, planInstalments } from '../jobs/support/lifecycle-ledger.js';
import { postgresTestDatabase } from '../support/test-databases.js';

const TODAY = '2026-03-04' as CalendarDate;
const NOW = new Date('2026-03-04T11:00:00Z');
const PLAN = 'NP-2026-0010';

async function codeOf(work: Promise<unknown>): Promise<string | undefined> {
  try {
    await work;
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
}

async function count(db: Database, sql: string): Promise<number> {
  return Number((await db.query<{ n: number }>(sql))[0]!.n);
}

const bookings = (db: Database) => count(db, 'SELECT count(*)::bigint AS n FROM payments');

test('a payment to a replaced original is allocated to the plan instalments, oldest first', async () => {
  const ledger = await lifecycleLedger();
  try {
    const original = (await readInvoice(ledger.db, '2026-0010'))!;
    const [first, second, third] = await planInstalments(ledger.db, PLAN);
    const amount = first!.restOere + 10_000;
    const result = await postPayment(ledger.db, { kid: original.kid, beloepOere: amount, dato: TODAY }, NOW);
    assert.equal(result.fordeling, [
      {
        fakturanummer: first!.invoiceNumber,
        beloepOere: first!.restOere,
        restbeloepOere: 0,
        status: 'BETALT',
      },
      {
        fakturanummer: second!.invoiceNumber,
        beloepOere: 10_000,
        restbeloepOere: second!.restOere - 10_000,
        status: second!.status,
      },
    ]);
    assert.is(result.fakturanummer, '2026-0010');
    assert.is(result.restbeloepOere, original.restOere - amount);
    assert.is((await readInvoice(ledger.db, third!.invoiceNumber))!.restOere, third!.restOere);
    const rest = result.restbeloepOere;
    const done = await postPayment(ledger.db, { kid: original.kid, beloepOere: rest, dato: TODAY }, NOW);
    assert.is(done.restbeloepOere, 0);
    const plan = await ledger.db.query<{ status: string }>(
      'SELECT status FROM instalment_plans WHERE plan_id = $1',
      [PLAN],
    );
    assert.is(plan[0]!.status, 'FULLFOERT');
    const innsyn = await ledger.db.query<{ record: { fakturanummer: string; kanBetales: boolean } }>(
      'SELECT record FROM innsyn_outbox WHERE released_at IS NOT NULL ORDER BY outbox_id',
    );
    assert.ok(
      [first, second, third].every((item) =>
        innsyn.some((r) => r.record.fakturanummer === item!.invoiceNumber && !r.record.kanBetales),
      ),
      'Innsyn hears that every instalment is paid',
    );
  } finally {
    await ledger.close();
  }
});

test('a duplicate (same bank reference) is refused and books nothing; --force books it', async () => {
  const ledger = await lifecycleLedger();
  try {
    const invoice = (await readInvoice(ledger.db, '2026-0001'))!;
    const payment: IncomingPayment = {
      kid: invoice.kid,
      beloepOere: 1_000,
      dato: TODAY,
      bankreferanse: 'ARK-1',
    };
    await postPayment(ledger.db, payment, NOW);
    const booked = await bookings(ledger.db);
    const other = { ...payment, beloepOere: 2_000, dato: '2026-03-05' as CalendarDate };
    assert.is(await codeOf(postPayment(ledger.db, other, NOW)), 'PAYMENT_DUPLICATE');
    assert.is(await bookings(ledger.db), booked, 'nothing booked');
    assert.is((await readInvoice(ledger.db, '2026-0001'))!.restOere, invoice.restOere - 1_000);
    const refused = await ledger.db.query(
      "SELECT details FROM audit_log WHERE outcome = 'AVVIST:PAYMENT_DUPLICATE' AND invoice_number = '2026-0001'",
    );
    assert.is(refused.length, 1, 'the refusal is audit-logged');
    // Without a bank reference, the same KID, amount and date is a duplicate.
    const plain = { kid: invoice.kid, beloepOere: 500, dato: TODAY };
    await postPayment(ledger.db, plain, NOW);
    assert.is(await codeOf(postPayment(ledger.db, plain, NOW)), 'PAYMENT_DUPLICATE');
    await postPayment(ledger.db, { ...plain, beloepOere: 501 }, NOW);

    const forced: PaymentResult = await postPayment(ledger.db, other, NOW, { force: true });
    assert.is(forced.duplikat, true);
    assert.is(forced.restbeloepOere, invoice.restOere - 1_000 - 500 - 501 - 2_000);
  } finally {
    await ledger.close();
  }
});

test('an over-payment is refused and books nothing; --force books it and keeps the excess', async () => {
  const ledger = await lifecycleLedger();
  try {
    const invoice = (await readInvoice(ledger.db, '2026-0001'))!;
    const booked = await bookings(ledger.db);
    const payment = { kid: invoice.kid, beloepOere: invoice.restOere + 1, dato: TODAY };
    assert.is(await codeOf(postPayment(ledger.db, payment, NOW)), 'PAYMENT_OVERPAID');
    assert.is(await bookings(ledger.db), booked);
    assert.is((await readInvoice(ledger.db, '2026-0001'))!.restOere, invoice.restOere);
    const forced = await postPayment(ledger.db, payment, NOW, { force: true });
    assert.equal(forced, {
      fakturanummer: '2026-0001',
      restbeloepOere: 0,
      status: 'BETALT',
      overbetaltOere: 1,
    });
    const bank = await ledger.db.query<{ overpaid: number; forced: boolean }>(
      'SELECT overpaid_oere AS overpaid, forced FROM bank_payments ORDER BY bank_payment_id DESC LIMIT 1',
    );
    assert.equal(bank[0], { overpaid: 1, forced: true });
    // Anything paid to a paid invoice is an over-payment.
    const again = { ...payment, beloepOere: 100, dato: '2026-03-06' as CalendarDate };
    assert.is(await codeOf(postPayment(ledger.db, again, NOW)), 'PAYMENT_OVERPAID');
    // The plan's total is what a replaced original owes.
    const original = (await readInvoice(ledger.db, '2026-0010'))!;
    const over = { kid: original.kid, beloepOere: original.restOere + 100, dato: TODAY };
    assert.is(await codeOf(postPayment(ledger.db, over, NOW)), 'PAYMENT_OVERPAID');
  } finally {
    await ledger.close();
  }
});

const postgres = await postgresTestDatabase('payments on PostgreSQL', 1);
(postgres ? test : test.skip)(
  'PostgreSQL: one bank reference posted twice at once is booked once',
  async () => {
    try {
      const ledger = await lifecycleLedger({ db: postgres!.db });
      const invoice = (await readInvoice(ledger.db, '2026-0001'))!;
      const payment = { kid: invoice.kid, beloepOere: 1_000, dato: TODAY, bankreferanse: 'ARK-PG' };
      const results = await Promise.allSettled([
        postPayment(postgres!.db, payment, NOW),
        postPayment(postgres!.others[0]!, payment, NOW),
      ]);
      assert.equal(results.map((r) => r.status).sort(), ['fulfilled', 'rejected']);
      const rejected = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      assert.is((rejected.reason as { code?: string }).code, 'PAYMENT_DUPLICATE');
      assert.is((await readInvoice(ledger.db, '2026-0001'))!.restOere, invoice.restOere - 1_000);
    } finally {
      await postgres!.dispose();
    }
  },
);

test.run();
