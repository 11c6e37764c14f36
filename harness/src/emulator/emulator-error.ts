import { FiksError } from '@fiks-faktura/sdk';

/**
 * An error of the Fiks IO emulator. `status` is the HTTP status the API answers with (400 invalid
 * request, 401 bad credentials, 403 not allowed, 404 unknown account or file).
 */
export class EmulatorError extends FiksError {
  readonly status: number;

  constructor(
    status: number,
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(code, message, options);
    this.status = status;
  }
}
