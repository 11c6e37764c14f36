import { type CalendarDate, parseCalendarDate } from '@fiks-faktura/sdk';

/** The source of "now". Injected everywhere, so rules never read the machine's clock themselves. */
export interface Clock {
  /** The current instant. */
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

/**
 * The machine's clock moved to another calendar day in Norway: time runs on, but "today" is
 * `today` (demos and certification runs against payloads written for a fixed date).
 */
export function clockOnDay(today: CalendarDate, base: Clock = systemClock): Clock {
  const dayMs = (day: CalendarDate) => Date.parse(`${day}T00:00:00Z`);
  const offset = dayMs(today) - dayMs(norwegianDateOf(base.now()));
  const hour = 3_600_000;
  return {
    now: () => {
      const moved = base.now().getTime() + offset;
      // Whole days moved across a daylight-saving change can land an hour off, on the day next door.
      for (const candidate of [moved, moved + hour, moved - hour])
        if (norwegianDateOf(new Date(candidate)) === today) return new Date(candidate);
      return new Date(moved);
    },
  };
}
