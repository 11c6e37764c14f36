import type { FiksIoClient } from '../client/fiks-io-client.js';
import type { ReceivedMessage } from '../client/received-message.js';
import type { MessageReceiver } from '../transport/message-receiver.js';

/** One request being answered: the sent message, its reply once it comes, and giving up on it. */
export interface TrackedRequest<S extends { meldingId: string }> {
  sent: S;
  /** Resolves with the reply whose `svarPaMelding` is the sent `meldingId`. */
  reply: Promise<ReceivedMessage>;
  /** Stops waiting (deadline passed): a reply that still comes is acked and reported as unmatched. */
  abandon(): void;
}

/** Who uses a router: its own late replies and every unclaimed message are reported to it. */
export interface ReplyRouterUser {
  readonly client: FiksIoClient;
  onUnmatched?: (message: ReceivedMessage) => void;
  onError?: (error: Error) => void;
}

/** Settings of a {@link ReplyRouter}. */
export interface ReplyRouterOptions {
  /**
   * A message no request in this process claims is handed back to the queue at once, for another
   * process on the account. When it keeps coming back for this long since this process first saw
   * it, nobody claims it: it is acked and reported as unmatched. Default 60 000 ms.
   */
  unclaimedAfterMs?: number;
  /** Injected for tests: milliseconds since some origin. */
  now?: () => number;
  /** Injected for tests: a number from 0 (inclusive) to 1 (exclusive), for the hand-back pauses. */
  random?: () => number;
}

/** How long a finished request's id is remembered, so a late or second reply is recognised as its own. */
const FINISHED_MEMORY_MS = 10 * 60_000;
/** Upper bound of the pause before a message this process saw before is handed back again. */
const MAX_HAND_BACK_PAUSE_MS = 250;

/**
 * The pause before handing back a message for the `count`-th time: none the first time, then a
 * random time up to 25 ms, 50 ms, … at most {@link MAX_HAND_BACK_PAUSE_MS}. Random, because two
 * processes that each hold the other's reply and pause alike hand them back in step, and RabbitMQ
 * then gives each the same message again, round after round (seen with four processes on one
 * account); small, so that a lone consumer does not spin and the right one gets it soon.
 */
export function handBackPauseMs(count: number, random: () => number): number {
  if (count <= 1) return 0;
  return Math.floor(random() * Math.min(MAX_HAND_BACK_PAUSE_MS, 25 * 2 ** (count - 2)));
}

interface Held {
  message: ReceivedMessage;
  /** Sends that were in flight when the message came: it may answer one of them. */
  waitingFor: Set<symbol>;
}

/**
 * The one consumer of an account's queue for every requester in this process: routes each reply
 * by `svarPaMelding` to the request waiting for it, and hands everything else back to the queue
 * at once (nack with requeue), so another process consuming the same account gets it. A reply
 * that overtakes its own send call (it came while a send was in flight here) is held only until
 * the sends in flight at its arrival returned.
 */
export class ReplyRouter {
  readonly #unclaimedAfterMs: number;
  readonly #now: () => number;
  readonly #random: () => number;
  readonly #users: ReplyRouterUser[] = [];
  readonly #waiting = new Map<
    string,
    { resolve: (message: ReceivedMessage) => void; user: ReplyRouterUser }
  >();
  readonly #finished = new Map<string, { until: number; user: ReplyRouterUser }>();
  readonly #sending = new Set<symbol>();
  readonly #held = new Set<Held>();
  readonly #handedBack = new Map<string, { firstSeen: number; count: number }>();
  #receiver: MessageReceiver | undefined;
  #subscriber: ReplyRouterUser | undefined;
  #closed = false;

  constructor(options: ReplyRouterOptions = {}) {
    this.#unclaimedAfterMs = options.unclaimedAfterMs ?? 60_000;
    this.#now = options.now ?? (() => performance.now());
    this.#random = options.random ?? Math.random;
  }

  /** Requesters using this router. */
  get users(): number {
    return this.#users.length;
  }

  /** Adds a requester; the first one's client consumes the queue. */
  async attach(user: ReplyRouterUser): Promise<void> {
    this.#users.push(user);
    await this.#ensureConsumer(user);
  }

  /**
   * Consumes through `preferred`'s client when nobody does, or when the consuming client was
   * closed under its requesters (its receiver closed with it).
   */
  async #ensureConsumer(preferred: ReplyRouterUser): Promise<void> {
    if (this.#receiver !== undefined && this.#subscriber?.client.closed !== true) return;
    const user = [preferred, ...this.#users].find((u) => !u.client.closed);
    if (user === undefined) return;
    await this.#subscribeWith(user);
  }

  /**
   * Removes a requester. When it was the one whose client consumes, the next requester's client
   * takes over; the last one stops consuming, and held messages go back to the queue.
   */
  async detach(user: ReplyRouterUser, options: { graceMs?: number } = {}): Promise<void> {
    const index = this.#users.indexOf(user);
    if (index < 0) return;
    this.#users.splice(index, 1);
    if (this.#subscriber !== user) return;
    const old = this.#receiver;
    this.#receiver = undefined;
    this.#subscriber = undefined;
    const next = this.#users[0];
    if (next === undefined) {
      this.#closed = true;
      for (const held of this.#held) void held.message.nackWithRequeue().catch(() => undefined);
      this.#held.clear();
    } else await this.#subscribeWith(next);
    await old?.close(options);
  }

  /**
   * Sends a request through `send` and tracks it: the reply is routed to `reply` from the moment
   * the send started, even when it arrives before `send` returned.
   */
  async track<S extends { meldingId: string }>(
    user: ReplyRouterUser,
    send: () => Promise<S>,
  ): Promise<TrackedRequest<S>> {
    await this.#ensureConsumer(user);
    const token = Symbol('send');
    this.#sending.add(token);
    let sent: S;
    try {
      sent = await send();
    } catch (error) {
      this.#sendReturned(token);
      throw error;
    }
    const meldingId = sent.meldingId;
    const reply = new Promise<ReceivedMessage>((resolve) => {
      this.#waiting.set(meldingId, { resolve, user });
    });
    this.#sendReturned(token);
    return {
      sent,
      reply,
      abandon: () => {
        if (this.#waiting.delete(meldingId)) this.#remember(meldingId, user);
      },
    };
  }

  async #subscribeWith(user: ReplyRouterUser): Promise<void> {
    this.#subscriber = user;
    this.#receiver = await user.client.subscribe((message) => this.#route(message), {
      onError: (error) => this.#report(error),
    });
  }

  async #route(message: ReceivedMessage): Promise<void> {
    const id = message.svarPaMelding;
    if (id !== undefined && this.#deliver(message)) return;
    const finished = id === undefined ? undefined : this.#finished.get(id);
    if (finished !== undefined) return this.#settleUnmatched(message, [finished.user]);
    if (id !== undefined && this.#sending.size > 0) {
      this.#held.add({ message, waitingFor: new Set(this.#sending) });
      return;
    }
    await this.#handBack(message);
  }

  /** Resolves the request waiting for `message`; false when none waits here. */
  #deliver(message: ReceivedMessage): boolean {
    const id = message.svarPaMelding;
    const waiting = id === undefined ? undefined : this.#waiting.get(id);
    if (id === undefined || waiting === undefined) return false;
    this.#waiting.delete(id);
    this.#remember(id, waiting.user);
    waiting.resolve(message); // the requester settles it
    return true;
  }

  #sendReturned(token: symbol): void {
    this.#sending.delete(token);
    for (const held of [...this.#held]) {
      held.waitingFor.delete(token);
      if (this.#deliver(held.message)) this.#held.delete(held);
      else if (held.waitingFor.size === 0) {
        this.#held.delete(held);
        void this.#handBack(held.message);
      }
    }
  }

  async #handBack(message: ReceivedMessage): Promise<void> {
    const now = this.#now();
    this.#forgetOld(now);
    const seen = this.#handedBack.get(message.meldingId);
    if (seen !== undefined && now - seen.firstSeen >= this.#unclaimedAfterMs) {
      this.#handedBack.delete(message.meldingId);
      return this.#settleUnmatched(message, this.#users);
    }
    if (seen === undefined) this.#handedBack.set(message.meldingId, { firstSeen: now, count: 1 });
    else {
      // Back here again: nobody else took it yet. Pause a little (see handBackPauseMs).
      seen.count++;
      await new Promise((resolve) => setTimeout(resolve, handBackPauseMs(seen.count, this.#random)));
    }
    if (this.#closed) return;
    await message.nackWithRequeue().catch((error: unknown) => this.#report(error));
  }

  async #settleUnmatched(message: ReceivedMessage, users: readonly ReplyRouterUser[]): Promise<void> {
    await message.ack().catch((error: unknown) => this.#report(error));
    for (const user of users) {
      try {
        user.onUnmatched?.(message);
      } catch (error) {
        this.#report(error);
      }
    }
  }

  #remember(meldingId: string, user: ReplyRouterUser): void {
    const now = this.#now();
    this.#forgetOld(now);
    this.#finished.set(meldingId, { until: now + FINISHED_MEMORY_MS, user });
  }

  #forgetOld(now: number): void {
    for (const [id, { until }] of this.#finished) if (until <= now) this.#finished.delete(id);
    for (const [id, { firstSeen }] of this.#handedBack)
      if (now - firstSeen > 2 * this.#unclaimedAfterMs + FINISHED_MEMORY_MS) this.#handedBack.delete(id);
  }

  #report(error: unknown): void {
    const failure = error instanceof Error ? error : new Error(String(error));
    for (const user of this.#users) {
      try {
        user.onError?.(failure);
      } catch {
        // A failing listener must not stop the routing.
      }
    }
  }
}
