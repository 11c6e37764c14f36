import { FiksError } from '@fiks-faktura/sdk';

/** The stable codes of {@link ReportError}. */
export type ReportErrorCode =
  /** The expected-failures file is unreadable, not JSON, or does not match `expected-failures.schema.json`. */
  | 'EXPECTED_FAILURES_INVALID'
  /** A report file could not be written (nothing partial is left behind). */
  | 'REPORT_WRITE_FAILED';

/** Every error of the reports: the message names the file, and the field where one is at fault. */
export class ReportError extends FiksError<ReportErrorCode> {}
