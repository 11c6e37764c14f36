import { type BackoffOptions, retryWithBackoff } from './backoff.js';
import { DeliveryDispatcher, type SettleFunction } from './delivery-dispatcher.js';
import type { RawDelivery } from './delivery-headers.js';
import type {
  DeliveryHandler,
  MessageReceiver,
  ReceiverErrorListener,
  ReceiverHealth,
} from './message-receiver.js';
import { TransportError } from './transport-error.js';

/** Options every receiver shares. */
export interface ReceiverLifecycleOptions {
  /** The account whose queue is consumed. */
  kontoId: string;
  /** Reconnect backoff after a lost connection. */
  reconnect?: BackoffOptions;
  /** Malformed deliveries, handler failures and connection problems. */
  onError?: ReceiverErrorListener;
}

/**
 * The shared life cycle of a receiver: start once, dispatch deliveries, reconnect with backoff
 * when the transport reports a lost connection, close gracefully. A transport implements
 * `connect` (connect and consume; resolves once consuming), `cancelConsumer` and `disconnect`,
 * calls `deliver` for each message and `connectionLost` when its connection drops.
 */
export abstract class ReceiverLifecycle implements MessageReceiver {
  protected readonly kontoId: string;
  readonly #status: ReceiverHealth = {
    connected: false,
    consuming: false,
    consumerCount: 0,
    reconnects: 0,
    skippedSettlements: 0,
  };
  readonly #options: ReceiverLifecycleOptions;
  readonly #stop = new AbortController();
  #state: 'idle' | 'starting' | 'started' | 'closing' | 'closed' = 'idle';
  #dispatcher: DeliveryDispatcher | undefined;
  #connecting = false;
  #lostWhileConnecting: Error | undefined;
  #reconnecting: Promise<void> | undefined;

  protected constructor(options: ReceiverLifecycleOptions) {
    this.kontoId = options.kontoId;
    this.#options = options;
  }

  /** Connects and starts consuming; resolves once consuming. */
  protected abstract connect(): Promise<void>;
  /** Stops new deliveries while keeping unsettled ones settleable. */
  protected abstract cancelConsumer(): Promise<void>;
  /** Closes the connection; the broker returns unsettled deliveries to the queue. */
  protected abstract disconnect(): Promise<void>;

  async start(handler: DeliveryHandler): Promise<void> {
    if (this.#state === 'closing' || this.#state === 'closed')
      throw new TransportError(
        'RECEIVER_CLOSED',
        'The receiver was closed; create a new one to consume again',
      );
    if (this.#state !== 'idle')
      throw new TransportError('RECEIVER_ALREADY_STARTED', 'start() was already called on this receiver');
    this.#state = 'starting';
    this.#dispatcher = new DeliveryDispatcher({
      handler,
      onError: (error) => this.reportError(error),
      kontoId: this.kontoId,
    });
    try {
      await this.#establish();
      if (this.#state !== 'starting') {
        // close() ran while connecting: undo the connection it could not see.
        await this.disconnect().catch(() => undefined);
        this.#status.connected = false;
        this.#setConsuming(false);
        throw new TransportError('RECEIVER_CLOSED', 'The receiver was closed while it was starting');
      }
      this.#state = 'started';
    } catch (error) {
      if (this.#state !== 'starting') throw error;
      this.#state = 'idle';
      this.#dispatcher = undefined;
      await this.disconnect().catch(() => undefined);
      throw error instanceof TransportError
        ? error
        : new TransportError('CONNECTION_FAILED', `Could not start consuming: ${messageOf(error)}`, {
            cause: error,
            details: { kontoId: this.kontoId },
          });
    }
  }

  /** A snapshot of the receiver's state and counters. */
  health(): ReceiverHealth {
    return { ...this.#status };
  }

  async close(options: { graceMs?: number } = {}): Promise<void> {
    if (this.#state === 'closing' || this.#state === 'closed') return;
    const wasStarted = this.#state !== 'idle';
    this.#state = 'closing';
    this.#stop.abort();
    await this.#reconnecting;
    if (this.#status.consuming) await this.cancelConsumer().catch(() => undefined);
    this.#setConsuming(false);
    if (wasStarted) await this.#dispatcher?.drain(options.graceMs ?? 30_000);
    await this.disconnect().catch(() => undefined);
    this.#status.connected = false;
    this.#state = 'closed';
  }

  /** Hands one raw delivery to the handler; `settle` performs the settlement on the transport. */
  protected deliver(raw: RawDelivery, settle: SettleFunction): void {
    if (this.#dispatcher === undefined) {
      void settle('requeue').catch(() => undefined);
      return;
    }
    this.#dispatcher.dispatch(raw, settle);
  }

  /** Counts a settlement skipped because its connection is gone. */
  protected settlementSkipped(): void {
    this.#status.skippedSettlements++;
    this.#status.lastError = 'a settlement was skipped because its connection was closed';
  }

  /** Called by the transport when its connection dropped; schedules a reconnect. */
  protected connectionLost(cause: unknown): void {
    if (this.#state === 'closing' || this.#state === 'closed' || this.#state === 'idle') return;
    const error = new TransportError('CONNECTION_LOST', `The connection was lost: ${messageOf(cause)}`, {
      cause,
      details: { kontoId: this.kontoId },
    });
    if (this.#connecting) {
      this.#lostWhileConnecting = error;
      return;
    }
    if (!this.#status.connected) return;
    this.#status.connected = false;
    this.#setConsuming(false);
    this.reportError(error);
    if (this.#state === 'started' && this.#reconnecting === undefined) {
      this.#reconnecting = this.#reconnect().finally(() => {
        this.#reconnecting = undefined;
      });
    }
  }

  /** Records an error in the health status and passes it to `onError`. */
  protected reportError(error: Error): void {
    this.#status.lastError = error.message;
    try {
      this.#options.onError?.(error);
    } catch {
      // A failing listener must not break the receiver.
    }
  }

  async #reconnect(): Promise<void> {
    const ok = await retryWithBackoff(
      async () => {
        await this.disconnect().catch(() => undefined);
        await this.#establish();
      },
      {
        ...(this.#options.reconnect === undefined ? {} : { backoff: this.#options.reconnect }),
        signal: this.#stop.signal,
        onFailure: (error) =>
          this.reportError(
            new TransportError('CONNECTION_FAILED', `Reconnecting failed: ${messageOf(error)}`, {
              cause: error,
              details: { kontoId: this.kontoId },
            }),
          ),
      },
    );
    if (ok) this.#status.reconnects++;
  }

  async #establish(): Promise<void> {
    this.#connecting = true;
    this.#lostWhileConnecting = undefined;
    try {
      await this.connect();
    } finally {
      this.#connecting = false;
    }
    if (this.#lostWhileConnecting !== undefined) {
      this.#status.connected = false;
      this.#setConsuming(false);
      throw this.#lostWhileConnecting;
    }
    this.#status.connected = true;
    this.#setConsuming(true);
  }

  #setConsuming(consuming: boolean): void {
    this.#status.consuming = consuming;
    this.#status.consumerCount = consuming ? 1 : 0;
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
