import { type DeliveryMetadata, parseDeliveryHeaders, type RawDelivery } from './delivery-headers.js';
import type { Delivery, DeliveryHandler } from './message-receiver.js';
import { TransportError } from './transport-error.js';

/** How a delivery is settled: ack, nack (dropped or dead-lettered), or nack with requeue. */
export type SettleOutcome = 'ack' | 'nack' | 'requeue';

/** Performs a settlement on the transport that carried the delivery. */
export type SettleFunction = (outcome: SettleOutcome) => Promise<void>;

/**
 * Turns raw deliveries into {@link Delivery} objects and runs the handler on them, applying the
 * contract documented on `MessageReceiver`: malformed deliveries are nacked and reported, handler
 * failures requeue an unsettled delivery and are reported, and nothing escapes to the transport.
 */
export class DeliveryDispatcher {
  readonly #handler: DeliveryHandler;
  readonly #onError: (error: Error) => void;
  readonly #kontoId: string | undefined;
  readonly #running = new Set<Promise<void>>();

  constructor(options: { handler: DeliveryHandler; onError: (error: Error) => void; kontoId?: string }) {
    this.#handler = options.handler;
    this.#onError = options.onError;
    this.#kontoId = options.kontoId;
  }

  /** Handlers still running. */
  get running(): number {
    return this.#running.size;
  }

  /** Starts handling one delivery; never throws. */
  dispatch(raw: RawDelivery, settle: SettleFunction): void {
    const task = this.#handle(raw, settle);
    this.#running.add(task);
    void task.finally(() => this.#running.delete(task));
  }

  /** Waits until every running handler finished, at most `graceMs`; true when all did. */
  async drain(graceMs: number): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<false>((resolve) => {
      timer = setTimeout(() => resolve(false), graceMs);
    });
    const all = (async () => {
      while (this.#running.size > 0) await Promise.allSettled([...this.#running]);
      return true as const;
    })();
    try {
      return await Promise.race([all, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  async #handle(raw: RawDelivery, settle: SettleFunction): Promise<void> {
    let metadata: DeliveryMetadata;
    try {
      metadata = parseDeliveryHeaders(raw, this.#kontoId);
    } catch (error) {
      this.#report(error);
      await settle('nack').catch((settleError: unknown) => this.#report(settleError));
      return;
    }
    const { delivery, settled } = withSettlement(metadata, settle);
    try {
      await this.#handler(delivery);
    } catch (error) {
      this.#report(
        new TransportError(
          'HANDLER_FAILED',
          `The handler failed on message ${metadata.meldingId} (${metadata.meldingType})` +
            (settled() ? '' : '; the message was requeued for redelivery'),
          { cause: error, details: { meldingId: metadata.meldingId, meldingType: metadata.meldingType } },
        ),
      );
      if (!settled())
        await delivery.nackWithRequeue().catch((settleError: unknown) => this.#report(settleError));
    }
  }

  #report(error: unknown): void {
    try {
      this.#onError(error instanceof Error ? error : new Error(String(error)));
    } catch {
      // A failing error listener must not break the consumer either.
    }
  }
}

function withSettlement(
  metadata: DeliveryMetadata,
  settle: SettleFunction,
): { delivery: Delivery; settled: () => boolean } {
  let settledAs: SettleOutcome | undefined;
  const once = (outcome: SettleOutcome) => async () => {
    if (settledAs !== undefined)
      throw new TransportError(
        'DELIVERY_ALREADY_SETTLED',
        `Message ${metadata.meldingId} was already settled (${settledAs}); settle a delivery exactly once`,
        { details: { meldingId: metadata.meldingId, settledAs, attempted: outcome } },
      );
    settledAs = outcome;
    await settle(outcome);
  };
  const delivery: Delivery = {
    ...metadata,
    ack: once('ack'),
    nack: once('nack'),
    nackWithRequeue: once('requeue'),
  };
  return { delivery, settled: () => settledAs !== undefined };
}
