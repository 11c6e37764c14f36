import type { SdkErrorCode } from './error-catalogue.js';

/** What an error may carry besides its code and message. */
export interface FiksErrorOptions {
  cause?: unknown;
  details?: Record<string, unknown>;
}

/**
 * The base of every error the toolkit throws on purpose. `code` is stable (tests, CLIs and
 * reports rely on it); `message` is actionable and never contains secrets; `details` carries
 * structured, secret-free context (for example validator output). `Code` is the union of codes an
 * error may carry: each SDK subclass names its own from the error catalogue
 * (`class ConfigError extends FiksError<ConfigErrorCode> {}`), other packages name theirs.
 * To read `code` of a caught value, narrow with {@link isFiksError}: `instanceof FiksError`
 * narrows to `FiksError<any>`, which leaves `code` untyped.
 */
export class FiksError<Code extends string = string> extends Error {
  readonly code: Code;
  readonly details: Readonly<Record<string, unknown>> | undefined;

  constructor(code: Code, message: string, options: FiksErrorOptions = {}) {
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
): value is FiksError<Code>;
export function isFiksError(value: unknown, code?: string): value is FiksError {
  return value instanceof FiksError && (code === undefined || value.code === code);
}
