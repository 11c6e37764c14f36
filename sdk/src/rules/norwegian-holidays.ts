import { addDays, type CalendarDate, calendarDate, dateParts, dayOfWeek } from './calendar-date.js';

/**
 * Norwegian public holidays (helligdager, lov om helligdager og helligdagsfred, and 1 and 17 May)
 * and banking days. A banking day is a weekday that is not a public holiday. Banks and the
 * interbank settlement (NICS, Norges Bank) are also closed on Christmas Eve and New Year's Eve,
 * which are not public holidays: by default they are not banking days either, and the option
 * `closedOnChristmasAndNewYearsEve: false` counts them as banking days when they fall on a weekday.
 */

/** One public holiday of a year. */
export interface NorwegianHoliday {
  date: CalendarDate;
  /** The Norwegian name, e.g. '1. påskedag'. */
  name: string;
}

/** Which days besides weekends and public holidays close the banks. */
export interface BankingCalendarOptions {
  /** Default true: 24 and 31 December are not banking days (no interbank settlement). */
  closedOnChristmasAndNewYearsEve?: boolean;
}

/** Easter Sunday (1. påskedag) of `year` by the anonymous Gregorian algorithm (Meeus/Jones/Butcher). */
export function easterSunday(year: number): CalendarDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return calendarDate(year, month, day);
}

/** The public holidays of `year` in date order. */
export function norwegianPublicHolidays(year: number): NorwegianHoliday[] {
  const easter = easterSunday(year);
  const holidays: NorwegianHoliday[] = [
    { date: calendarDate(year, 1, 1), name: '1. nyttårsdag' },
    { date: addDays(easter, -3), name: 'Skjærtorsdag' },
    { date: addDays(easter, -2), name: 'Langfredag' },
    { date: easter, name: '1. påskedag' },
    { date: addDays(easter, 1), name: '2. påskedag' },
    { date: calendarDate(year, 5, 1), name: 'Arbeidernes dag' },
    { date: calendarDate(year, 5, 17), name: 'Grunnlovsdag' },
    { date: addDays(easter, 39), name: 'Kristi himmelfartsdag' },
    { date: addDays(easter, 49), name: '1. pinsedag' },
    { date: addDays(easter, 50), name: '2. pinsedag' },
    { date: calendarDate(year, 12, 25), name: '1. juledag' },
    { date: calendarDate(year, 12, 26), name: '2. juledag' },
  ];
  return holidays.sort((x, y) => (x.date < y.date ? -1 : x.date > y.date ? 1 : 0));
}

const holidayCache = new Map<number, ReadonlySet<string>>();

function holidaysOf(year: number): ReadonlySet<string> {
  let set = holidayCache.get(year);
  if (!set) {
    set = new Set(norwegianPublicHolidays(year).map((h) => h.date));
    holidayCache.set(year, set);
  }
  return set;
}

/** True when `date` is a Norwegian public holiday (Sundays that are not holidays excluded). */
export function isPublicHoliday(date: CalendarDate): boolean {
  return holidaysOf(dateParts(date).year).has(date);
}

/** True when banks settle payments on `date`: a weekday, not a public holiday (see the options). */
export function isBankingDay(date: CalendarDate, options: BankingCalendarOptions = {}): boolean {
  if (dayOfWeek(date) >= 6 || isPublicHoliday(date)) return false;
  if (options.closedOnChristmasAndNewYearsEve ?? true) {
    const { month, day } = dateParts(date);
    if (month === 12 && (day === 24 || day === 31)) return false;
  }
  return true;
}

/** `date` itself when it is a banking day, otherwise the first banking day after it. */
export function nextBankingDay(date: CalendarDate, options: BankingCalendarOptions = {}): CalendarDate {
  let current = date;
  while (!isBankingDay(current, options)) current = addDays(current, 1);
  return current;
}

/**
 * The `count`-th banking day after `date` (before it when `count` is negative); `date` itself does
 * not count. With `count` 0 it is `nextBankingDay(date)`.
 */
export function addBankingDays(
  date: CalendarDate,
  count: number,
  options: BankingCalendarOptions = {},
): CalendarDate {
  if (count === 0) return nextBankingDay(date, options);
  const step = count > 0 ? 1 : -1;
  let current = date;
  for (let left = Math.abs(count); left > 0; ) {
    current = addDays(current, step);
    if (isBankingDay(current, options)) left--;
  }
  return current;
}
