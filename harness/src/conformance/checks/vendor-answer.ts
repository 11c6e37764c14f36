import type { RecordedExchange, RecordedReply } from '../model/recorded-exchange.js';

/**
 * The vendor's answer to a step's request: the first reply, unless Fiks IO itself sent it
 * (`tidsavbrudd`, `serverfeil`), in which case the vendor did not answer at all.
 */
export function vendorAnswer(exchange: RecordedExchange): RecordedReply | undefined {
  const first = exchange.replies[0];
  return first === undefined || first.platformMessage !== undefined ? undefined : first;
}

/** The parsed JSON payload of a reply, when it was opened and read. */
export function answerPayload(reply: RecordedReply | undefined): { payload: unknown } | undefined {
  const opened = reply?.opened;
  return opened?.ok === true && opened.payload !== undefined ? { payload: opened.payload } : undefined;
}

/** The value at `key` of `value` when it is a plain object. */
export function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

/** The value at a chain of object keys. */
export function fieldAt(value: unknown, ...keys: string[]): unknown {
  return keys.reduce<unknown>((current, key) => field(current, key), value);
}

/** A value for a message: JSON, or `nothing` for undefined. */
export function shown(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}
