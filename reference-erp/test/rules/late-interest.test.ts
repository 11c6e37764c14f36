import { addDays, type CalendarDate, daysBetween } from '@fiks-faktura/sdk';
import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { DEFAULT_ERP_CONFIG, type LateInterestRate } from '../../src/config/erp-config.js';
import { lateInterestOere } from '../../src/rules/late-interest-amount.js';
import { LATE_INTEREST_TABLE } from '../../src/rules/late-interest-table.js';
import { assertValidReply, seededErp } from '../support/erp-fixture.js';
import { askDeferral, askInstalments, outcomeOf } from '../support/requests.js';

const d = (s: string) => s as CalendarDate;

// Rates that differ between today (2026-03-04) and the fixture due dates (2026-03-2x), so the
// answer shows which day's rate it took.
const SPLIT_RATES: LateInterestRate[] = [
  { fraDato: d('2026-01-01'), rentesatsProsent: 10 },
  { fraDato: d('2026-03-20'), rentesatsProsent: 11 },
];

test('the table: every half-year 2025-H1..2027-H1, the policy rate + 8 pp, with its source', () => {
  const from = LATE_INTEREST_TABLE.satser.map((s) => s.fraDato);
  for (const half of ['2025-01-01', '2025-07-01', '2026-01-01', '2026-07-01', '2027-01-01'])
    assert.ok(from.includes(d(half)), half);
  for (const s of LATE_INTEREST_TABLE.satser) assert.is(s.rentesatsProsent, s.styringsrenteProsent + 8);
  assert.match(LATE_INTEREST_TABLE.kilde, /Finansdepartementet/);
  assert.is(LATE_INTEREST_TABLE.gjelderTilOgMed, '2027-06-30');
  assert.equal(
    DEFAULT_ERP_CONFIG.lateInterestRates,
    LATE_INTEREST_TABLE.satser.map(({ fraDato, rentesatsProsent }) => ({ fraDato, rentesatsProsent })),
  );
});

test('deferral and plan: the rate in force on the day of the answer, not on the due date', async () => {
  const ctx = await seededErp({ config: { lateInterestRates: SPLIT_RATES } });
  try {
    const deferral = await askDeferral(ctx.erp, 'P01', '2026-0001', '2026-04-01');
    assert.is(outcomeOf(deferral), 'INNVILGET');
    assert.is((deferral.payload['renter'] as { rentesatsProsent: number }).rentesatsProsent, 10);
    const plan = await askInstalments(ctx.erp, 'P01', '2026-0022', 3);
    assert.is(outcomeOf(plan), 'INNVILGET');
    const renter = (plan.payload['nedbetalingsplan'] as { renter: { rentesatsProsent: number } }).renter;
    assert.is(renter.rentesatsProsent, 10);
  } finally {
    await ctx.close();
  }
});

test('past the table: serverfeil with an audit entry INTEREST_RATE_UNKNOWN (refuse, the default)', async () => {
  const ctx = await seededErp({ today: d('2027-08-02') });
  try {
    const reply = await askDeferral(ctx.erp, 'P01', '2026-0001', '2027-08-30');
    assertValidReply(reply);
    assert.is(outcomeOf(reply), 'serverfeil');
    const audit = await ctx.db.query<{ details: { code: string } }>(
      "SELECT details FROM audit_log WHERE outcome = 'SERVERFEIL'",
    );
    assert.equal(
      audit.map((a) => a.details.code),
      ['INTEREST_RATE_UNKNOWN'],
    );
    const plan = await askInstalments(ctx.erp, 'P01', '2026-0001', 3);
    assert.is(outcomeOf(plan), 'serverfeil');
  } finally {
    await ctx.close();
  }
});

test('past the table with omitRate: granted without rentesatsProsent', async () => {
  const ctx = await seededErp({ today: d('2027-08-02'), config: { lateInterestBeyondTable: 'omitRate' } });
  try {
    const reply = await askDeferral(ctx.erp, 'P01', '2026-0001', '2027-08-30');
    assert.is(outcomeOf(reply), 'INNVILGET', JSON.stringify(reply.payload));
    assert.not.ok('rentesatsProsent' in (reply.payload['renter'] as object));
  } finally {
    await ctx.close();
  }
});

// lateInterestOere: whole days after the due date up to and including the payment day, actual/365.
const RATES = DEFAULT_ERP_CONFIG.lateInterestRates;
const FIRST = d('2025-01-01');
const LAST = d('2027-06-30');
const dayIn = (maxOffset = daysBetween(FIRST, LAST)) =>
  fc.integer({ min: 0, max: maxOffset }).map((n) => addDays(FIRST, n));

test('interest amount: examples', () => {
  // 100 000 kr for 365 days at 12 % = 12 000 kr.
  assert.is(lateInterestOere(10_000_000, d('2026-01-01'), d('2027-01-01'), RATES), 1_200_000);
  // One day at 12.5 % on 1 000 kr: 1000 × 0.125 / 365 = 0.3425 kr → 34 øre.
  assert.is(lateInterestOere(100_000, d('2025-03-01'), d('2025-03-02'), RATES), 34);
  // Crossing 2025-07-01: 30 June at 12.5 %, 1 July at 12.25 %.
  assert.is(
    lateInterestOere(36_500_000, d('2025-06-29'), d('2025-07-01'), RATES),
    Math.round((36_500_000 * (0.125 + 0.1225)) / 365),
  );
  assert.is(lateInterestOere(100_000, d('2026-03-01'), d('2026-03-01'), RATES), 0);
  assert.is(lateInterestOere(100_000, d('2026-03-02'), d('2026-03-01'), RATES), 0);
});

test('interest amount: a day outside the table is INTEREST_RATE_UNKNOWN', () => {
  for (const [from, to] of [
    ['2027-06-01', '2027-07-01'],
    ['2024-12-30', '2025-01-05'],
  ]) {
    try {
      lateInterestOere(100_000, d(from!), d(to!), RATES);
      assert.unreachable();
    } catch (error) {
      assert.is((error as { code?: string }).code, 'INTEREST_RATE_UNKNOWN');
    }
  }
});

test('interest amount: split anywhere, the parts add up to the whole within rounding (property)', () => {
  fc.assert(
    fc.property(fc.integer({ min: 0, max: 100_000_000 }), dayIn(), dayIn(), dayIn(), (amount, a, b, c) => {
      const [from, mid, to] = [a, b, c].sort() as [CalendarDate, CalendarDate, CalendarDate];
      const whole = lateInterestOere(amount, from, to, RATES);
      const parts = lateInterestOere(amount, from, mid, RATES) + lateInterestOere(amount, mid, to, RATES);
      return Math.abs(whole - parts) <= 1;
    }),
  );
});

test('interest amount: never negative, monotone in amount and in the end date, bounded by the highest rate (property)', () => {
  const maxRate = Math.max(...RATES.map((r) => r.rentesatsProsent));
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 50_000_000 }),
      fc.integer({ min: 0, max: 1000 }),
      dayIn(),
      dayIn(),
      (amount, extra, a, b) => {
        const [from, to] = [a, b].sort() as [CalendarDate, CalendarDate];
        const interest = lateInterestOere(amount, from, to, RATES);
        const days = daysBetween(from, to);
        return (
          interest >= 0 &&
          lateInterestOere(amount + extra, from, to, RATES) >= interest &&
          (to === LAST || lateInterestOere(amount, from, addDays(to, 1), RATES) >= interest) &&
          interest <= Math.ceil((amount * maxRate * days) / 100 / 365)
        );
      },
    ),
  );
});

test('interest amount: at one constant rate it is amount × rate × days / 365, rounded (property)', () => {
  const flat: LateInterestRate[] = [{ fraDato: d('2026-01-01'), rentesatsProsent: 12 }];
  fc.assert(
    fc.property(
      fc.integer({ min: 0, max: 100_000_000 }),
      fc.integer({ min: 0, max: 180 }),
      (amount, days) => {
        const from = d('2026-01-01');
        const got = lateInterestOere(amount, from, addDays(from, days), flat);
        // Exact in integers: half up of amount × 12 × days / 36 500.
        return got === Math.floor((amount * 12 * days * 2 + 36_500) / 73_000);
      },
    ),
  );
});

test.run();
