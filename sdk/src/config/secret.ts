import { inspect } from 'node:util';

const REDACTED = '[redacted]';

/**
 * A secret value (integration password, keystore password, token) that never shows up in logs,
 * errors or serialised output: `JSON.stringify`, `String()` and `util.inspect` all print
 * `[redacted]`. Call `reveal()` only where the value goes onto the wire.
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** Wraps a plain string; returns an existing `Secret` unchanged. */
  static from(value: Secret | string): Secret {
    return value instanceof Secret ? value : new Secret(value);
  }

  /** The secret itself. */
  reveal(): string {
    return this.#value;
  }

  /** The redacted form, so a secret serialised to JSON never shows its value. */
  toJSON(): string {
    return REDACTED;
  }

  /** The redacted form, so a secret in a string or template never shows its value. */
  toString(): string {
    return REDACTED;
  }

  /** The redacted form, for `console.log` and `util.inspect`. */
  [inspect.custom](): string {
    return REDACTED;
  }
}
