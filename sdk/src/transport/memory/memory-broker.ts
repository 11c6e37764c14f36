import { TransportError } from '../transport-error.js';
import type {
  BrokerConsumer,
  BrokerDelivery,
  BrokerEvent,
  BrokerMessage,
  BrokerPublication,
  MemoryBrokerOptions,
  QueueStats,
} from './broker-messages.js';

interface StoredMessage {
  id: string;
  seq: number;
  queue: string;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
  expirationMs?: number;
  expiresAt?: number;
  publishedAt: number;
  deliveryCount: number;
}

interface QueueState {
  name: string;
  ready: StoredMessage[];
  consumers: ConsumerState[];
  nextConsumer: number;
  counts: Omit<QueueStats, 'queue' | 'ready' | 'unacked' | 'consumers'>;
}

interface ConsumerState {
  tag: string;
  queue: QueueState;
  prefetch: number;
  nextTag: number;
  unacked: Map<number, StoredMessage>;
  active: boolean;
  closed: boolean;
  onDelivery: (delivery: BrokerDelivery) => void;
  onCancel: (() => void) | undefined;
}

/**
 * An in-process message broker with the AMQP semantics Fiks IO relies on: named queues, FIFO
 * delivery to competing consumers with prefetch, manual ack, nack, requeue (redelivered flag and
 * delivery count), per-message expiry checked by a timer, a delivery limit, and an event timeline.
 */
export class MemoryBroker {
  readonly #options: MemoryBrokerOptions;
  readonly #queues = new Map<string, QueueState>();
  #seq = 0;
  #consumerSeq = 0;
  #expiryTimer: NodeJS.Timeout | undefined;
  #expiryAt = Number.POSITIVE_INFINITY;
  #pumpScheduled = new Set<QueueState>();

  constructor(options: MemoryBrokerOptions = {}) {
    this.#options = options;
  }

  /** Creates the queue when it does not exist. */
  declareQueue(name: string): void {
    if (this.#queues.has(name)) return;
    this.#queues.set(name, {
      name,
      ready: [],
      consumers: [],
      nextConsumer: 0,
      counts: { published: 0, delivered: 0, acked: 0, nacked: 0, requeued: 0, expired: 0, deadLettered: 0 },
    });
  }

  /** Whether a queue of this name has been declared. */
  hasQueue(name: string): boolean {
    return this.#queues.has(name);
  }

  /** Names of all queues. */
  queueNames(): string[] {
    return [...this.#queues.keys()];
  }

  /** Deletes a queue with its messages; its consumers are cancelled (their `onCancel` runs). */
  deleteQueue(name: string): void {
    const queue = this.#queues.get(name);
    if (queue === undefined) return;
    this.#queues.delete(name);
    for (const consumer of [...queue.consumers]) {
      consumer.active = false;
      consumer.closed = true;
      consumer.unacked.clear();
      consumer.onCancel?.();
    }
    queue.consumers = [];
  }

  /** Puts a message on a queue; throws `QUEUE_NOT_FOUND` when the queue does not exist. */
  publish(queueName: string, publication: BrokerPublication): BrokerMessage {
    const queue = this.#queue(queueName);
    const now = Date.now();
    const seq = ++this.#seq;
    const message: StoredMessage = {
      id: `m${seq}`,
      seq,
      queue: queueName,
      headers: { ...publication.headers },
      body: Buffer.from(publication.body ?? Buffer.alloc(0)),
      publishedAt: now,
      deliveryCount: publication.previousDeliveries ?? 0,
    };
    if (publication.expirationMs !== undefined) {
      message.expirationMs = publication.expirationMs;
      message.expiresAt = now + publication.expirationMs;
    }
    queue.ready.push(message);
    queue.counts.published++;
    this.#emit('published', message);
    this.#watchExpiry(message);
    this.#schedulePump(queue);
    return snapshot(message);
  }

  /** Attaches a consumer; `prefetch` 0 means unlimited (default 10). */
  consume(
    queueName: string,
    options: {
      prefetch?: number;
      onDelivery: (delivery: BrokerDelivery) => void;
      /** Called when the broker cancels the consumer (its queue was deleted). */
      onCancel?: () => void;
    },
  ): BrokerConsumer {
    const queue = this.#queue(queueName);
    const state: ConsumerState = {
      tag: `consumer-${++this.#consumerSeq}`,
      queue,
      prefetch: options.prefetch ?? 10,
      nextTag: 0,
      unacked: new Map(),
      active: true,
      closed: false,
      onDelivery: options.onDelivery,
      onCancel: options.onCancel,
    };
    queue.consumers.push(state);
    this.#schedulePump(queue);
    return {
      tag: state.tag,
      queue: queueName,
      get unacked() {
        return state.unacked.size;
      },
      ack: (deliveryTag) => this.#settle(state, deliveryTag, 'ack'),
      nack: (deliveryTag, requeue) => this.#settle(state, deliveryTag, requeue ? 'requeue' : 'nack'),
      cancel: () => this.#cancel(state),
      close: () => {
        this.#cancel(state);
        if (state.closed) return;
        state.closed = true;
        const returned = [...state.unacked.values()];
        state.unacked.clear();
        for (const message of returned) this.#return(state, message);
        this.#schedulePump(queue);
      },
    };
  }

  /** Depths and counters of a queue; throws `QUEUE_NOT_FOUND` when it does not exist. */
  stats(queueName: string): QueueStats {
    const queue = this.#queue(queueName);
    let unacked = 0;
    for (const consumer of queue.consumers) unacked += consumer.unacked.size;
    return {
      queue: queueName,
      ready: queue.ready.length,
      unacked,
      consumers: queue.consumers.filter((c) => c.active).length,
      ...queue.counts,
    };
  }

  /** Stops the expiry timer. The broker stays usable; the timer restarts on the next publish. */
  close(): void {
    clearTimeout(this.#expiryTimer);
    this.#expiryTimer = undefined;
    this.#expiryAt = Number.POSITIVE_INFINITY;
  }

  #queue(name: string): QueueState {
    const queue = this.#queues.get(name);
    if (queue === undefined)
      throw new TransportError('QUEUE_NOT_FOUND', `The queue ${name} does not exist; declare it first`, {
        details: { queue: name },
      });
    return queue;
  }

  #cancel(consumer: ConsumerState): void {
    if (!consumer.active) return;
    consumer.active = false;
    // Keep it in the list while it has unsettled deliveries so stats count them.
    if (consumer.unacked.size === 0) this.#forget(consumer);
  }

  #forget(consumer: ConsumerState): void {
    consumer.queue.consumers = consumer.queue.consumers.filter((c) => c !== consumer);
  }

  #settle(consumer: ConsumerState, deliveryTag: number, outcome: 'ack' | 'nack' | 'requeue'): void {
    const message = consumer.unacked.get(deliveryTag);
    if (message === undefined)
      throw new TransportError(
        consumer.closed ? 'CONSUMER_CLOSED' : 'UNKNOWN_DELIVERY_TAG',
        consumer.closed
          ? `Consumer ${consumer.tag} is closed; its deliveries went back to the queue`
          : `Delivery tag ${deliveryTag} is not an unsettled delivery of consumer ${consumer.tag}`,
        { details: { consumerTag: consumer.tag, deliveryTag } },
      );
    consumer.unacked.delete(deliveryTag);
    const queue = consumer.queue;
    if (outcome === 'ack') {
      queue.counts.acked++;
      this.#emit('acked', message, consumer.tag);
    } else if (outcome === 'nack') {
      queue.counts.nacked++;
      this.#emit('nacked', message, consumer.tag);
      this.#notify(this.#options.onRejected, snapshot(message));
    } else this.#return(consumer, message);
    if (!consumer.active && consumer.unacked.size === 0) this.#forget(consumer);
    this.#schedulePump(queue);
  }

  /** Puts an unsettled message back in publish order, or dead-letters it at the delivery limit. */
  #return(consumer: ConsumerState, message: StoredMessage): void {
    const queue = consumer.queue;
    if (!this.#queues.has(queue.name)) return;
    const limit = this.#options.deliveryLimit;
    if (limit !== undefined && message.deliveryCount >= limit) {
      queue.counts.deadLettered++;
      this.#emit('dead-lettered', message, consumer.tag);
      this.#notify(this.#options.onDeliveryLimit, snapshot(message));
      return;
    }
    queue.counts.requeued++;
    this.#emit('requeued', message, consumer.tag);
    const at = queue.ready.findIndex((m) => m.seq > message.seq);
    queue.ready.splice(at === -1 ? queue.ready.length : at, 0, message);
    this.#watchExpiry(message);
  }

  #schedulePump(queue: QueueState): void {
    if (this.#pumpScheduled.has(queue)) return;
    this.#pumpScheduled.add(queue);
    queueMicrotask(() => {
      this.#pumpScheduled.delete(queue);
      this.#pump(queue);
    });
  }

  #pump(queue: QueueState): void {
    if (this.#queues.get(queue.name) !== queue) return;
    const now = Date.now();
    while (queue.ready.length > 0) {
      const consumer = this.#nextConsumer(queue);
      if (consumer === undefined) return;
      const message = queue.ready.shift()!;
      if (message.expiresAt !== undefined && message.expiresAt <= now) {
        this.#expire(queue, message);
        continue;
      }
      message.deliveryCount++;
      const deliveryTag = ++consumer.nextTag;
      consumer.unacked.set(deliveryTag, message);
      queue.counts.delivered++;
      this.#emit('delivered', message, consumer.tag);
      try {
        consumer.onDelivery({
          deliveryTag,
          redelivered: message.deliveryCount > 1,
          message: snapshot(message),
        });
      } catch {
        // A consumer callback that throws keeps its delivery unsettled, as on a real broker.
      }
    }
  }

  #nextConsumer(queue: QueueState): ConsumerState | undefined {
    const count = queue.consumers.length;
    for (let i = 0; i < count; i++) {
      const index = (queue.nextConsumer + i) % count;
      const consumer = queue.consumers[index]!;
      if (consumer.active && (consumer.prefetch === 0 || consumer.unacked.size < consumer.prefetch)) {
        queue.nextConsumer = (index + 1) % count;
        return consumer;
      }
    }
    return undefined;
  }

  #expire(queue: QueueState, message: StoredMessage): void {
    queue.counts.expired++;
    this.#emit('expired', message);
    this.#notify(this.#options.onExpired, snapshot(message));
  }

  #watchExpiry(message: StoredMessage): void {
    if (message.expiresAt === undefined || message.expiresAt >= this.#expiryAt) return;
    this.#armExpiryTimer(message.expiresAt);
  }

  #armExpiryTimer(at: number): void {
    clearTimeout(this.#expiryTimer);
    this.#expiryAt = at;
    this.#expiryTimer = setTimeout(() => this.#sweepExpired(), Math.max(0, at - Date.now()));
    this.#expiryTimer.unref();
  }

  #sweepExpired(): void {
    this.#expiryTimer = undefined;
    this.#expiryAt = Number.POSITIVE_INFINITY;
    const now = Date.now();
    let next = Number.POSITIVE_INFINITY;
    for (const queue of this.#queues.values()) {
      const kept: StoredMessage[] = [];
      const expired: StoredMessage[] = [];
      for (const message of queue.ready) {
        if (message.expiresAt !== undefined && message.expiresAt <= now) expired.push(message);
        else {
          kept.push(message);
          if (message.expiresAt !== undefined) next = Math.min(next, message.expiresAt);
        }
      }
      queue.ready = kept;
      for (const message of expired) this.#expire(queue, message);
    }
    if (next < this.#expiryAt) this.#armExpiryTimer(next);
  }

  #emit(type: BrokerEvent['type'], message: StoredMessage, consumerTag?: string): void {
    if (this.#options.onEvent === undefined) return;
    const event: BrokerEvent = {
      type,
      at: Date.now(),
      queue: message.queue,
      messageId: message.id,
      deliveryCount: message.deliveryCount,
    };
    const meldingId = message.headers['melding-id'];
    if (meldingId !== undefined) event.meldingId = meldingId;
    if (consumerTag !== undefined) event.consumerTag = consumerTag;
    this.#notify(this.#options.onEvent, event);
  }

  #notify<T>(hook: ((value: T) => void) | undefined, value: T): void {
    if (hook === undefined) return;
    try {
      hook(value);
    } catch {
      // Hooks observe the broker; their failures must not corrupt its state.
    }
  }
}

function snapshot(message: StoredMessage): BrokerMessage {
  const copy: { -readonly [K in keyof BrokerMessage]: BrokerMessage[K] } = {
    id: message.id,
    queue: message.queue,
    headers: message.headers,
    body: message.body,
    publishedAt: message.publishedAt,
    deliveryCount: message.deliveryCount,
  };
  if (message.expirationMs !== undefined) copy.expirationMs = message.expirationMs;
  return copy;
}
