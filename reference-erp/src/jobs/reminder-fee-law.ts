/**
 * The legal ceiling of a reminder fee (purregebyr), as data with its source. The fee a creditor
 * may charge for a written reminder is a fixed fraction of the inkassosats; both figures are set
 * by the Ministry of Justice in the inkassoforskrift and change from time to time, so check
 * Finanstilsynet's published rates before relying on them and update this table (or override
 * `reminders.feeCapOere` in the configuration).
 */
export const REMINDER_FEE_LAW = {
  /** The inkassosats in øre: 700 kr, unchanged since 1 January 2017 and still in force in 2025. */
  inkassosatsOere: 70_000,
  inkassosatsKilde: 'inkassoforskriften § 1-1 (inkassosatsen); 700 kr from 2017-01-01, confirmed for 2025',
  /**
   * The reminder fee's share of the inkassosats: 1/20 since 1 October 2020, when the fee was
   * halved from 1/10 (70 kr) to 35 kr.
   */
  purregebyrAndel: { teller: 1, nevner: 20 },
  purregebyrKilde:
    'inkassoforskriften § 1-2 første ledd, as amended in force 2020-10-01 (1/20 of the inkassosats; 1/10 before)',
  /** Fees may be charged for at most two reminders (or one reminder and one inkassovarsel). */
  maksAntallGebyrer: 2,
  maksAntallGebyrerKilde: 'inkassoforskriften § 1-3 første ledd',
  /** No fee for a reminder sent earlier than 14 days after the due date. */
  tidligstDagerEtterForfall: 14,
  tidligstDagerEtterForfallKilde: 'inkassoforskriften § 1-2 første ledd',
  /** A second fee needs a payment deadline of at least 14 days in the first reminder, passed. */
  minsteDagerMellomPurringer: 14,
  minsteDagerMellomPurringerKilde: 'inkassoforskriften § 1-3 første ledd annet punktum',
} as const;

/** The largest reminder fee the law allows, in øre: the inkassosats times the fee's share (3 500). */
export const LEGAL_REMINDER_FEE_CAP_OERE = Math.floor(
  (REMINDER_FEE_LAW.inkassosatsOere * REMINDER_FEE_LAW.purregebyrAndel.teller) /
    REMINDER_FEE_LAW.purregebyrAndel.nevner,
);
