import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/**
 * A calendar date without time or time zone, as the protocols write it: 'YYYY-MM-DD' (years
 * 0001..9999). All arithmetic is on whole days in the proleptic Gregorian calendar, computed in
 * UTC, so it never depends on the machine's zone or daylight saving time.
 */
export type CalendarDate = string & { readonly __calendarDate: unique symbol };

/** ISO day of the week: 1 = Monday … 7 = Sunday. */
export type IsoDayOfWeek = 1 | 2 | 3 | 4 | 5 | 6 | 7;

const MS_PER_DAY = 86_400_000;
const PATTERN = /^([0-9]{4})-([0-9]{2})-([0-9]{2})$/;

/** Thrown for a string that is not a real 'YYYY-MM-DD' date, or arithmetic leaving years 0001..9999. */
export class InvalidCalendarDateError extends FiksError<ErrorCodeOf<'InvalidCalendarDateError'>> {
  constructor(value: string, reason: string) {
    super('INVALID_CALENDAR_DATE', `'${value}' is not a valid calendar date: ${reason}. Use 'YYYY-MM-DD'.`, {
      details: { value, reason },
    });
  }
}

/** Days in `month` (1..12) of `year`. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** True when `value` is a 'YYYY-MM-DD' string naming a day that exists. */
export function isCalendarDate(value: unknown): value is CalendarDate {
  if (typeof value !== 'string') return false;
  const m = PATTERN.exec(value);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return year >= 1 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** `value` as a CalendarDate; throws InvalidCalendarDateError when it is not one. */
export function parseCalendarDate(value: string): CalendarDate {
  if (!isCalendarDate(value)) {
    throw new InvalidCalendarDateError(
      value,
      PATTERN.test(value) ? 'no such day' : 'not in the form YYYY-MM-DD',
    );
  }
  return value;
}

/** The date with the given parts; throws when the day does not exist. */
export function calendarDate(year: number, month: number, day: number): CalendarDate {
  const text = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return parseCalendarDate(text);
}

/** The year, month (1..12) and day of `date`. */
export function dateParts(date: CalendarDate): { year: number; month: number; day: number } {
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

/** Whole days since 1970-01-01 (negative before). */
export function toEpochDay(date: CalendarDate): number {
  const { year, month, day } = dateParts(date);
  const d = new Date(0);
  d.setUTCFullYear(year, month - 1, day);
  return Math.round(d.getTime() / MS_PER_DAY);
}

/** The date `epochDay` days after 1970-01-01. */
export function fromEpochDay(epochDay: number): CalendarDate {
  if (!Number.isSafeInteger(epochDay))
    throw new InvalidCalendarDateError(String(epochDay), 'not a whole day');
  const d = new Date(epochDay * MS_PER_DAY);
  const year = d.getUTCFullYear();
  if (!(year >= 1 && year <= 9999))
    throw new InvalidCalendarDateError(String(year), 'year outside 0001..9999');
  return calendarDate(year, d.getUTCMonth() + 1, d.getUTCDate());
}

/** The calendar date of `instant` in UTC (use it for "today" only where UTC is the agreed clock). */
export function calendarDateOfInstant(instant: Date): CalendarDate {
  return fromEpochDay(Math.floor(instant.getTime() / MS_PER_DAY));
}

/** `date` moved by `days` (negative moves back). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/**
 * `date` moved by `months` calendar months, keeping the day of the month and clamping it to the
 * last day of a shorter month (2026-01-31 + 1 month = 2026-02-28).
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  if (!Number.isSafeInteger(months)) throw new InvalidCalendarDateError(date, `cannot add ${months} months`);
  const { year, month, day } = dateParts(date);
  const index = year * 12 + (month - 1) + months;
  const newYear = Math.floor(index / 12);
  const newMonth = (index % 12) + 1;
  if (newYear < 1 || newYear > 9999)
    throw new InvalidCalendarDateError(date, `adding ${months} months leaves 0001..9999`);
  return calendarDate(newYear, newMonth, Math.min(day, daysInMonth(newYear, newMonth)));
}

/** Negative when `a` is before `b`, 0 when equal, positive when after (usable with Array.sort). */
export function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: CalendarDate, to: CalendarDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** The ISO day of the week of `date` (1 = Monday … 7 = Sunday). */
export function dayOfWeek(date: CalendarDate): IsoDayOfWeek {
  // 1970-01-01 was a Thursday (4).
  return (((((toEpochDay(date) + 3) % 7) + 7) % 7) + 1) as IsoDayOfWeek;
}
