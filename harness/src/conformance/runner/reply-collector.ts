import type { Readable } from 'node:stream';
import type { Delivery, MessageReceiver, ProtocolCatalog } from '@fiks-faktura/sdk';
import { SERVERFEIL, TIDSAVBRUDD } from '@fiks-faktura/sdk';
import type { RecordedReply } from '../model/recorded-exchange.js';
import type { HarnessAccount } from './conformance-target.js';
import { openReply } from './open-reply.js';

async function bytesOf(stream: Readable): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** Messages Fiks IO itself sends about a request: it expired unread, or could not be delivered. */
function platformMessageOf(meldingType: string): RecordedReply['platformMessage'] {
  if (meldingType === TIDSAVBRUDD) return 'tidsavbrudd';
  if (meldingType === SERVERFEIL) return 'serverfeil';
  return undefined;
}

interface Waiter {
  /** Only a reply after this many earlier ones. */
  skip: number;
  resolve: (reply: RecordedReply | undefined) => void;
  timer: NodeJS.Timeout;
}

/**
 * Consumes the harness's own queue for the whole run and records every message that arrives:
 * its metadata, its envelope exactly as received, and what opening it gave. Replies are filed by
 * `svarPaMelding`, so an answer that overtakes its own send call, a second answer and a late answer
 * are all kept for the checks. Each message is acknowledged once it is recorded.
 */
export class ReplyCollector {
  readonly #account: HarnessAccount;
  readonly #catalog: ProtocolCatalog;
  readonly #byRequest = new Map<string, RecordedReply[]>();
  readonly #waiters = new Map<string, Waiter[]>();
  readonly #uncorrelated: RecordedReply[] = [];
  readonly #pending = new Set<Promise<void>>();
  #receiver: MessageReceiver | undefined;
  #errors: Error[] = [];

  constructor(account: HarnessAccount, catalog: ProtocolCatalog) {
    this.#account = account;
    this.#catalog = catalog;
  }

  async start(): Promise<void> {
    this.#receiver = this.#account.connection.createReceiver({ onError: (e) => this.#errors.push(e) });
    await this.#receiver.start((delivery) => {
      const work = this.#record(delivery);
      this.#pending.add(work);
      return work.finally(() => this.#pending.delete(work));
    });
  }

  /** Every reply recorded so far for the request, in arrival order. */
  repliesTo(requestMeldingId: string): RecordedReply[] {
    return [...(this.#byRequest.get(requestMeldingId.toLowerCase()) ?? [])];
  }

  /** Messages that named no request (no `svarPaMelding`). */
  uncorrelated(): RecordedReply[] {
    return [...this.#uncorrelated];
  }

  /** Replies to requests that are not among `requestMeldingIds` (lower case): none of this run's. */
  repliesToOthers(requestMeldingIds: ReadonlySet<string>): RecordedReply[] {
    return [...this.#byRequest]
      .filter(([id]) => !requestMeldingIds.has(id))
      .flatMap(([, replies]) => replies);
  }

  /** Receiver problems seen so far (lost connections, malformed deliveries). */
  errors(): Error[] {
    return [...this.#errors];
  }

  /**
   * The first reply to the request (after the first `skip` replies, when given: the answer to a
   * redelivery), waiting up to `timeoutMs`; undefined when none came.
   */
  firstReply(requestMeldingId: string, timeoutMs: number, skip = 0): Promise<RecordedReply | undefined> {
    const key = requestMeldingId.toLowerCase();
    const known = this.#byRequest.get(key)?.[skip];
    if (known !== undefined) return Promise.resolve(known);
    return new Promise((resolve) => {
      const waiter: Waiter = {
        skip,
        resolve,
        timer: setTimeout(
          () => {
            this.#removeWaiter(key, waiter);
            resolve(undefined);
          },
          Math.max(0, timeoutMs),
        ),
      };
      this.#waiters.set(key, [...(this.#waiters.get(key) ?? []), waiter]);
    });
  }

  /** Stops consuming once the messages being recorded are done. */
  async close(): Promise<void> {
    await Promise.allSettled([...this.#pending]);
    await this.#receiver?.close({ graceMs: 2_000 });
    for (const [key, waiters] of this.#waiters) {
      for (const waiter of waiters) {
        clearTimeout(waiter.timer);
        waiter.resolve(undefined);
      }
      this.#waiters.delete(key);
    }
  }

  #removeWaiter(key: string, waiter: Waiter): void {
    const rest = (this.#waiters.get(key) ?? []).filter((w) => w !== waiter);
    if (rest.length === 0) this.#waiters.delete(key);
    else this.#waiters.set(key, rest);
  }

  async #envelopeOf(delivery: Delivery): Promise<Buffer | undefined> {
    if (!delivery.harPayload) return undefined;
    if (delivery.dokumentlagerId !== undefined)
      return bytesOf(await this.#account.connection.downloadDokumentlager(delivery.dokumentlagerId));
    return delivery.body;
  }

  async #record(delivery: Delivery): Promise<void> {
    const platformMessage = platformMessageOf(delivery.meldingType);
    const reply: RecordedReply = {
      meldingId: delivery.meldingId,
      meldingType: delivery.meldingType,
      avsenderKontoId: delivery.avsenderKontoId,
      mottakerKontoId: delivery.mottakerKontoId,
      receivedAt: 0,
      harPayload: delivery.harPayload,
      ...(delivery.svarPaMelding === undefined ? {} : { svarPaMelding: delivery.svarPaMelding }),
      ...(delivery.klientMeldingId === undefined ? {} : { klientMeldingId: delivery.klientMeldingId }),
      ...(platformMessage === undefined ? {} : { platformMessage }),
    };
    try {
      const envelope = await this.#envelopeOf(delivery);
      if (envelope !== undefined) {
        reply.envelope = envelope;
        const expectedName = this.#catalog.entry(delivery.meldingType)?.payloadFileName ?? undefined;
        reply.opened = await openReply(envelope, this.#account.privateKeys, expectedName);
      }
    } catch (error) {
      reply.opened = {
        ok: false,
        code: 'PAYLOAD_UNAVAILABLE',
        message: `The payload could not be fetched: ${(error as Error).message}`,
      };
    }
    this.#file(reply);
    await delivery.ack().catch(() => undefined);
  }

  #file(reply: RecordedReply): void {
    // In hand: received, decrypted and read.
    reply.receivedAt = Date.now();
    if (reply.svarPaMelding === undefined) {
      this.#uncorrelated.push(reply);
      return;
    }
    const key = reply.svarPaMelding.toLowerCase();
    const list = this.#byRequest.get(key) ?? [];
    list.push(reply);
    this.#byRequest.set(key, list);
    const waiters = this.#waiters.get(key);
    if (waiters === undefined) return;
    for (const waiter of waiters.filter((w) => list.length > w.skip)) {
      this.#removeWaiter(key, waiter);
      clearTimeout(waiter.timer);
      waiter.resolve(reply);
    }
  }
}
