import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

/** The stable codes of {@link FiksHttpError} (listed with their meaning in the error catalogue). */
export type FiksHttpErrorCode = ErrorCodeOf<'FiksHttpError'>;

/**
 * A Fiks IO HTTP call (katalog, konto, dokumentlager) failed. `status` is the HTTP status (absent
 * for network errors); `body` the server's error body (parsed JSON when it is JSON), with any
 * token or password the request carried scrubbed out. {@link SendError} narrows `Code` to the send codes.
 */
export class FiksHttpError<Code extends string = FiksHttpErrorCode> extends FiksError<Code> {
  readonly status: number | undefined;
  readonly body: unknown;

  constructor(
    code: Code,
    message: string,
    options: { status?: number; body?: unknown; cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, {
      ...(options.cause === undefined ? {} : { cause: options.cause }),
      details: {
        ...options.details,
        ...(options.status === undefined ? {} : { status: options.status }),
        ...(options.body === undefined ? {} : { body: options.body }),
      },
    });
    this.status = options.status;
    this.body = options.body;
  }
}
