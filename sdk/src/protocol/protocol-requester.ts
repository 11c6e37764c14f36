import { performance } from 'node:perf_hooks';
import type { AsiceFileInput } from '../asice/asice-writer.js';
import type { FiksIoClient } from '../client/fiks-io-client.js';
import type { ReceivedMessage } from '../client/received-message.js';
import type { PayloadMap, PayloadOf, RequestType } from '../generated/registry.js';
import { jsonPayloadFile, readJsonPayload } from './json-payload.js';
import { attachToReplyRouter, detachFromReplyRouter } from './process-reply-routers.js';
import type { ProtocolCatalog } from './protocol-catalog.js';
import { ProtocolError } from './protocol-error.js';
import type { ProtocolAnswer } from './protocol-types.js';
import type { ReplyRouter, ReplyRouterUser, TrackedRequest } from './reply-router.js';
import { schemaInvalid } from './schema-problems.js';

/** Options of one request. */
export interface RequestOptions {
  /** The receiving account (the invoicing system's). */
  to: string;
  /** Default: the catalogue's `svarfristMs` (10 000 ms). */
  deadlineMs?: number;
  /** Default: the deadline (a request nobody read in time is of no use). */
  ttlMs?: number;
  klientKorrelasjonsId?: string;
  /** Files sent beside the payload file (attachments). */
  attachments?: readonly AsiceFileInput[];
  /** Validate the outgoing payload against its schema first (default true). */
  validate?: boolean;
}

/** Settings of a {@link ProtocolRequester}. */
export interface ProtocolRequesterOptions {
  /**
   * Messages acked without an answer: replies to this requester's requests after their deadline
   * (or a second reply), and messages that no process on the account claimed (see `ReplyRouter`).
   */
  onUnmatched?: (message: ReceivedMessage) => void;
  onError?: (error: Error) => void;
}

/**
 * Sends protocol requests and resolves each to its typed, validated answer: the reply whose
 * `svarPaMelding` is the request's `meldingId`, of a type the catalogue allows, with a payload its
 * schema accepts. Rejects with `DEADLINE_EXCEEDED` when no answer came in time, with
 * `PLATFORM_TIMEOUT` / `PLATFORM_DELIVERY_FAILED` when Fiks IO reports the request expired or
 * undeliverable, and with `REPLY_TYPE_NOT_ALLOWED`, `SCHEMA_INVALID` or the opening error's code
 * when the answer is not acceptable.
 *
 * Every requester on one account in a process shares one consumer of the account's queue (a
 * process-wide `ReplyRouter`), which routes each reply to its request and hands whatever no request
 * here waits for back to the queue at once, for the other processes on the account. Fiks IO gives
 * up on a message after three deliveries without an ack, so a reply that lands on other processes
 * three times before its own is lost: requesters on one account are best kept in one process,
 * where any number of concurrent requests share the consumer.
 */
export class ProtocolRequester {
  readonly #client: FiksIoClient;
  readonly #catalog: ProtocolCatalog;
  readonly #user: ReplyRouterUser;
  #router: ReplyRouter | undefined;

  constructor(client: FiksIoClient, catalog: ProtocolCatalog, options: ProtocolRequesterOptions = {}) {
    this.#client = client;
    this.#catalog = catalog;
    this.#user = {
      client,
      ...(options.onUnmatched === undefined ? {} : { onUnmatched: options.onUnmatched }),
      ...(options.onError === undefined ? {} : { onError: options.onError }),
    };
  }

  /** Joins (or starts) this process's consumer of the own account's queue, where the answers arrive. */
  async start(): Promise<void> {
    if (this.#router !== undefined) return;
    this.#router = await attachToReplyRouter(this.#user);
  }

  /** Sends `payload` as a `meldingType` request and waits for its answer. */
  async request<T extends RequestType>(
    meldingType: T,
    payload: PayloadOf<T & keyof PayloadMap>,
    options: RequestOptions,
  ): Promise<ProtocolAnswer<T>> {
    const router = this.#router;
    if (router === undefined)
      throw new ProtocolError(
        'REQUESTER_NOT_STARTED',
        'Call start() before request(): answers arrive on the own queue',
      );
    const entry = this.#catalog.require(meldingType);
    if (entry.kind !== 'request')
      throw new ProtocolError('NOT_A_REQUEST', `${meldingType} is a reply type, not a request`, {
        details: { meldingType },
      });
    if (options.validate !== false) {
      const validation = this.#catalog.validate(meldingType, payload);
      if (!validation.valid)
        throw schemaInvalid(`The ${meldingType} payload`, payload, validation.errors, { meldingType });
    }
    const deadlineMs = options.deadlineMs ?? entry.deadlineMs ?? 10_000;
    const foresporselId = (payload as { foresporselId?: unknown }).foresporselId;
    const started = performance.now();
    const tracked = await router.track(this.#user, () =>
      this.#client.send({
        mottakerKontoId: options.to,
        meldingType,
        files: [jsonPayloadFile(entry, payload), ...(options.attachments ?? [])],
        ttlMs: options.ttlMs ?? Math.max(deadlineMs, 1000),
        ...(typeof foresporselId === 'string' ? { klientMeldingId: foresporselId } : {}),
        ...(options.klientKorrelasjonsId === undefined
          ? {}
          : { klientKorrelasjonsId: options.klientKorrelasjonsId }),
      }),
    );
    const remaining = deadlineMs - (performance.now() - started);
    const message = await this.#within(tracked, meldingType, remaining, deadlineMs);
    return this.#accept(message, meldingType, started) as Promise<ProtocolAnswer<T>>;
  }

  /** Leaves this process's consumer (the last requester on the account stops it). */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    const router = this.#router;
    this.#router = undefined;
    if (router !== undefined) await detachFromReplyRouter(router, this.#user, options);
  }

  #within(
    tracked: TrackedRequest<{ meldingId: string }>,
    meldingType: string,
    remainingMs: number,
    deadlineMs: number,
  ): Promise<ReceivedMessage> {
    const meldingId = tracked.sent.meldingId;
    let timer: NodeJS.Timeout | undefined;
    // After the deadline the router no longer routes the reply here: abandon() makes a late one
    // its unmatched reply (acked, reported through onUnmatched).
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => {
          tracked.abandon();
          reject(
            new ProtocolError(
              'DEADLINE_EXCEEDED',
              `No answer to ${meldingType} ${meldingId} within ${deadlineMs} ms`,
              { details: { meldingId, meldingType, deadlineMs } },
            ),
          );
        },
        Math.max(0, remainingMs),
      );
    });
    return Promise.race([tracked.reply, deadline]).finally(() => clearTimeout(timer));
  }

  async #accept(message: ReceivedMessage, requestType: string, started: number): Promise<unknown> {
    try {
      const answer = await this.#read(message, requestType);
      return {
        ...answer,
        meldingId: message.meldingId,
        svarPaMelding: message.svarPaMelding!,
        elapsedMs: performance.now() - started,
        message,
      };
    } finally {
      await message.ack().catch(() => undefined);
    }
  }

  async #read(
    message: ReceivedMessage,
    requestType: string,
  ): Promise<{ meldingType: string; payload: unknown }> {
    const details = {
      meldingId: message.meldingId,
      svarPaMelding: message.svarPaMelding,
      meldingType: message.meldingType,
    };
    if (message.platformMessage === 'tidsavbrudd')
      throw new ProtocolError(
        'PLATFORM_TIMEOUT',
        `Fiks IO reports that ${requestType} expired before it was read`,
        {
          details,
        },
      );
    if (message.platformMessage === 'serverfeil')
      throw new ProtocolError(
        'PLATFORM_DELIVERY_FAILED',
        `Fiks IO reports that ${requestType} could not be delivered (three attempts without an ack)`,
        { details },
      );
    const request = this.#catalog.require(requestType);
    if (!(request.allowedReplies as readonly string[]).includes(message.meldingType))
      throw new ProtocolError(
        'REPLY_TYPE_NOT_ALLOWED',
        `${requestType} was answered with ${message.meldingType}, which its catalogue does not allow`,
        { details },
      );
    const entry = this.#catalog.require(message.meldingType);
    const payload = readJsonPayload(entry, await message.openPayload());
    const validation = this.#catalog.validate(entry.type, payload);
    if (!validation.valid)
      throw schemaInvalid(`The ${entry.type} answer`, payload, validation.errors, details);
    return { meldingType: entry.type, payload };
  }
}
