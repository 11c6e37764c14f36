import type { FiksError } from '../errors/fiks-error.js';
import type { FiksIoCredentials } from './fiks-io-credentials.js';
import { ProgressTimeout } from './progress-timeout.js';
import type { RetryPolicy } from './retry-policy.js';
import { certainlyNotReached } from './unreached-failure.js';

/** What every Fiks IO HTTP call needs: the API base, the credentials, `fetch`, a retry policy and a timeout. */
export interface ApiContext {
  apiUrl: string;
  credentials: FiksIoCredentials;
  fetch: typeof fetch;
  retry: RetryPolicy;
  /** An attempt fails when it makes no progress for this long (see {@link ProgressTimeout}). */
  timeoutMs: number;
}

/**
 * Which failures of a call are repeated. `none`: nothing. `unreached`: only a request that
 * certainly never reached the server (name not resolved, connection refused), and a 401 once with
 * a fresh token (refused, so nothing was done). `repeatable`: also any network error and
 * 502/503/504, for calls that are safe to repeat (reads) or whose caller accepts a duplicate.
 */
export type RetryScope = 'none' | 'unreached' | 'repeatable';

/** One request; `init` is called per attempt so a body can be built afresh. */
export interface ApiCall {
  method: string;
  path: string;
  /** Send the bearer token and integration headers. */
  authenticated: boolean;
  init?: () => { headers?: Record<string, string>; body?: RequestInit['body']; duplex?: 'half' };
  /** What is retried (the body must be rebuildable by `init` for anything but `none`). */
  retry: RetryScope;
  /** Builds the error thrown when the network fails on the last attempt; `attempts` counts every request made. */
  networkError: (cause: unknown, attempts: number) => FiksError;
}

/** The final response and the headers it was requested with (to scrub secrets from error bodies). */
export interface ApiResponse {
  response: Response;
  sentHeaders: Record<string, string>;
  /** Requests made, the last one included (1 when the first was answered). */
  attempts: number;
}

const RETRIABLE_STATUS = new Set([502, 503, 504]);

/** `apiUrl` + `path`, with exactly one slash between them. */
export function apiUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

function retriesNetworkError(scope: RetryScope, cause: unknown): boolean {
  if (scope === 'repeatable') return true;
  return scope === 'unreached' && certainlyNotReached(cause);
}

/**
 * `fetch` under a {@link ProgressTimeout}: aborted (and rejected with the `TimeoutError`, even by
 * a `fetch` that ignores its `signal`) when the attempt makes no progress for `timeoutMs` before
 * the answer's headers arrive.
 */
async function fetchWithTimeout(context: ApiContext, url: string, init: RequestInit): Promise<Response> {
  const timeout = new ProgressTimeout(context.timeoutMs);
  const timedOut = new Promise<never>((_, reject) =>
    timeout.signal.addEventListener('abort', () => reject(timeout.signal.reason), { once: true }),
  );
  try {
    return await Promise.race([
      context.fetch(url, {
        ...init,
        ...(init.body === undefined ? {} : { body: timeout.watch(init.body) }),
        signal: timeout.signal,
      }),
      timedOut,
    ]);
  } finally {
    timeout.stop();
  }
}

/**
 * Performs a call, retrying what `call.retry` allows (see {@link RetryScope}) up to the policy's
 * `maxRetries` with backoff; after a 401 on an authenticated call it drops the cached token and,
 * unless `retry` is `none`, tries once more with a fresh one. An attempt that makes no progress
 * for `context.timeoutMs` fails as a network error whose cause is a `TimeoutError`, which counts
 * as possibly received by the server. Returns the last response whatever its status.
 */
export async function callApi(context: ApiContext, call: ApiCall): Promise<ApiResponse> {
  let refreshedToken = false;
  let attempts = 0;
  for (let retry = 0; ; retry++) {
    attempts++;
    const init = call.init?.() ?? {};
    const sentHeaders = {
      ...(call.authenticated ? await context.credentials.headers() : {}),
      ...init.headers,
    };
    let response: Response;
    try {
      response = await fetchWithTimeout(context, apiUrl(context.apiUrl, call.path), {
        method: call.method,
        headers: sentHeaders,
        ...(init.body === undefined ? {} : { body: init.body }),
        ...(init.duplex === undefined ? {} : { duplex: init.duplex }),
      } as RequestInit);
    } catch (cause) {
      if (!retriesNetworkError(call.retry, cause) || retry >= context.retry.maxRetries)
        throw call.networkError(cause, attempts);
      await context.retry.sleep(context.retry.delayMs(retry + 1));
      continue;
    }
    if (response.status === 401 && call.authenticated) context.credentials.invalidateToken();
    if (response.status === 401 && call.authenticated && !refreshedToken && call.retry !== 'none') {
      refreshedToken = true;
      void response.body?.cancel().catch(() => undefined);
      retry--;
      continue;
    }
    if (
      RETRIABLE_STATUS.has(response.status) &&
      call.retry === 'repeatable' &&
      retry < context.retry.maxRetries
    ) {
      void response.body?.cancel().catch(() => undefined);
      await context.retry.sleep(context.retry.delayMs(retry + 1));
      continue;
    }
    return { response, sentHeaders, attempts };
  }
}

const MAX_ERROR_BODY = 64 * 1024;

/**
 * Reads an error response body (at most 64 KiB), removes any bearer token or integration password
 * the request carried, and parses it when it is JSON. Undefined for an empty body.
 */
export async function readErrorBody(
  response: Response,
  sentHeaders: Record<string, string>,
): Promise<unknown> {
  let text: string;
  try {
    text = (await response.text()).slice(0, MAX_ERROR_BODY);
  } catch {
    return undefined;
  }
  const secrets = [
    sentHeaders['Authorization']?.replace(/^Bearer /, ''),
    sentHeaders['IntegrasjonPassord'],
  ].filter((s): s is string => s !== undefined && s.length >= 4);
  for (const secret of secrets) text = text.split(secret).join('[redacted]');
  if (text === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
