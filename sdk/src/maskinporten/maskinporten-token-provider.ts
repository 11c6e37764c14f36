import type { KeyObject, X509Certificate } from 'node:crypto';
import { type RetryOptions, retryPolicy } from '../http/retry-policy.js';
import type { AccessTokenProvider } from './access-token-provider.js';
import { createJwtGrant } from './jwt-grant.js';
import { MaskinportenError } from './maskinporten-error.js';

/** Settings of a `MaskinportenTokenProvider`. */
export interface MaskinportenTokenProviderOptions {
  tokenUrl: string;
  audience: string;
  clientId: string;
  /** The enterprise certificate (`x5c`); absent for a client registered with a key (`keyId` then required). */
  certificate?: X509Certificate;
  privateKey: KeyObject;
  /** `kid` of the grant's header: the registered key's id, or beside a certificate optionally. */
  keyId?: string;
  /** Default `ks:fiks`, the only scope Fiks IO needs. */
  scope?: string;
  /** Refresh when fewer than this many ms of the token's lifetime remain; default 10 000. */
  refreshMarginMs?: number;
  /** Retries for 5xx and network errors (never for 4xx). */
  retry?: RetryOptions;
  fetch?: typeof fetch;
  /** Milliseconds since the epoch; default `Date.now`. */
  clock?: () => number;
}

/** A Maskinporten token response (`expiresAt` computed from `expires_in` and the clock). */
export interface MaskinportenToken {
  accessToken: string;
  expiresAt: number;
  scope: string | undefined;
  tokenType: string | undefined;
}

const GRANT_TYPE = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

function oauthError(body: string): { error?: string; errorDescription?: string } {
  try {
    const parsed = JSON.parse(body) as { error?: unknown; error_description?: unknown };
    return {
      ...(typeof parsed.error === 'string' ? { error: parsed.error } : {}),
      ...(typeof parsed.error_description === 'string' ? { errorDescription: parsed.error_description } : {}),
    };
  } catch {
    return {};
  }
}

/**
 * Fetches Maskinporten access tokens with the JWT-bearer grant and caches them: a token is reused
 * until fewer than `refreshMarginMs` of its lifetime remain, and concurrent callers share one
 * in-flight request. 5xx and network failures are retried with backoff; 4xx is not.
 */
export class MaskinportenTokenProvider implements AccessTokenProvider {
  readonly #options: MaskinportenTokenProviderOptions;
  readonly #fetch: typeof fetch;
  readonly #clock: () => number;
  #token: MaskinportenToken | undefined;
  #pending: Promise<MaskinportenToken> | undefined;

  constructor(options: MaskinportenTokenProviderOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? globalThis.fetch;
    this.#clock = options.clock ?? Date.now;
  }

  async getAccessToken(): Promise<string> {
    return (await this.getToken()).accessToken;
  }

  /** The cached token, or a fresh one when it is missing or about to expire. */
  getToken(): Promise<MaskinportenToken> {
    const margin = this.#options.refreshMarginMs ?? 10_000;
    const token = this.#token;
    if (token !== undefined && token.expiresAt - this.#clock() > margin) return Promise.resolve(token);
    if (this.#pending === undefined) {
      this.#pending = this.#fetchWithRetry().then(
        (fresh) => {
          this.#token = fresh;
          this.#pending = undefined;
          return fresh;
        },
        (error: unknown) => {
          this.#pending = undefined;
          throw error;
        },
      );
    }
    return this.#pending;
  }

  invalidate(): void {
    this.#token = undefined;
  }

  async #fetchWithRetry(): Promise<MaskinportenToken> {
    const policy = retryPolicy(this.#options.retry);
    for (let retry = 0; ; retry++) {
      try {
        return await this.#requestToken();
      } catch (error) {
        const retriable = error instanceof MaskinportenError && error.code === 'MASKINPORTEN_UNAVAILABLE';
        if (!retriable || retry >= policy.maxRetries) throw error;
        await policy.sleep(policy.delayMs(retry + 1));
      }
    }
  }

  async #requestToken(): Promise<MaskinportenToken> {
    const o = this.#options;
    const now = this.#clock();
    const assertion = createJwtGrant({
      clientId: o.clientId,
      audience: o.audience,
      scope: o.scope ?? 'ks:fiks',
      ...(o.certificate === undefined ? {} : { certificate: o.certificate }),
      privateKey: o.privateKey,
      now,
      ...(o.keyId === undefined ? {} : { keyId: o.keyId }),
    });
    let response: Response;
    let body: string;
    try {
      response = await this.#fetch(o.tokenUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' },
        body: new URLSearchParams({ grant_type: GRANT_TYPE, assertion }).toString(),
      });
      body = await response.text();
    } catch (cause) {
      throw new MaskinportenError(
        'MASKINPORTEN_UNAVAILABLE',
        `Maskinporten at ${o.tokenUrl} could not be reached (${(cause as Error).message ?? 'network error'})`,
        { details: { tokenUrl: o.tokenUrl } },
      );
    }
    if (response.status >= 500)
      throw new MaskinportenError(
        'MASKINPORTEN_UNAVAILABLE',
        `Maskinporten at ${o.tokenUrl} answered ${response.status}; try again later`,
        { details: { tokenUrl: o.tokenUrl, status: response.status } },
      );
    if (!response.ok) {
      const { error, errorDescription } = oauthError(body);
      const reason =
        error === undefined ? '' : `: ${error}${errorDescription ? ` (${errorDescription})` : ''}`;
      throw new MaskinportenError(
        'MASKINPORTEN_GRANT_REFUSED',
        `Maskinporten refused the token grant for client ${o.clientId} with ${response.status}${reason}; check the client id, scope ks:fiks, audience and enterprise certificate`,
        {
          details: {
            tokenUrl: o.tokenUrl,
            status: response.status,
            clientId: o.clientId,
            error,
            errorDescription,
          },
        },
      );
    }
    let parsed: { access_token?: unknown; expires_in?: unknown; scope?: unknown; token_type?: unknown };
    try {
      parsed = JSON.parse(body);
    } catch {
      parsed = {};
    }
    if (
      typeof parsed.access_token !== 'string' ||
      parsed.access_token === '' ||
      typeof parsed.expires_in !== 'number'
    )
      throw new MaskinportenError(
        'MASKINPORTEN_RESPONSE_INVALID',
        `Maskinporten at ${o.tokenUrl} answered ${response.status} without access_token and expires_in`,
        { details: { tokenUrl: o.tokenUrl, status: response.status } },
      );
    return {
      accessToken: parsed.access_token,
      expiresAt: now + parsed.expires_in * 1000,
      scope: typeof parsed.scope === 'string' ? parsed.scope : undefined,
      tokenType: typeof parsed.token_type === 'string' ? parsed.token_type : undefined,
    };
  }
}
