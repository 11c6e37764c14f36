import type { QueuedMessage } from './broker-backend.js';
import { EmulatorError } from './emulator-error.js';

/** The hold of every message to an account. */
const ALL = '*';
/** Where Fiks IO carries the sender's `klientMeldingId`. */
const KLIENT_MELDING_ID_HEADER = 'egendefinert-header.klientMeldingId';

/** How many delivered messages are kept for {@link DeliveryControl.redeliver}. */
const REMEMBERED_MESSAGES = 100;
/** Their bodies (inline payloads) take this many bytes of memory at most; older ones are forgotten first. */
const REMEMBERED_BODY_BYTES = 32 * 1024 * 1024;

interface Parked {
  message: QueuedMessage;
  parkedAt: number;
  timer: NodeJS.Timeout;
}

/** What the control needs from the platform. */
export interface DeliveryControlOptions {
  /** Puts a message on an account's queue. */
  publish(kontoId: string, message: QueuedMessage): Promise<void>;
  /** A held message's ttl ran out before it reached the queue: Fiks IO reports `tidsavbrudd`. */
  onExpired(kontoId: string, message: QueuedMessage): void;
  /** A delivered message can no longer be redelivered (it dropped out of the remembered ones). */
  onForget?(meldingId: string): void;
  clock?: () => number;
}

/**
 * Faults of the messaging world on demand, for the conformance harness: delivery to an account
 * held back (messages sent meanwhile wait, and expire with `tidsavbrudd` when their ttl runs out
 * first), and a delivered message redelivered as a broker would after a lost ack.
 */
export class DeliveryControl {
  readonly #options: DeliveryControlOptions;
  readonly #clock: () => number;
  /** Per account: the holds in force (a `klientMeldingId`, or {@link ALL} for every message). */
  readonly #holds = new Map<string, Set<string>>();
  readonly #parked = new Map<string, Parked[]>();
  readonly #published = new Map<string, { kontoId: string; message: QueuedMessage }>();
  #publishedBytes = 0;

  constructor(options: DeliveryControlOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** Publishes the message now, or parks it while a hold on the account matches it. */
  async deliver(kontoId: string, message: QueuedMessage): Promise<void> {
    if (this.#isHeld(kontoId, message)) {
      const parked = this.#parked.get(kontoId) ?? [];
      this.#parked.set(kontoId, parked);
      const entry: Parked = {
        message,
        parkedAt: this.#clock(),
        timer: setTimeout(() => {
          parked.splice(parked.indexOf(entry), 1);
          this.#options.onExpired(kontoId, message);
        }, message.expirationMs),
      };
      entry.timer.unref?.();
      parked.push(entry);
      return;
    }
    this.#remember(kontoId, message);
    await this.#options.publish(kontoId, message);
  }

  /**
   * Holds delivery to the account from now on: of every message, or only of those sent with this
   * `klientMeldingId` (so other traffic to the account flows on). Idempotent.
   */
  hold(kontoId: string, klientMeldingId?: string): void {
    const holds = this.#holds.get(kontoId) ?? new Set<string>();
    holds.add(klientMeldingId ?? ALL);
    this.#holds.set(kontoId, holds);
  }

  /**
   * Ends that hold: every parked message no other hold matches, and that has not expired, goes to
   * the queue with the ttl it has left. Resolves to how many were released.
   */
  async release(kontoId: string, klientMeldingId?: string): Promise<number> {
    const holds = this.#holds.get(kontoId);
    holds?.delete(klientMeldingId ?? ALL);
    if (holds?.size === 0) this.#holds.delete(kontoId);
    const parked = this.#parked.get(kontoId) ?? [];
    const freed = parked.filter((entry) => !this.#isHeld(kontoId, entry.message));
    this.#parked.set(
      kontoId,
      parked.filter((entry) => !freed.includes(entry)),
    );
    const now = this.#clock();
    for (const entry of freed) {
      clearTimeout(entry.timer);
      const left = Math.max(1, entry.message.expirationMs - (now - entry.parkedAt));
      await this.deliver(kontoId, { ...entry.message, expirationMs: left });
    }
    return freed.length;
  }

  /** Accounts with a hold in force now. */
  heldAccounts(): string[] {
    return [...this.#holds.keys()];
  }

  #isHeld(kontoId: string, message: QueuedMessage): boolean {
    const holds = this.#holds.get(kontoId);
    if (holds === undefined) return false;
    const klientMeldingId = message.headers[KLIENT_MELDING_ID_HEADER];
    return holds.has(ALL) || (klientMeldingId !== undefined && holds.has(klientMeldingId));
  }

  /**
   * Puts a message that was delivered (and maybe acknowledged) on its queue again, flagged as
   * redelivered, as a broker does when an ack was lost. 404 for a message it does not know.
   */
  async redeliver(meldingId: string): Promise<{ kontoId: string }> {
    const known = this.#published.get(meldingId.toLowerCase());
    if (known === undefined)
      throw new EmulatorError(404, 'MELDING_NOT_FOUND', `No delivered message ${meldingId} to redeliver`, {
        details: { meldingId },
      });
    await this.#options.publish(known.kontoId, { ...known.message, redelivered: true });
    return { kontoId: known.kontoId };
  }

  /** True while a delivered message can be redelivered. */
  remembers(meldingId: string): boolean {
    return this.#published.has(meldingId.toLowerCase());
  }

  /** Drops the held messages' timers (on close). */
  close(): void {
    for (const parked of this.#parked.values()) for (const entry of parked) clearTimeout(entry.timer);
    this.#parked.clear();
    this.#holds.clear();
  }

  #remember(kontoId: string, message: QueuedMessage): void {
    const meldingId = message.headers['melding-id'];
    if (meldingId === undefined) return;
    const key = meldingId.toLowerCase();
    const previous = this.#published.get(key);
    if (previous !== undefined) {
      this.#published.delete(key);
      this.#publishedBytes -= previous.message.body.length;
    }
    this.#published.set(key, { kontoId, message });
    this.#publishedBytes += message.body.length;
    while (this.#published.size > REMEMBERED_MESSAGES || this.#publishedBytes > REMEMBERED_BODY_BYTES) {
      const [oldest, entry] = this.#published.entries().next().value!;
      this.#published.delete(oldest);
      this.#publishedBytes -= entry.message.body.length;
      this.#options.onForget?.(oldest);
    }
  }
}
