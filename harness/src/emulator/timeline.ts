/** What happened to a message. */
export type TimelineEventType =
  | 'accepted'
  | 'delivered'
  | 'acked'
  | 'nacked'
  | 'requeued'
  | 'expired'
  | 'dead-lettered'
  | 'platform-message-sent';

/** One entry of the emulator's timeline. */
export interface TimelineEvent {
  type: TimelineEventType;
  /** Epoch ms. */
  at: number;
  meldingId: string;
  /** The account whose queue the event concerns (for `accepted`: the receiver). */
  kontoId?: string;
  /** How often the message was delivered so far, when the broker says. */
  deliveryCount?: number;
  /** `accepted`: the type; `dead-lettered`: the reason; `platform-message-sent`: the platform message's type. */
  detail?: string;
  /** `platform-message-sent`: the platform message's own meldingId. */
  relatedMeldingId?: string;
}

/** Every message event in order, with a listener hook, bounded to the newest `limit` entries. */
export class Timeline {
  readonly #events: TimelineEvent[] = [];
  readonly #listeners = new Set<(event: TimelineEvent) => void>();
  readonly #limit: number;

  constructor(options: { limit?: number } = {}) {
    this.#limit = options.limit ?? 100_000;
  }

  /** Adds an event and tells the listeners (the oldest events are dropped beyond the limit). */
  record(event: TimelineEvent): void {
    this.#events.push(event);
    if (this.#events.length > this.#limit) this.#events.splice(0, this.#events.length - this.#limit);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch {
        // Listeners observe; they cannot break the emulator.
      }
    }
  }

  /** The events, optionally of one message only, oldest first. */
  events(filter: { meldingId?: string } = {}): TimelineEvent[] {
    const id = filter.meldingId?.toLowerCase();
    return this.#events.filter((e) => id === undefined || e.meldingId.toLowerCase() === id);
  }

  /** Calls `listener` for every future event; returns the unsubscribe function. */
  subscribe(listener: (event: TimelineEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves with the first event (past or future) that matches. */
  waitFor(match: (event: TimelineEvent) => boolean, timeoutMs = 10_000): Promise<TimelineEvent> {
    const past = this.#events.find(match);
    if (past !== undefined) return Promise.resolve(past);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        unsubscribe();
        reject(new Error(`no matching timeline event within ${timeoutMs} ms`));
      }, timeoutMs);
      const unsubscribe = this.subscribe((event) => {
        if (!match(event)) return;
        clearTimeout(timer);
        unsubscribe();
        resolve(event);
      });
    });
  }
}
