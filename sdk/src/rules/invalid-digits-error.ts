import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** Thrown when a check-digit function is given something other than the digit string it needs. */
export class InvalidDigitsError extends FiksError<ErrorCodeOf<'InvalidDigitsError'>> {
  constructor(what: string, expected: string, actualLength: number) {
    super(
      'INVALID_DIGITS',
      `${what} must be ${expected}; got a value of length ${actualLength}. Pass digits 0-9 only, without spaces or separators.`,
      { details: { what, expected, actualLength } },
    );
  }
}
