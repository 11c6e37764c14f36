import { FiksError } from '../errors/fiks-error.js';

/** A `USAGE` failure naming the flag and what it takes. */
export function badOptionValue(flag: string, value: unknown, expected: string): FiksError {
  return new FiksError('USAGE', `${flag} takes ${expected}, not ${JSON.stringify(value)}.`, {
    details: { flag },
  });
}

/**
 * A `coerce` (see OptionSpec) for a whole number from `min` to `max`: anything else is a `USAGE` failure that
 * names the flag (the parser has already refused a word that is no number).
 */
export function integerInRange(
  flag: string,
  min: number,
  max: number,
  expected = `a whole number from ${min} to ${max}`,
) {
  return (value: unknown): number => {
    const number = typeof value === 'number' ? value : Number(value);
    if (Array.isArray(value)) throw new FiksError('USAGE', `${flag} is given more than once.`);
    if (!Number.isSafeInteger(number) || number < min || number > max)
      throw badOptionValue(flag, value, expected);
    return number;
  };
}

/** A `coerce` (see OptionSpec) for a whole number of at least 1. */
export function positiveInteger(flag: string) {
  return integerInRange(flag, 1, Number.MAX_SAFE_INTEGER, 'a whole number of at least 1');
}
