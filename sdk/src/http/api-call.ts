import type { FiksError } from '../errors/fiks-error.js';
import type { FiksIoCredentials } from './fiks-io-credentials.js';
import type { RetryPolicy } from './retry-policy.js';

/** What every Fiks IO HTTP call needs: the API base, the credentials, `fetch` and a retry policy. */
export interface ApiContext {
  apiUrl: string;
  credentials: FiksIoCredentials;
  fetch: typeof fetch;
  retry: RetryPolicy;
}

/** One request; `init` is called per attempt so a body can be built afresh. */
export interface ApiCall {
  method: string;
  path: string;
  /** Send the bearer token and integration headers. */
  authenticated: boolean;
  init?: () => { headers?: Record<string, string>; body?: RequestInit['body']; duplex?: 'half' };
  /** The request is safe to repeat and its body can be rebuilt: network errors, 502/503/504 and one 401 are retried. */
  retriable: boolean;
  /** Builds the error thrown when the network fails on the last attempt. */
  networkError: (cause: unknown) => FiksError;
}

/** The final response and the headers it was requested with (to scrub secrets from error bodies). */
export interface ApiResponse {
  response: Response;
  sentHeaders: Record<string, string>;
}

const RETRIABLE_STATUS = new Set([502, 503, 504]);

/** `apiUrl` + `path`, with exactly one slash between them. */
export function apiUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}

/**
 * Performs a call: retries network errors and 502/503/504 when `retriable`, and after a 401 on
 * an authenticated call drops the cached token and tries once more with a fresh one (when the body
 * can be rebuilt). Returns the last response whatever its status.
 */
export async function callApi(context: ApiContext, call: ApiCall): Promise<ApiResponse> {
  let refreshedToken = false;
  for (let retry = 0; ; retry++) {
    const init = call.init?.() ?? {};
    const sentHeaders = {
      ...(call.authenticated ? await context.credentials.headers() : {}),
      ...init.headers,
    };
    let response: Response;
    try {
      response = await context.fetch(apiUrl(context.apiUrl, call.path), {
        method: call.method,
        headers: sentHeaders,
        ...(init.body === undefined ? {} : { body: init.body }),
        ...(init.duplex === undefined ? {} : { duplex: init.duplex }),
      } as RequestInit);
    } catch (cause) {
      if (!call.retriable || retry >= context.retry.maxRetries) throw call.networkError(cause);
      await context.retry.sleep(context.retry.delayMs(retry + 1));
      continue;
    }
    if (response.status === 401 && call.authenticated) context.credentials.invalidateToken();
    if (response.status === 401 && call.authenticated && !refreshedToken && call.retriable) {
      refreshedToken = true;
      void response.body?.cancel().catch(() => undefined);
      retry--;
      continue;
    }
    if (RETRIABLE_STATUS.has(response.status) && call.retriable && retry < context.retry.maxRetries) {
      void response.body?.cancel().catch(() => undefined);
      await context.retry.sleep(context.retry.delayMs(retry + 1));
      continue;
    }
    return { response, sentHeaders };
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
