// What a test compares when it only cares how an operation ended.
import { isFiksError } from '../../src/errors/fiks-error.js';

/** 'OK' when `run` resolves, the error code when it rejects with a FiksError; other exceptions propagate. */
export async function errorCodeOf(run: () => Promise<unknown>): Promise<string> {
  try {
    await run();
    return 'OK';
  } catch (error) {
    if (isFiksError(error)) return error.code;
    throw error;
  }
}
