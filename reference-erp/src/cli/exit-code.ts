import type { FiksError } from '@fiks-faktura/sdk';
import { EXIT_CODES } from '@fiks-faktura/sdk/cli';
import { PAYMENT_REFUSAL_CODES } from '../ledger/post-payment.js';

/** Exit codes of `reference-erp`: 0 ok, 1 failure, 2 refused (nothing booked), 64 usage. */
export const EXIT_CODE = { ...EXIT_CODES, refused: 2 } as const;

/** The exit code of a failed command (the runner itself gives a `USAGE` failure 64). */
export function exitCodeOf(error: FiksError): number {
  if (PAYMENT_REFUSAL_CODES.includes(error.code)) return EXIT_CODE.refused;
  return EXIT_CODE.failure;
}
