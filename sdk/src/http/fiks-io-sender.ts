import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { type ApiContext, callApi, readErrorBody } from './api-call.js';
import type { FiksIoCredentials } from './fiks-io-credentials.js';
import { createMultipartBody, type MultipartPart } from './multipart-body.js';
import { DEFAULT_TIMEOUT_MS, resolveTimeoutMs } from './progress-timeout.js';
import { type RetryOptions, retryPolicy } from './retry-policy.js';
import { SendError } from './send-error.js';
import { streamingFetch } from './streaming-fetch.js';
import { certainlyNotReached } from './unreached-failure.js';

/** A message to send. The payload is already sealed (signed ASiC-E, encrypted to the recipient). */
export interface SendRequest {
  /** Defaults to the sender's own account. */
  avsenderKontoId?: string;
  mottakerKontoId: string;
  meldingType: string;
  /** The `meldingId` this message answers. */
  svarPaMelding?: string;
  /** Time to live in ms; default 2 days like the .NET client. */
  ttlMs?: number;
  /** Reused when the same logical message is resent; generated when absent (so retries are recognisable). */
  klientMeldingId?: string;
  /** Follows the whole dialogue. */
  klientKorrelasjonsId?: string;
  /** Custom headers, delivered as `egendefinert-header.<key>`. */
  headere?: Record<string, string>;
  /**
   * Sealed payload bytes, a stream of them, or a function that opens the stream afresh (which lets
   * a request that never reached Fiks IO be repeated). A plain `Readable` is sent once, without retries.
   */
  payload?: Uint8Array | Readable | (() => Readable);
  /** Byte length of a stream payload, sent as part of Content-Length when known. */
  payloadLength?: number;
}

/** Fiks IO's answer to an accepted message. */
export interface SendtMelding {
  meldingId: string;
  meldingType: string;
  avsenderKontoId: string;
  mottakerKontoId: string;
  ttl: number;
  dokumentlagerId: string | null;
  svarPaMelding: string | null;
  headere: Record<string, string>;
  klientMeldingId: string | undefined;
  klientKorrelasjonsId: string | undefined;
  /**
   * HTTP requests the send took, all with the same `klientMeldingId`: 1, unless a request that
   * certainly never reached Fiks IO (connection refused, name not resolved) or a 401 with an
   * expired token was repeated. Set by {@link FiksIoSender}; absent from connections without HTTP.
   */
  attempts?: number;
}

/** Settings of a `FiksIoSender`. */
export interface FiksIoSenderOptions {
  apiUrl: string;
  /** The own account, the default `avsenderKontoId`. */
  kontoId: string;
  credentials: FiksIoCredentials;
  /** Default: `node:http(s)` with backpressure on the upload (see `streamingFetch`). */
  fetch?: typeof fetch;
  /**
   * How often and how patiently a send is repeated when its request certainly never reached Fiks
   * IO (connection refused, name not resolved): never a duplicate. Never for a one-shot `Readable`.
   */
  retry?: RetryOptions;
  /**
   * Opt-in: also repeat a send after a network error that may have happened after Fiks IO
   * received it, and after 502/503/504. Fiks IO may then have accepted an earlier attempt, so the
   * recipient can get the message twice (with two `meldingId`s, one `klientMeldingId`); use it
   * only when the recipient recognises duplicates by `klientMeldingId`. Default false, like KS's
   * clients, which never repeat a send.
   */
  retryUncertainFailures?: boolean;
  /**
   * An attempt fails with `SEND_NETWORK_ERROR` (`reachedFiksIo` true, so never repeated as if
   * unsent) when it makes no progress for this many ms: no chunk of the upload taken and no
   * answer. Counted from the last progress, so a large upload that keeps moving is not cut short.
   * Default {@link DEFAULT_TIMEOUT_MS} (100 s, like KS's clients).
   */
  timeoutMs?: number;
  /** Injected for tests: klientMeldingId and part filenames. */
  randomUUID?: () => string;
}

/** Default ttl: 2 days, like the .NET client. */
export const DEFAULT_TTL_MS = 2 * 24 * 60 * 60 * 1000;
export const SEND_PATH = '/fiks-io/api/v1/send';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(message: string, field: string): SendError {
  return new SendError('SEND_REQUEST_INVALID', message, { details: { field } });
}

function mergeHeader(headere: Record<string, string>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const existing = headere[key];
  if (existing !== undefined && existing !== value)
    throw new SendError(
      'HEADER_CONFLICT',
      `${key} is given both as a property (${value}) and in headere (${existing}); give it once or make them equal`,
      { details: { header: key } },
    );
  headere[key] = value;
}

function statusError(status: number, body: unknown, mottakerKontoId: string, attempts: number): SendError {
  const options = { status, body, details: { mottakerKontoId, attempts } };
  if (status === 401)
    return new SendError(
      'SEND_UNAUTHORIZED',
      `Fiks IO refused the credentials (401): check the Maskinporten client, integrasjonId and integrasjonPassord`,
      options,
    );
  if (status === 403)
    return new SendError(
      'SEND_FORBIDDEN',
      `Fiks IO forbids this send (403): check that the integration may use the sending account and the account may send to ${mottakerKontoId}`,
      options,
    );
  if (status === 404)
    return new SendError(
      'SEND_NOT_FOUND',
      `Fiks IO answered 404: the receiving account ${mottakerKontoId} or the message being answered was not found`,
      options,
    );
  if (status >= 400 && status < 500)
    return new SendError(
      'SEND_REJECTED',
      `Fiks IO rejected the message with ${status}; see the error body`,
      options,
    );
  if (status >= 500)
    return new SendError(
      'SEND_SERVER_ERROR',
      `Fiks IO failed with ${status}; the message was not accepted, try again later`,
      options,
    );
  return new SendError(
    'SEND_UNEXPECTED_STATUS',
    `Fiks IO answered ${status} instead of 202 Accepted; the message is not known to be accepted`,
    options,
  );
}

function parseSendtMelding(data: unknown): SendtMelding | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const d = data as Record<string, unknown>;
  const str = (key: string) => (typeof d[key] === 'string' ? (d[key] as string) : undefined);
  const meldingId = str('meldingId');
  if (meldingId === undefined) return undefined;
  const headere: Record<string, string> = {};
  if (typeof d['headere'] === 'object' && d['headere'] !== null)
    for (const [k, v] of Object.entries(d['headere'] as Record<string, unknown>))
      if (typeof v === 'string') headere[k] = v;
  return {
    meldingId,
    meldingType: str('meldingType') ?? '',
    avsenderKontoId: str('avsenderKontoId') ?? '',
    mottakerKontoId: str('mottakerKontoId') ?? '',
    ttl: typeof d['ttl'] === 'number' ? d['ttl'] : 0,
    dokumentlagerId: str('dokumentlagerId') ?? null,
    svarPaMelding: str('svarPaMelding') ?? null,
    headere,
    klientMeldingId: headere['klientMeldingId'],
    klientKorrelasjonsId: headere['klientKorrelasjonsId'],
  };
}

/**
 * Sends messages with `POST {api}/fiks-io/api/v1/send` (multipart: `metadata` JSON and an
 * optional `data` payload, streamed). Only 202 counts as success; everything else is a
 * `SendError`. A send is never duplicated: it is repeated only when its request certainly never
 * reached Fiks IO (and after a 401, which Fiks IO refused), each time with the same
 * `klientMeldingId`; `attempts` in the result (and in an error's details) counts the requests.
 * `retryUncertainFailures` opts in to repeating after other network errors and 502/503/504.
 */
export class FiksIoSender {
  readonly #options: FiksIoSenderOptions;
  readonly #context: ApiContext;
  readonly #uuid: () => string;

  constructor(options: FiksIoSenderOptions) {
    this.#options = options;
    this.#uuid = options.randomUUID ?? randomUUID;
    this.#context = {
      apiUrl: options.apiUrl,
      credentials: options.credentials,
      fetch: options.fetch ?? streamingFetch,
      retry: retryPolicy(options.retry),
      timeoutMs: resolveTimeoutMs(options.timeoutMs),
    };
  }

  /** Seals and sends one message, repeating the request only when it certainly never reached Fiks IO. */
  async send(request: SendRequest): Promise<SendtMelding> {
    const avsenderKontoId = request.avsenderKontoId ?? this.#options.kontoId;
    if (!UUID.test(avsenderKontoId)) throw invalid('avsenderKontoId must be a UUID', 'avsenderKontoId');
    if (typeof request.mottakerKontoId !== 'string' || !UUID.test(request.mottakerKontoId))
      throw invalid('mottakerKontoId must be a UUID', 'mottakerKontoId');
    if (typeof request.meldingType !== 'string' || request.meldingType.trim() === '')
      throw invalid('meldingType is required', 'meldingType');
    if (request.svarPaMelding !== undefined && !UUID.test(request.svarPaMelding))
      throw invalid('svarPaMelding must be the UUID of the message being answered', 'svarPaMelding');
    const ttl = request.ttlMs ?? DEFAULT_TTL_MS;
    if (!Number.isSafeInteger(ttl) || ttl < 1000)
      throw invalid('ttlMs must be an integer of at least 1000', 'ttlMs');
    const headere: Record<string, string> = { ...request.headere };
    mergeHeader(headere, 'klientMeldingId', request.klientMeldingId);
    mergeHeader(headere, 'klientKorrelasjonsId', request.klientKorrelasjonsId);
    headere['klientMeldingId'] ??= this.#uuid();
    const metadata = JSON.stringify({
      avsenderKontoId,
      mottakerKontoId: request.mottakerKontoId,
      meldingType: request.meldingType,
      svarPaMelding: request.svarPaMelding ?? null,
      ttl,
      headere,
    });
    const payload = request.payload;
    const replayable = !(payload instanceof Readable);
    const filename = this.#uuid();
    const klientMeldingId = headere['klientMeldingId'];
    const { response, sentHeaders, attempts } = await callApi(this.#context, {
      method: 'POST',
      path: SEND_PATH,
      authenticated: true,
      retry: !replayable
        ? 'none'
        : this.#options.retryUncertainFailures === true
          ? 'repeatable'
          : 'unreached',
      networkError: (cause, attempts) => {
        const reason = (cause as Error)?.message ?? 'network error';
        const reachedFiksIo = !certainlyNotReached(cause);
        return new SendError(
          'SEND_NETWORK_ERROR',
          reachedFiksIo
            ? `The send to Fiks IO at ${this.#options.apiUrl} failed (${reason}) after ${attempts} attempt(s); Fiks IO may have accepted it, so resend only with the same klientMeldingId ${klientMeldingId}`
            : `Fiks IO at ${this.#options.apiUrl} could not be reached (${reason}) after ${attempts} attempt(s); the message was not sent`,
          { cause, details: { klientMeldingId, attempts, reachedFiksIo } },
        );
      },
      init: () => {
        const parts: MultipartPart[] = [
          { name: 'metadata', contentType: 'application/json', content: metadata },
        ];
        if (payload !== undefined) {
          const content = typeof payload === 'function' ? payload() : payload;
          parts.push({
            name: 'data',
            contentType: 'application/octet-stream',
            filename,
            content,
            ...(request.payloadLength === undefined ? {} : { length: request.payloadLength }),
          });
        }
        const body = createMultipartBody(parts);
        return {
          headers: {
            'Content-Type': body.contentType,
            Accept: 'application/json',
            ...(body.contentLength === undefined ? {} : { 'Content-Length': String(body.contentLength) }),
          },
          body: body.stream,
          duplex: 'half',
        };
      },
    });
    if (response.status !== 202)
      throw statusError(
        response.status,
        await readErrorBody(response, sentHeaders),
        request.mottakerKontoId,
        attempts,
      );
    const text = await response.text();
    let parsed: SendtMelding | undefined;
    try {
      parsed = parseSendtMelding(JSON.parse(text));
    } catch {
      parsed = undefined;
    }
    if (parsed === undefined)
      throw new SendError(
        'SEND_RESPONSE_INVALID',
        `Fiks IO accepted the message (202) but its answer has no meldingId; klientMeldingId ${klientMeldingId} identifies it`,
        { status: 202, details: { klientMeldingId, attempts } },
      );
    return { ...parsed, attempts };
  }
}
