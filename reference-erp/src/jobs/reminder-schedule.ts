import { addDays, type CalendarDate } from '@fiks-faktura/sdk';
import type { ReminderConfig } from '../config/lifecycle-config.js';

/** What the reminder rules look at on one invoice. */
export interface ReminderState {
  dueDate: CalendarDate;
  /** The earliest day of the next reminder the ledger set (e.g. after a deferral), if any. */
  nextReminderDate: CalendarDate | null;
  /** The days the earlier reminders were sent, oldest first. */
  sentOn: readonly CalendarDate[];
}

/** A reminder to send now. */
export interface ReminderToSend {
  /** 1 for the first reminder, 2 for the second, … */
  sequence: number;
  feeOere: number;
  /** The reminder's payment deadline: `minDaysBetween` days from today. */
  payBy: CalendarDate;
}

/** The limits the schedule applies: the reminder settings and the days after the due date. */
export type ReminderRules = ReminderConfig & { minDaysAfterDueDate: number };

/**
 * Whether an unpaid, undisputed invoice gets a reminder (purring) today, within the inkasso
 * rules (see `reminder-fee-law.ts`): none earlier than `minDaysAfterDueDate` days after the due
 * date, nor before a date the ledger set; at least `minDaysBetween` days after the previous one;
 * at most `maxFees` reminders, each with a fee no higher than `feeCapOere`. Null: none today.
 */
export function reminderDue(
  state: ReminderState,
  today: CalendarDate,
  rules: ReminderRules,
): ReminderToSend | null {
  const count = state.sentOn.length;
  if (count >= rules.maxFees) return null;
  if (today < addDays(state.dueDate, rules.minDaysAfterDueDate)) return null;
  if (state.nextReminderDate !== null && today < state.nextReminderDate) return null;
  const last = state.sentOn[count - 1];
  if (last !== undefined && today < addDays(last, rules.minDaysBetween)) return null;
  return {
    sequence: count + 1,
    feeOere: Math.min(rules.feeOere, rules.feeCapOere),
    payBy: addDays(today, rules.minDaysBetween),
  };
}
