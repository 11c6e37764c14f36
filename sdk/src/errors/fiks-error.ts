/**
 * The base of every error the toolkit throws on purpose. `code` is stable (tests, CLIs and
 * reports rely on it); `message` is actionable and never contains secrets; `details` carries
 * structured, secret-free context (for example validator output).
 */
export class FiksError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(
    code: string,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/** True when `value` is a toolkit error, optionally with the given code. */
export function isFiksError(value: unknown, code?: string): value is FiksError {
  return value instanceof FiksError && (code === undefined || value.code === code);
}
