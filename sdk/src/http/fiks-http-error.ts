import { FiksError } from '../errors/fiks-error.js';

/**
 * A Fiks IO HTTP call (katalog, konto, dokumentlager) failed. `status` is the HTTP status (absent
 * for network errors); `body` the server's error body (parsed JSON when it is JSON), with any
 * token or password the request carried scrubbed out. Codes: `HTTP_UNAUTHORIZED` (401),
 * `HTTP_FORBIDDEN` (403), `HTTP_UNEXPECTED_STATUS`, `HTTP_NETWORK_ERROR`, `HTTP_RESPONSE_INVALID`,
 * `PUBLIC_KEY_NOT_FOUND`, `PUBLIC_KEY_INVALID`, `DOKUMENTLAGER_NOT_FOUND`, `DOKUMENTLAGER_EMPTY`.
 */
export class FiksHttpError extends FiksError {
  readonly status: number | undefined;
  readonly body: unknown;

  constructor(
    code: string,
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
