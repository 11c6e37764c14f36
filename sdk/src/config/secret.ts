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

  toJSON(): string {
    return REDACTED;
  }

  toString(): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}
