import type { SettleOutcome } from '../delivery-dispatcher.js';
import { kontoQueueName } from '../queue-name.js';
import { ReceiverLifecycle, type ReceiverLifecycleOptions } from '../receiver-lifecycle.js';
import type { BrokerConsumer, BrokerDelivery } from './broker-messages.js';
import type { MemoryBroker } from './memory-broker.js';

/** Options of {@link MemoryReceiver}. */
export interface MemoryReceiverOptions extends ReceiverLifecycleOptions {
  broker: MemoryBroker;
  /** Unsettled deliveries in flight at most (default 10). */
  prefetch?: number;
}

/** Consumes `fiksio.konto.<kontoId>` from a {@link MemoryBroker} in the same process. */
export class MemoryReceiver extends ReceiverLifecycle {
  readonly #broker: MemoryBroker;
  readonly #prefetch: number;
  readonly #queue: string;
  #consumer: BrokerConsumer | undefined;

  constructor(options: MemoryReceiverOptions) {
    super(options);
    this.#broker = options.broker;
    this.#prefetch = options.prefetch ?? 10;
    this.#queue = kontoQueueName(options.kontoId);
  }

  protected async connect(): Promise<void> {
    const consumer: BrokerConsumer = this.#broker.consume(this.#queue, {
      prefetch: this.#prefetch,
      onDelivery: (delivery) => this.#onDelivery(consumer, delivery),
      onCancel: () => {
        if (this.#consumer !== consumer) return;
        this.#consumer = undefined;
        this.connectionLost(new Error(`the queue ${this.#queue} was deleted`));
      },
    });
    this.#consumer = consumer;
  }

  protected async cancelConsumer(): Promise<void> {
    this.#consumer?.cancel();
  }

  protected async disconnect(): Promise<void> {
    const consumer = this.#consumer;
    this.#consumer = undefined;
    consumer?.close();
  }

  #onDelivery(consumer: BrokerConsumer, delivery: BrokerDelivery): void {
    const { message } = delivery;
    this.deliver(
      {
        headers: message.headers,
        expiration: message.expirationMs,
        redelivered: delivery.redelivered,
        routingKey: message.queue,
        body: message.body,
      },
      async (outcome: SettleOutcome) => {
        if (this.#consumer !== consumer) return this.settlementSkipped();
        try {
          if (outcome === 'ack') consumer.ack(delivery.deliveryTag);
          else consumer.nack(delivery.deliveryTag, outcome === 'requeue');
        } catch {
          this.settlementSkipped();
        }
      },
    );
  }
}
