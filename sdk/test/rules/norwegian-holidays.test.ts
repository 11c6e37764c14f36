import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import {
  addDays,
  dateParts,
  dayOfWeek,
  fromEpochDay,
  parseCalendarDate,
  toEpochDay,
} from '../../src/rules/calendar-date.js';
import {
  addBankingDays,
  easterSunday,
  isBankingDay,
  isPublicHoliday,
  nextBankingDay,
  norwegianPublicHolidays,
} from '../../src/rules/norwegian-holidays.js';

const d = parseCalendarDate;
const anyDate = fc
  .integer({ min: toEpochDay(d('1900-01-01')), max: toEpochDay(d('2200-12-31')) })
  .map(fromEpochDay);
const calendarOptions = fc.constantFrom({}, { closedOnChristmasAndNewYearsEve: false });

test('Easter Sunday matches the known table', () => {
  const known: [number, string][] = [
    [1818, '1818-03-22'],
    [1943, '1943-04-25'],
    [2000, '2000-04-23'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2030, '2030-04-21'],
    [2038, '2038-04-25'],
    [2285, '2285-03-22'],
  ];
  for (const [year, date] of known) assert.is(easterSunday(year), date, String(year));
});

test('Easter is always a Sunday between 22 March and 25 April', () => {
  fc.assert(
    fc.property(fc.integer({ min: 1583, max: 9999 }), (year) => {
      const easter = easterSunday(year);
      assert.is(dayOfWeek(easter), 7);
      assert.ok(
        easter >= `${String(year).padStart(4, '0')}-03-22` &&
          easter <= `${String(year).padStart(4, '0')}-04-25`,
      );
    }),
  );
});

test('the 2026 holidays', () => {
  assert.equal(
    norwegianPublicHolidays(2026).map((h) => `${h.date} ${h.name}`),
    [
      '2026-01-01 1. nyttårsdag',
      '2026-04-02 Skjærtorsdag',
      '2026-04-03 Langfredag',
      '2026-04-05 1. påskedag',
      '2026-04-06 2. påskedag',
      '2026-05-01 Arbeidernes dag',
      '2026-05-14 Kristi himmelfartsdag',
      '2026-05-17 Grunnlovsdag',
      '2026-05-24 1. pinsedag',
      '2026-05-25 2. pinsedag',
      '2026-12-25 1. juledag',
      '2026-12-26 2. juledag',
    ],
  );
  assert.ok(isPublicHoliday(d('2027-03-25'))); // Skjærtorsdag 2027
  assert.not.ok(isPublicHoliday(d('2026-12-24')));
});

test('banking days: weekends, holidays, and the Christmas/New Year Eve option', () => {
  assert.ok(isBankingDay(d('2026-04-01')));
  assert.not.ok(isBankingDay(d('2026-04-02')));
  assert.not.ok(isBankingDay(d('2026-04-04'))); // Easter Saturday
  assert.is(nextBankingDay(d('2026-04-01')), '2026-04-01');
  assert.is(nextBankingDay(d('2026-04-02')), '2026-04-07');
  assert.is(nextBankingDay(d('2026-05-16')), '2026-05-18');
  assert.is(nextBankingDay(d('2026-05-14')), '2026-05-15');
  // 24 Dec 2026 is a Thursday; by default banks are closed until Monday 28 Dec.
  assert.not.ok(isBankingDay(d('2026-12-24')));
  assert.is(nextBankingDay(d('2026-12-24')), '2026-12-28');
  assert.ok(isBankingDay(d('2026-12-24'), { closedOnChristmasAndNewYearsEve: false }));
  // 31 Dec 2026 is a Thursday, 1 Jan a holiday: next banking day Monday 4 Jan 2027.
  assert.is(nextBankingDay(d('2026-12-31')), '2027-01-04');
  assert.is(nextBankingDay(d('2026-12-31'), { closedOnChristmasAndNewYearsEve: false }), '2026-12-31');
  assert.is(addBankingDays(d('2026-04-01'), 1), '2026-04-07');
  assert.is(addBankingDays(d('2026-04-07'), -1), '2026-04-01');
  assert.is(addBankingDays(d('2026-04-04'), 0), '2026-04-07');
});

test('nextBankingDay is the least banking day on or after the input', () => {
  fc.assert(
    fc.property(anyDate, calendarOptions, (date, options) => {
      const next = nextBankingDay(date, options);
      assert.ok(isBankingDay(next, options));
      assert.ok(next >= date);
      for (let day = date; day < next; day = addDays(day, 1)) assert.not.ok(isBankingDay(day, options), day);
      assert.ok(toEpochDay(next) - toEpochDay(date) <= 6, `${date} → ${next}`);
    }),
  );
});

test('a banking day is a weekday that is not a holiday', () => {
  fc.assert(
    fc.property(anyDate, (date) => {
      const expected = dayOfWeek(date) <= 5 && !isPublicHoliday(date) && !/-12-(24|31)$/.test(date);
      assert.is(isBankingDay(date), expected);
      if (dayOfWeek(date) <= 5 && !isPublicHoliday(date))
        assert.ok(isBankingDay(date, { closedOnChristmasAndNewYearsEve: false }));
    }),
  );
});

test('addBankingDays moves over exactly that many banking days', () => {
  fc.assert(
    fc.property(anyDate, fc.integer({ min: -40, max: 40 }), calendarOptions, (date, n, options) => {
      fc.pre(n !== 0);
      const result = addBankingDays(date, n, options);
      assert.ok(isBankingDay(result, options));
      const [from, to] = n > 0 ? [addDays(date, 1), result] : [result, addDays(date, -1)];
      let count = 0;
      for (let day = from; day <= to; day = addDays(day, 1)) if (isBankingDay(day, options)) count++;
      assert.is(count, Math.abs(n));
      if (isBankingDay(date, options)) assert.is(addBankingDays(result, -n, options), date);
    }),
  );
});

test('every year has 12 holidays in date order within the year; movable ones may coincide', () => {
  // 2008: Kristi himmelfartsdag fell on 1 May.
  assert.is(new Set(norwegianPublicHolidays(2008).map((h) => h.date)).size, 11);
  fc.assert(
    fc.property(fc.integer({ min: 1900, max: 2200 }), (year) => {
      const dates = norwegianPublicHolidays(year).map((h) => h.date);
      assert.is(dates.length, 12);
      assert.equal(dates, [...dates].sort());
      for (const date of dates) {
        assert.is(dateParts(date).year, year);
        assert.ok(isPublicHoliday(date));
      }
    }),
  );
});

test.run();
