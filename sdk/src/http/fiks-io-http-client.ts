import type { KeyObject } from 'node:crypto';
import { Readable } from 'node:stream';
import { keyMatchesCertificate, readCertificate } from '../crypto/key-material.js';
import { type ApiContext, type ApiResponse, callApi, readErrorBody } from './api-call.js';
import { FiksHttpError } from './fiks-http-error.js';
import type { FiksIoCredentials } from './fiks-io-credentials.js';
import {
  type KatalogKonto,
  type KontoStatus,
  type OffentligNokkel,
  offentligNokkelFields,
  parseKatalogKonto,
  parseKontoStatus,
} from './katalog-models.js';
import { chunksWithin, DEFAULT_TIMEOUT_MS, resolveTimeoutMs } from './progress-timeout.js';
import { type RetryOptions, retryPolicy } from './retry-policy.js';

/** Settings of a `FiksIoHttpClient`. */
export interface FiksIoHttpClientOptions {
  apiUrl: string;
  credentials: FiksIoCredentials;
  /** The own account (for `verifyOwnKeyMatchesCatalog`). */
  kontoId: string;
  /** The own account's private keys, newest first (for `verifyOwnKeyMatchesCatalog`). */
  privateKeys?: KeyObject[];
  fetch?: typeof fetch;
  /** Retries of network errors and 502/503/504 (all calls here are safe to repeat). */
  retry?: RetryOptions;
  /**
   * An attempt that gets no answer for this many ms fails as a network error (and is retried like
   * one). Default {@link DEFAULT_TIMEOUT_MS} (100 s).
   */
  timeoutMs?: number;
}

/** Whether the catalog's public key of the own account belongs to one of its private keys. */
export type KeyCheckResult =
  | {
      status: 'match' /** Index in `privateKeys` of the matching key (0 = newest). */;
      keyIndex: number;
      offentligNokkel: OffentligNokkel;
    }
  | { status: 'mismatch'; offentligNokkel: OffentligNokkel }
  | { status: 'no-public-key' };

const KATALOG = '/fiks-io/katalog/api/v1/kontoer';
const KONTO = '/fiks-io/konto/api/v1/kontoer';
const DOKUMENTLAGER = '/dokumentlager/nedlasting';

function segment(value: string): string {
  return encodeURIComponent(value);
}

/** Catalog (katalog), account (konto) and Dokumentlager calls of the Fiks IO REST API. */
export class FiksIoHttpClient {
  readonly #options: FiksIoHttpClientOptions;
  readonly #context: ApiContext;

  constructor(options: FiksIoHttpClientOptions) {
    this.#options = options;
    this.#context = {
      apiUrl: options.apiUrl,
      credentials: options.credentials,
      fetch: options.fetch ?? globalThis.fetch,
      retry: retryPolicy(options.retry),
      timeoutMs: resolveTimeoutMs(options.timeoutMs),
    };
  }

  /** `GET /fiks-io/katalog/api/v1/kontoer/{id}` (authenticated); null when the account is unknown (404). */
  async getKonto(kontoId: string): Promise<KatalogKonto | null> {
    const result = await this.#call('getKonto', 'GET', `${KATALOG}/${segment(kontoId)}`, true);
    if (result.response.status === 404) return null;
    await this.#expectOk('getKonto', result);
    const konto = parseKatalogKonto(await this.#json('getKonto', result.response));
    if (konto === undefined) throw this.#invalid('getKonto', 'an account without kontoId');
    return konto;
  }

  /** `GET /fiks-io/katalog/api/v1/kontoer/{id}/status` (authenticated); null when the account is unknown (404). */
  async getKontoStatus(kontoId: string): Promise<KontoStatus | null> {
    const result = await this.#call('getKontoStatus', 'GET', `${KATALOG}/${segment(kontoId)}/status`, true);
    if (result.response.status === 404) return null;
    await this.#expectOk('getKontoStatus', result);
    const status = parseKontoStatus(await this.#json('getKontoStatus', result.response));
    if (status === undefined) throw this.#invalid('getKontoStatus', 'no status object');
    return status;
  }

  /**
   * `GET /fiks-io/katalog/api/v1/kontoer/{id}/offentligNokkel`, unauthenticated like KS's clients.
   * 404 → `PUBLIC_KEY_NOT_FOUND`; a key that is not a certificate → `PUBLIC_KEY_INVALID`.
   */
  async getOffentligNokkel(kontoId: string): Promise<OffentligNokkel> {
    const result = await this.#call(
      'getOffentligNokkel',
      'GET',
      `${KATALOG}/${segment(kontoId)}/offentligNokkel`,
      false,
    );
    if (result.response.status === 404)
      throw new FiksHttpError(
        'PUBLIC_KEY_NOT_FOUND',
        `Account ${kontoId} has no public key in the Fiks IO catalog (or does not exist); messages cannot be encrypted to it`,
        { status: 404, body: await readErrorBody(result.response, result.sentHeaders), details: { kontoId } },
      );
    await this.#expectOk('getOffentligNokkel', result);
    const fields = offentligNokkelFields(await this.#json('getOffentligNokkel', result.response));
    if (fields === undefined) throw this.#invalid('getOffentligNokkel', 'no nokkel field');
    try {
      return { ...fields, certificate: readCertificate(fields.nokkel) };
    } catch (cause) {
      throw new FiksHttpError(
        'PUBLIC_KEY_INVALID',
        `The catalog's public key of account ${kontoId} is not an X.509 certificate`,
        {
          cause,
          details: { kontoId },
        },
      );
    }
  }

  /**
   * `PUT /fiks-io/konto/api/v1/kontoer/{id}/offentligNokkel` with `{"pem": …}` (the account needs
   * API-based configuration). Returns the stored key when the server echoes it.
   */
  async uploadOffentligNokkel(kontoId: string, certificatePem: string): Promise<OffentligNokkel | undefined> {
    const body = JSON.stringify({ pem: certificatePem });
    const result = await this.#call(
      'uploadOffentligNokkel',
      'PUT',
      `${KONTO}/${segment(kontoId)}/offentligNokkel`,
      true,
      {
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
      },
    );
    await this.#expectOk('uploadOffentligNokkel', result);
    const text = await result.response.text();
    try {
      const fields = offentligNokkelFields(JSON.parse(text));
      return fields === undefined ? undefined : { ...fields, certificate: readCertificate(fields.nokkel) };
    } catch {
      return undefined;
    }
  }

  /**
   * Checks that the catalog's certificate of the own account belongs to one of the configured
   * private keys (compares the public keys), so that messages sent to it can be decrypted.
   */
  async verifyOwnKeyMatchesCatalog(): Promise<KeyCheckResult> {
    let offentligNokkel: OffentligNokkel;
    try {
      offentligNokkel = await this.getOffentligNokkel(this.#options.kontoId);
    } catch (error) {
      if (error instanceof FiksHttpError && error.code === 'PUBLIC_KEY_NOT_FOUND')
        return { status: 'no-public-key' };
      throw error;
    }
    const keyIndex = (this.#options.privateKeys ?? []).findIndex((key) =>
      keyMatchesCertificate(key, offentligNokkel.certificate),
    );
    return keyIndex < 0
      ? { status: 'mismatch', offentligNokkel }
      : { status: 'match', keyIndex, offentligNokkel };
  }

  /**
   * The (still encrypted) payload kept in Dokumentlager, `GET /dokumentlager/nedlasting/{id}` with
   * the three auth headers. Lazy: the request starts when the stream is first read. The stream
   * fails with `DOKUMENTLAGER_NOT_FOUND` (404) or `DOKUMENTLAGER_EMPTY` (no bytes).
   */
  downloadDokumentlager(dokumentlagerId: string): Readable {
    const client = this;
    async function* chunks(): AsyncGenerator<Buffer> {
      const result = await client.#call(
        'downloadDokumentlager',
        'GET',
        `${DOKUMENTLAGER}/${segment(dokumentlagerId)}`,
        true,
      );
      const { response } = result;
      if (response.status === 404)
        throw new FiksHttpError(
          'DOKUMENTLAGER_NOT_FOUND',
          `Dokumentlager has no file ${dokumentlagerId} (expired or never stored)`,
          {
            status: 404,
            body: await readErrorBody(response, result.sentHeaders),
            details: { dokumentlagerId },
          },
        );
      await client.#expectOk('downloadDokumentlager', result);
      const empty = () =>
        new FiksHttpError(
          'DOKUMENTLAGER_EMPTY',
          `Dokumentlager returned an empty body for ${dokumentlagerId}`,
          {
            status: response.status,
            details: { dokumentlagerId },
          },
        );
      if (response.headers.get('content-length') === '0' || response.body === null) {
        void response.body?.cancel().catch(() => undefined);
        throw empty();
      }
      let seen = 0;
      try {
        for await (const chunk of chunksWithin(response.body, client.#context.timeoutMs)) {
          seen += chunk.byteLength;
          yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        }
      } catch (cause) {
        throw new FiksHttpError(
          'HTTP_NETWORK_ERROR',
          `downloadDokumentlager: the download of ${dokumentlagerId} broke off after ${seen} bytes (${(cause as Error)?.message ?? 'network error'})`,
          { cause, details: { dokumentlagerId, receivedBytes: seen } },
        );
      }
      if (seen === 0) throw empty();
    }
    return Readable.from(chunks(), { objectMode: false });
  }

  #call(
    operation: string,
    method: string,
    path: string,
    authenticated: boolean,
    init?: { headers: Record<string, string>; body: string },
  ): Promise<ApiResponse> {
    return callApi(this.#context, {
      method,
      path,
      authenticated,
      retry: 'repeatable',
      init: () => init ?? { headers: { Accept: 'application/json' } },
      networkError: (cause) =>
        new FiksHttpError(
          'HTTP_NETWORK_ERROR',
          `${operation}: Fiks IO at ${this.#options.apiUrl} could not be reached (${(cause as Error)?.message ?? 'network error'})`,
          { cause },
        ),
    });
  }

  async #expectOk(operation: string, { response, sentHeaders }: ApiResponse): Promise<void> {
    if (response.ok) return;
    const body = await readErrorBody(response, sentHeaders);
    const status = response.status;
    if (status === 401)
      throw new FiksHttpError('HTTP_UNAUTHORIZED', `${operation}: Fiks IO refused the credentials (401)`, {
        status,
        body,
      });
    if (status === 403)
      throw new FiksHttpError(
        'HTTP_FORBIDDEN',
        `${operation}: the integration may not access this account (403)`,
        {
          status,
          body,
        },
      );
    throw new FiksHttpError('HTTP_UNEXPECTED_STATUS', `${operation}: Fiks IO answered ${status}`, {
      status,
      body,
    });
  }

  async #json(operation: string, response: Response): Promise<unknown> {
    try {
      return await response.json();
    } catch (cause) {
      throw new FiksHttpError(
        'HTTP_RESPONSE_INVALID',
        `${operation}: Fiks IO answered ${response.status} without JSON`,
        {
          status: response.status,
          cause,
        },
      );
    }
  }

  #invalid(operation: string, what: string): FiksHttpError {
    return new FiksHttpError('HTTP_RESPONSE_INVALID', `${operation}: Fiks IO answered with ${what}`);
  }
}
