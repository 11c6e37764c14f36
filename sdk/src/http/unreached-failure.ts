import { UNSUPPORTED_BODY, UNSUPPORTED_PROTOCOL } from './streaming-fetch.js';

/**
 * Error codes of a request that failed before any byte left this process: the name did not
 * resolve, the connection was refused or never established, or `streamingFetch` refused the URL's
 * protocol or the body's type before connecting. Such a request certainly did not reach the
 * server, so repeating it cannot make the server act twice.
 */
const NEVER_CONNECTED = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EAI_NONAME',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EADDRNOTAVAIL',
  'UND_ERR_CONNECT_TIMEOUT',
  UNSUPPORTED_PROTOCOL,
  UNSUPPORTED_BODY,
]);

function codeOf(error: unknown): unknown {
  return typeof error === 'object' && error !== null ? (error as { code?: unknown }).code : undefined;
}

/**
 * True when a `fetch` failure certainly happened before the request reached the server: `fetch`
 * wraps the socket error as its `cause` (an `AggregateError` when every address of the name was
 * tried, which counts only when every address failed that way). A reset, a closed socket, a
 * timeout after connecting or any unknown failure is false: the server may have received it.
 */
export function certainlyNotReached(failure: unknown): boolean {
  const seen = new Set<unknown>();
  for (let error = failure; typeof error === 'object' && error !== null; ) {
    if (seen.has(error)) return false;
    seen.add(error);
    if (error instanceof AggregateError)
      return error.errors.length > 0 && error.errors.every((e) => certainlyNotReached(e));
    const code = codeOf(error);
    if (typeof code === 'string') return NEVER_CONNECTED.has(code);
    error = (error as { cause?: unknown }).cause;
  }
  return false;
}
