import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import {
  addMonths,
  dateParts,
  fromEpochDay,
  parseCalendarDate,
  toEpochDay,
} from '../../src/rules/calendar-date.js';
import {
  checkInstalmentPlan,
  type InstalmentPlanToCheck,
  monthlyDueDates,
  splitWholeKroner,
} from '../../src/rules/instalment-plan.js';
import { createKidMod10 } from '../../src/rules/kid.js';
import { isBankingDay, nextBankingDay } from '../../src/rules/norwegian-holidays.js';

const d = parseCalendarDate;
const anyDate = fc
  .integer({ min: toEpochDay(d('2000-01-01')), max: toEpochDay(d('2100-12-31')) })
  .map(fromEpochDay);
const total = fc.integer({ min: 0, max: 1_000_000_000 });
const count = fc.integer({ min: 1, max: 24 });

/** A plan the way the reference ERP builds it. */
function buildPlan(totalOere: number, first: string, n: number): InstalmentPlanToCheck {
  const amounts = splitWholeKroner(totalOere, n);
  const dates = monthlyDueDates(d(first), n);
  return {
    totalbeloepOere: totalOere,
    avdrag: amounts.map((beloepOere, i) => ({
      nummer: i + 1,
      kid: createKidMod10(`46012026${String(i + 1).padStart(4, '0')}`),
      forfallsdato: dates[i],
      beloepOere,
    })),
  };
}

test('the protocol example: 345 678 øre in 4', () => {
  assert.equal(splitWholeKroner(345_678, 4), [86_478, 86_400, 86_400, 86_400]);
  assert.equal(splitWholeKroner(120_000, 4), [30_000, 30_000, 30_000, 30_000]);
  assert.equal(splitWholeKroner(100_000, 3), [33_400, 33_300, 33_300]);
  assert.equal(splitWholeKroner(99, 3), [99, 0, 0]);
});

test('a split sums to the total, in whole kroner after the first, remainder on the first', () => {
  fc.assert(
    fc.property(total, count, (t, n) => {
      const parts = splitWholeKroner(t, n);
      assert.is(parts.length, n);
      assert.is(
        parts.reduce((s, p) => s + p, 0),
        t,
      );
      const [first, ...rest] = parts as [number, ...number[]];
      for (const p of rest) {
        assert.is(p % 100, 0);
        assert.is(p, rest[0]);
        assert.ok(first >= p);
        assert.ok(first - p < n * 100, 'the first carries less than one krone per instalment extra');
      }
      assert.is(first % 100, t % 100);
    }),
  );
});

test('invalid split arguments throw INVALID_RULE_ARGUMENT', () => {
  for (const [t, n] of [
    [-1, 2],
    [1.5, 2],
    [100, 0],
    [100, 2.5],
    [Number.NaN, 2],
  ] as const) {
    try {
      splitWholeKroner(t, n);
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError(error, 'INVALID_RULE_ARGUMENT'), `${t}, ${n}`);
    }
  }
});

test('monthly due dates: same day, month-end clamped, banking-day adjusted', () => {
  // 2026-01-31 is a Saturday (→ Monday 2 Feb); February clamps to the 28th, a Saturday too (→ Monday
  // 2 March); March keeps the 31st.
  assert.equal(monthlyDueDates(d('2026-01-31'), 4), ['2026-02-02', '2026-03-02', '2026-03-31', '2026-04-30']);
  // 2 April 2026 is Skjærtorsdag: the Easter holidays move it to Tuesday 7 April.
  assert.equal(monthlyDueDates(d('2026-03-02'), 2), ['2026-03-02', '2026-04-07']);
  fc.assert(
    fc.property(anyDate, fc.integer({ min: 1, max: 12 }), (first, n) => {
      const dates = monthlyDueDates(first, n);
      assert.is(dates.length, n);
      dates.forEach((date, i) => {
        const nominal = addMonths(first, i);
        assert.is(date, nextBankingDay(nominal));
        assert.ok(isBankingDay(date));
        if (i > 0) assert.ok(date > dates[i - 1]!, `${dates[i - 1]} then ${date}`);
        assert.ok(dateParts(nominal).day <= dateParts(first).day);
      });
    }),
  );
});

test('a plan built by the rules passes every check', () => {
  fc.assert(
    fc.property(total, anyDate, fc.integer({ min: 2, max: 12 }), (t, first, n) => {
      assert.equal(checkInstalmentPlan(buildPlan(t, first, n), { antallAvdrag: n }), []);
    }),
  );
});

const rulesOf = (plan: InstalmentPlanToCheck, n: number) =>
  checkInstalmentPlan(plan, { antallAvdrag: n }).map((v) => v.rule);

test('each broken rule is reported by name', () => {
  const plan = buildPlan(345_678, '2026-06-15', 4);
  const avdrag = () => plan.avdrag.map((a) => ({ ...a }));

  assert.equal(rulesOf(plan, 5), ['COUNT_MATCHES_REQUEST']);
  assert.equal(rulesOf({ ...plan, totalbeloepOere: 345_679 }, 4), ['SUM_MATCHES_TOTAL']);

  const fractional = avdrag();
  fractional[0]!.beloepOere = 86_477.5;
  assert.equal(rulesOf({ ...plan, avdrag: fractional }, 4), ['SUM_MATCHES_TOTAL']);

  const gap = avdrag();
  gap[3]!.nummer = 5;
  assert.equal(rulesOf({ ...plan, avdrag: gap }, 4), ['NUMBERS_CONSECUTIVE']);

  const zeroBased = avdrag().map((a, i) => ({ ...a, nummer: i }));
  assert.equal(rulesOf({ ...plan, avdrag: zeroBased }, 4), Array(4).fill('NUMBERS_CONSECUTIVE'));

  const sameDay = avdrag();
  sameDay[2]!.forfallsdato = sameDay[1]!.forfallsdato;
  assert.equal(rulesOf({ ...plan, avdrag: sameDay }, 4), ['DUE_DATES_ASCENDING']);

  const notADate = avdrag();
  notADate[1]!.forfallsdato = '2026-02-30';
  assert.equal(rulesOf({ ...plan, avdrag: notADate }, 4), ['DUE_DATES_ASCENDING']);

  const badKid = avdrag();
  badKid[1]!.kid = '4601202600021';
  assert.equal(rulesOf({ ...plan, avdrag: badKid }, 4), ['KID_MOD10_VALID']);

  const repeatedKid = avdrag();
  repeatedKid[3]!.kid = repeatedKid[0]!.kid;
  const violations = checkInstalmentPlan({ ...plan, avdrag: repeatedKid }, { antallAvdrag: 4 });
  assert.equal(
    violations.map((v) => v.rule),
    ['KID_UNIQUE'],
  );
  assert.match(violations[0]!.message, /instalment 1/);
});

test('swapping two instalments with different due dates always breaks ordering and numbering', () => {
  fc.assert(
    fc.property(total, anyDate, fc.integer({ min: 2, max: 12 }), fc.nat(), fc.nat(), (t, first, n, a, b) => {
      const [i, j] = [a % n, b % n];
      fc.pre(i !== j);
      const plan = buildPlan(t, first, n);
      const swapped = [...plan.avdrag];
      [swapped[i], swapped[j]] = [swapped[j]!, swapped[i]!];
      const rules = rulesOf({ ...plan, avdrag: swapped }, n);
      assert.ok(rules.includes('DUE_DATES_ASCENDING'));
      assert.ok(rules.includes('NUMBERS_CONSECUTIVE'));
    }),
  );
});

test.run();
