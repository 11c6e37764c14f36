import { performance } from 'node:perf_hooks';
import type { AsiceFileInput } from '../asice/asice-writer.js';
import type { FiksIoClient } from '../client/fiks-io-client.js';
import type { ReceivedMessage } from '../client/received-message.js';
import type { PayloadMap, PayloadOf, RequestType } from '../generated/registry.js';
import type { MessageReceiver } from '../transport/message-receiver.js';
import { jsonPayloadFile, readJsonPayload } from './json-payload.js';
import type { ProtocolCatalog } from './protocol-catalog.js';
import { ProtocolError } from './protocol-error.js';
import type { ProtocolAnswer } from './protocol-types.js';

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
  /** Replies that match no waiting request (late ones, after their deadline), after they were acked. */
  onUnmatched?: (message: ReceivedMessage) => void;
  onError?: (error: Error) => void;
}

interface Pending {
  resolve: (message: ReceivedMessage) => void;
}

/** How long a reply that arrived before its request's send call returned is kept for it. */
const EARLY_REPLY_GRACE_MS = 60_000;

/**
 * Sends protocol requests and resolves each to its typed, validated answer: the reply whose
 * `svarPaMelding` is the request's `meldingId`, of a type the catalogue allows, with a payload its
 * schema accepts. Rejects with `DEADLINE_EXCEEDED` when no answer came in time, with
 * `PLATFORM_TIMEOUT` / `PLATFORM_DELIVERY_FAILED` when Fiks IO reports the request expired or
 * undeliverable, and with `REPLY_TYPE_NOT_ALLOWED`, `SCHEMA_INVALID` or the opening error's code
 * when the answer is not acceptable.
 */
export class ProtocolRequester {
  readonly #client: FiksIoClient;
  readonly #catalog: ProtocolCatalog;
  readonly #options: ProtocolRequesterOptions;
  readonly #pending = new Map<string, Pending>();
  readonly #early = new Map<string, { message: ReceivedMessage; timer: NodeJS.Timeout }>();
  #receiver: MessageReceiver | undefined;

  constructor(client: FiksIoClient, catalog: ProtocolCatalog, options: ProtocolRequesterOptions = {}) {
    this.#client = client;
    this.#catalog = catalog;
    this.#options = options;
  }

  /** Starts consuming the own account's queue, where the answers arrive. */
  async start(): Promise<void> {
    this.#receiver = await this.#client.subscribe((message) => this.#onMessage(message), {
      ...(this.#options.onError === undefined ? {} : { onError: this.#options.onError }),
    });
  }

  /** Sends `payload` as a `meldingType` request and waits for its answer. */
  async request<T extends RequestType>(
    meldingType: T,
    payload: PayloadOf<T & keyof PayloadMap>,
    options: RequestOptions,
  ): Promise<ProtocolAnswer<T>> {
    if (this.#receiver === undefined)
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
        throw new ProtocolError('SCHEMA_INVALID', `The ${meldingType} payload fails its schema`, {
          details: { meldingType, errors: validation.errors },
        });
    }
    const deadlineMs = options.deadlineMs ?? entry.deadlineMs ?? 10_000;
    const foresporselId = (payload as { foresporselId?: unknown }).foresporselId;
    const started = performance.now();
    const sent = await this.#client.send({
      mottakerKontoId: options.to,
      meldingType,
      files: [jsonPayloadFile(entry, payload), ...(options.attachments ?? [])],
      ttlMs: options.ttlMs ?? Math.max(deadlineMs, 1000),
      ...(typeof foresporselId === 'string' ? { klientMeldingId: foresporselId } : {}),
      ...(options.klientKorrelasjonsId === undefined
        ? {}
        : { klientKorrelasjonsId: options.klientKorrelasjonsId }),
    });
    const remaining = deadlineMs - (performance.now() - started);
    const message = await this.#await(sent.meldingId, meldingType, remaining, deadlineMs);
    return this.#accept(message, meldingType, started) as Promise<ProtocolAnswer<T>>;
  }

  /** Stops consuming. */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    for (const { timer } of this.#early.values()) clearTimeout(timer);
    this.#early.clear();
    await this.#receiver?.close(options);
  }

  #await(
    meldingId: string,
    meldingType: string,
    remainingMs: number,
    deadlineMs: number,
  ): Promise<ReceivedMessage> {
    const early = this.#early.get(meldingId);
    if (early !== undefined) {
      clearTimeout(early.timer);
      this.#early.delete(meldingId);
      return Promise.resolve(early.message);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => {
          this.#pending.delete(meldingId);
          reject(
            new ProtocolError(
              'DEADLINE_EXCEEDED',
              `No answer to ${meldingType} ${meldingId} within ${deadlineMs} ms`,
              {
                details: { meldingId, meldingType, deadlineMs },
              },
            ),
          );
        },
        Math.max(0, remainingMs),
      );
      this.#pending.set(meldingId, {
        resolve: (message) => {
          clearTimeout(timer);
          this.#pending.delete(meldingId);
          resolve(message);
        },
      });
    });
  }

  async #onMessage(message: ReceivedMessage): Promise<void> {
    const svarPaMelding = message.svarPaMelding;
    const pending = svarPaMelding === undefined ? undefined : this.#pending.get(svarPaMelding);
    if (pending !== undefined) {
      pending.resolve(message);
      return; // settled by #accept
    }
    if (svarPaMelding !== undefined && !this.#early.has(svarPaMelding)) {
      // The answer may overtake the send call's own response; keep it for a while.
      const timer = setTimeout(() => {
        this.#early.delete(svarPaMelding);
        void this.#settleUnmatched(message);
      }, EARLY_REPLY_GRACE_MS);
      timer.unref();
      this.#early.set(svarPaMelding, { message, timer });
      return;
    }
    await this.#settleUnmatched(message);
  }

  async #settleUnmatched(message: ReceivedMessage): Promise<void> {
    await message.ack().catch(() => undefined);
    this.#options.onUnmatched?.(message);
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
      throw new ProtocolError('SCHEMA_INVALID', `The ${entry.type} answer fails its schema`, {
        details: { ...details, errors: validation.errors },
      });
    return { meldingType: entry.type, payload };
  }
}
