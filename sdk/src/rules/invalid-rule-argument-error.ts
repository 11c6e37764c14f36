import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** Thrown when a rule function is called with an argument outside its domain (a programming error). */
export class InvalidRuleArgumentError extends FiksError<ErrorCodeOf<'InvalidRuleArgumentError'>> {
  constructor(argument: string, requirement: string, value: unknown) {
    super('INVALID_RULE_ARGUMENT', `${argument} must be ${requirement}; got ${String(value)}.`, {
      details: { argument, requirement },
    });
  }
}
