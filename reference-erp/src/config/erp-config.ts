import type { CalendarDate } from '@fiks-faktura/sdk';
import { BUNDLED_LATE_INTEREST_RATES } from '../rules/late-interest-table.js';
import {
  DEFAULT_LIFECYCLE_CONFIG,
  type InnsynPublishConfig,
  type JobsConfig,
  type ReminderConfig,
} from './lifecycle-config.js';

/** A dated late-payment interest rate: valid from `fraDato` until the next entry. */
export interface LateInterestRate {
  fraDato: CalendarDate;
  rentesatsProsent: number;
}

/** The limits of payment deferral (`betalingsutsettelse`). */
export interface DeferralConfig {
  /** The new due date may be at most this many days after the original one (DATO_FOR_SEN). */
  maxDaysAfterDueDate: number;
  /** At most this many deferrals per payer within `windowMonths` (MAKS_ANTALL_UTSETTELSER). */
  maxPerPayer: number;
  /** The rolling window of `maxPerPayer`, in months back from today. */
  windowMonths: number;
  /** Rest amounts up to this (inclusive) are granted automatically; above: KREVER_MANUELL_BEHANDLING. */
  autoApprovalMaxOere: number;
  /** Rest amounts above this are never deferred (BELOEP_OVER_GRENSE); null: no such ceiling. */
  hardCeilingOere: number | null;
  /** Product types that cannot be deferred (FAKTURATYPE_IKKE_STOETTET). */
  unsupportedProductTypes: string[];
  /** The fee charged for a deferral. */
  feeOere: number;
}

/** The limits of instalment plans (`avdrag`). */
export interface InstalmentConfig {
  /** The rest amount must be at least this (BELOEP_UNDER_GRENSE). */
  minRestOere: number;
  /** At most this many instalments (FOR_MANGE_AVDRAG). */
  maxInstalments: number;
  /** Every instalment must be at least this (AVDRAG_FOR_LITE). */
  minInstalmentOere: number;
  /** The last due date may be at most this many months after today (SISTE_FORFALL_FOR_SEN). */
  lastDueDateMaxMonths: number;
  /** An instalment this many days overdue cancels the plan (stated in `vilkaar`). */
  cancelAfterDaysOverdue: number;
  /** Product types that cannot be split (FAKTURATYPE_IKKE_STOETTET). */
  unsupportedProductTypes: string[];
  /** The fee charged for a plan. */
  feeOere: number;
}

/** Routing and limits of comments (`kommentar`). */
export interface CommentConfig {
  /** At most this many comments per payer per day; more are answered `ugyldigforespoersel`. */
  maxPerPayerPerDay: number;
  /** Product type → responsible unit id. */
  routing: Record<string, string>;
  /** The unit that gets comments on product types missing from `routing`. */
  fallbackUnit: string;
  /** Categories that mark the invoice disputed and pause reminders. */
  disputingCategories: string[];
  /** Answer time in banking days, per unit id, with a default. */
  responseBankingDays: { default: number; perUnit: Record<string, number> };
}

/** Every limit of the reference ERP's decisions. */
export interface ErpConfig {
  deferral: DeferralConfig;
  instalments: InstalmentConfig;
  comments: CommentConfig;
  /** No reminder (purring) earlier than this many days after the (new) due date. */
  reminderMinDaysAfterDueDate: number;
  /**
   * Forsinkelsesrente by half-year: Norges Bank's policy rate on 1 January / 1 July + 8 percentage
   * points (forsinkelsesrenteloven § 3), each for one half-year. Default: the bundled table
   * `src/rules/forsinkelsesrente.json`, which names its source; check it before relying on it.
   */
  lateInterestRates: LateInterestRate[];
  /**
   * An answer given on a day past the rate table (each rate covers its half-year): `refuse`
   * answers `serverfeil` and audits `INTEREST_RATE_UNKNOWN`; `omitRate` grants without
   * `rentesatsProsent` (the field is optional).
   */
  lateInterestBeyondTable: 'refuse' | 'omitRate';
  /** Reminders (purring): fee, legal fee cap, number of fees, days between. */
  reminders: ReminderConfig;
  /** The scheduled lifecycle jobs and the sweep of unreleased answered decisions. */
  jobs: JobsConfig;
  /** Publishing Innsyn updates to an HTTP target. */
  innsyn: InnsynPublishConfig;
}

/**
 * The defaults: the rules of the protocol description, and unit ids of the shared fixture ledger
 * (`protocols/fixtures/ledger.json`) in the comment routing.
 */
export const DEFAULT_ERP_CONFIG: ErpConfig = {
  deferral: {
    maxDaysAfterDueDate: 30,
    maxPerPayer: 3,
    windowMonths: 6,
    autoApprovalMaxOere: 2_000_000,
    hardCeilingOere: 10_000_000,
    unsupportedProductTypes: ['SOSIALLAAN'],
    feeOere: 0,
  },
  instalments: {
    minRestOere: 100_000,
    maxInstalments: 6,
    minInstalmentOere: 30_000,
    lastDueDateMaxMonths: 6,
    cancelAfterDaysOverdue: 14,
    unsupportedProductTypes: ['SOSIALLAAN'],
    feeOere: 0,
  },
  comments: {
    maxPerPayerPerDay: 10,
    routing: {
      KOMMUNALE_AVGIFTER: 'kommunale-avgifter',
      EIENDOMSSKATT: 'kommunale-avgifter',
      BARNEHAGE: 'barnehage',
      SFO: 'sfo',
    },
    fallbackUnit: 'fakturaservice',
    disputingCategories: ['KLAGE', 'FEIL_I_FAKTURA'],
    responseBankingDays: { default: 5, perUnit: {} },
  },
  reminderMinDaysAfterDueDate: 14,
  lateInterestRates: BUNDLED_LATE_INTEREST_RATES,
  lateInterestBeyondTable: 'refuse',
  ...DEFAULT_LIFECYCLE_CONFIG,
};
