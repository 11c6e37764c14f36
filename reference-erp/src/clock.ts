import { type CalendarDate, parseCalendarDate } from '@fiks-faktura/sdk';

/** The source of "now". Injected everywhere, so rules never read the machine's clock themselves. */
export interface Clock {
  now(): Date;
}

/** The machine's clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock standing still at `instant` (tests, seeding a fixed day). */
export function fixedClock(instant: Date | string): Clock {
  const at = new Date(instant);
  return { now: () => new Date(at) };
}

const osloDay = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/Oslo',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in Norway at `instant`: what "today" means for due dates and limits. */
export function norwegianDateOf(instant: Date): CalendarDate {
  return parseCalendarDate(osloDay.format(instant));
}
