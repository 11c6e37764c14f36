import type { QueuedMessage } from './broker-backend.js';
import { EmulatorError } from './emulator-error.js';

/** How many delivered messages are kept for {@link DeliveryControl.redeliver}. */
const REMEMBERED_MESSAGES = 100;

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
  readonly #held = new Map<string, Parked[]>();
  readonly #published = new Map<string, { kontoId: string; message: QueuedMessage }>();

  constructor(options: DeliveryControlOptions) {
    this.#options = options;
    this.#clock = options.clock ?? Date.now;
  }

  /** Publishes the message now, or parks it while delivery to the account is held. */
  async deliver(kontoId: string, message: QueuedMessage): Promise<void> {
    const parked = this.#held.get(kontoId);
    if (parked !== undefined) {
      const entry: Parked = {
        message,
        parkedAt: this.#clock(),
        timer: setTimeout(() => {
          const list = this.#held.get(kontoId);
          if (list !== undefined) list.splice(list.indexOf(entry), 1);
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

  /** Holds delivery to the account from now on (idempotent). */
  hold(kontoId: string): void {
    if (!this.#held.has(kontoId)) this.#held.set(kontoId, []);
  }

  /** Ends the hold: every parked message that has not expired goes to the queue with the ttl it has left. */
  async release(kontoId: string): Promise<number> {
    const parked = this.#held.get(kontoId) ?? [];
    this.#held.delete(kontoId);
    const now = this.#clock();
    for (const entry of parked) {
      clearTimeout(entry.timer);
      const left = Math.max(1, entry.message.expirationMs - (now - entry.parkedAt));
      await this.deliver(kontoId, { ...entry.message, expirationMs: left });
    }
    return parked.length;
  }

  /** Accounts whose delivery is held now. */
  heldAccounts(): string[] {
    return [...this.#held.keys()];
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

  /** Drops the held messages' timers (on close). */
  close(): void {
    for (const parked of this.#held.values()) for (const entry of parked) clearTimeout(entry.timer);
    this.#held.clear();
  }

  #remember(kontoId: string, message: QueuedMessage): void {
    const meldingId = message.headers['melding-id'];
    if (meldingId === undefined) return;
    this.#published.set(meldingId.toLowerCase(), { kontoId, message });
    if (this.#published.size > REMEMBERED_MESSAGES) {
      const oldest = this.#published.keys().next().value;
      if (oldest !== undefined) this.#published.delete(oldest);
    }
  }
}
