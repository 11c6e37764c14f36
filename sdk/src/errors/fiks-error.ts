import type { SdkErrorCode } from './error-catalogue.js';

/** What an error may carry besides its code and message. */
export interface FiksErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The base of every error the toolkit throws on purpose. `code` is stable (tests, CLIs and
 * reports rely on it); `message` is actionable and never contains secrets; `details` carries
 * structured, secret-free context (for example validator output). Each SDK subclass narrows
 * `code` to its own codes from the error catalogue; other packages extend it with theirs.
 */
export class FiksError extends Error {
  readonly code: string;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: string, message: string, options: FiksErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.details = options.details;
  }

  override toString(): string {
    return `${this.name} [${this.code}]: ${this.message}`;
  }
}

/** True when `value` is a toolkit error. */
export function isFiksError(value: unknown): value is FiksError;
/**
 * True when `value` is a toolkit error with the given code. The code must be one of the SDK's
 * (see the error catalogue); for another package's codes name their union:
 * `isFiksError<SuiteErrorCode>(error, 'CASE_INVALID')`.
 */
export function isFiksError<Code extends string = SdkErrorCode>(
  value: unknown,
  code: NoInfer<Code>,
): value is FiksError & { readonly code: Code };
export function isFiksError(value: unknown, code?: string): value is FiksError {
  return value instanceof FiksError && (code === undefined || value.code === code);
}
