import fc from 'fast-check';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { isFiksError } from '../../src/errors/fiks-error.js';
import {
  addDays,
  addMonths,
  type CalendarDate,
  calendarDateOfInstant,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  fromEpochDay,
  isCalendarDate,
  parseCalendarDate,
  toEpochDay,
} from '../../src/rules/calendar-date.js';

const d = parseCalendarDate;
const anyDate = fc
  .integer({ min: toEpochDay(d('1800-01-01')), max: toEpochDay(d('2300-12-31')) })
  .map(fromEpochDay);

test('parsing accepts real days only', () => {
  for (const ok of ['2024-02-29', '2000-02-29', '2026-12-31', '0001-01-01', '9999-12-31'])
    assert.ok(isCalendarDate(ok), ok);
  for (const bad of [
    '2023-02-29',
    '1900-02-29',
    '2026-13-01',
    '2026-00-10',
    '2026-04-31',
    '2026-1-01',
    '20260101',
    '2026-01-01T00:00:00Z',
    '0000-01-01',
    ' 2026-01-01',
  ]) {
    assert.not.ok(isCalendarDate(bad), bad);
  }
  try {
    parseCalendarDate('2026-02-30');
    assert.unreachable('should have thrown');
  } catch (error) {
    assert.ok(isFiksError(error, 'INVALID_CALENDAR_DATE'));
  }
});

test('known epoch days and weekdays', () => {
  assert.is(toEpochDay(d('1970-01-01')), 0);
  assert.is(fromEpochDay(-1), '1969-12-31');
  assert.is(dayOfWeek(d('2026-01-01')), 4); // Thursday
  assert.is(dayOfWeek(d('2024-03-31')), 7); // Easter Sunday
  assert.is(dayOfWeek(d('1900-01-01')), 1); // Monday
  assert.is(calendarDateOfInstant(new Date('2026-03-01T23:59:59.999Z')), '2026-03-01');
  assert.is(calendarDateOfInstant(new Date('1969-12-31T12:00:00Z')), '1969-12-31');
});

test('epoch days round-trip and order like the strings', () => {
  fc.assert(
    fc.property(anyDate, anyDate, (a, b) => {
      assert.is(fromEpochDay(toEpochDay(a)), a);
      assert.is(Math.sign(compareDates(a, b)), Math.sign(toEpochDay(a) - toEpochDay(b)));
      assert.is(daysBetween(a, b), toEpochDay(b) - toEpochDay(a));
    }),
  );
});

test('adding days is invertible, additive, and moves the weekday', () => {
  fc.assert(
    fc.property(
      anyDate,
      fc.integer({ min: -5000, max: 5000 }),
      fc.integer({ min: -5000, max: 5000 }),
      (a, m, n) => {
        assert.is(addDays(addDays(a, n), -n), a);
        assert.is(addDays(addDays(a, m), n), addDays(a, m + n));
        assert.is(daysBetween(a, addDays(a, n)), n);
        assert.is(dayOfWeek(addDays(a, 7 * m)), dayOfWeek(a));
        assert.is((dayOfWeek(addDays(a, 1)) - dayOfWeek(a) + 7) % 7, 1);
      },
    ),
  );
});

test('adding months keeps the day, clamped to the month end', () => {
  assert.is(addMonths(d('2026-01-31'), 1), '2026-02-28');
  assert.is(addMonths(d('2024-01-31'), 1), '2024-02-29');
  assert.is(addMonths(d('2026-01-31'), 2), '2026-03-31');
  assert.is(addMonths(d('2026-03-31'), -1), '2026-02-28');
  assert.is(addMonths(d('2026-11-15'), 3), '2027-02-15');
  assert.is(addMonths(d('2026-01-15'), -13), '2024-12-15');
  fc.assert(
    fc.property(anyDate, fc.integer({ min: -600, max: 600 }), (a, n) => {
      const before = dateParts(a);
      const after = dateParts(addMonths(a, n));
      assert.is(after.year * 12 + after.month - (before.year * 12 + before.month), n);
      assert.is(after.day, Math.min(before.day, daysInMonth(after.year, after.month)));
    }),
  );
});

test('arithmetic outside 0001..9999 throws', () => {
  for (const run of [
    () => addDays(d('9999-12-31'), 1),
    () => addMonths(d('0001-01-15'), -1),
    () => fromEpochDay(0.5),
  ]) {
    try {
      run();
      assert.unreachable('should have thrown');
    } catch (error) {
      assert.ok(isFiksError(error, 'INVALID_CALENDAR_DATE'));
    }
  }
});

test('sorting with compareDates sorts chronologically', () => {
  fc.assert(
    fc.property(fc.array(anyDate), (dates) => {
      const sorted = [...dates].sort(compareDates);
      const byDay = [...dates].sort((x: CalendarDate, y: CalendarDate) => toEpochDay(x) - toEpochDay(y));
      assert.equal(sorted, byDay);
    }),
  );
});

test.run();
