// The in-memory broker's vocabulary: what publishers hand it, what consumers and hooks see of it.
import type { MemoryBroker } from './memory-broker.js';

/** What a publisher hands to {@link MemoryBroker.publish}. */
export interface BrokerPublication {
  /** AMQP headers, as Fiks IO sets them (`melding-id`, `type`, `avsender-id`, …). */
  headers: Readonly<Record<string, string>>;
  body?: Buffer | Uint8Array;
  /** Per-message time to live (the AMQP `expiration` property), in ms. */
  expirationMs?: number;
  /** Deliveries the message already had (a broker redelivering it): its next delivery is flagged redelivered. */
  previousDeliveries?: number;
}

/** A message held by the broker, as passed to hooks. */
export interface BrokerMessage {
  /** Broker-assigned id, increasing in publish order. */
  readonly id: string;
  readonly queue: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly expirationMs?: number;
  /** Epoch ms. */
  readonly publishedAt: number;
  /** How often it was delivered so far. */
  readonly deliveryCount: number;
}

/** One delivery handed to a consumer. */
export interface BrokerDelivery {
  /** Unique per consumer, increasing; settle with it. */
  deliveryTag: number;
  redelivered: boolean;
  message: BrokerMessage;
}

/** A timeline entry. */
export interface BrokerEvent {
  type: 'published' | 'delivered' | 'acked' | 'nacked' | 'requeued' | 'expired' | 'dead-lettered';
  /** Epoch ms. */
  at: number;
  queue: string;
  messageId: string;
  /** The Fiks IO `melding-id` header, when present. */
  meldingId?: string;
  deliveryCount: number;
  consumerTag?: string;
}

/** Counters and depths of one queue. */
export interface QueueStats {
  queue: string;
  /** Messages waiting for a consumer. */
  ready: number;
  /** Messages delivered and not yet settled. */
  unacked: number;
  consumers: number;
  published: number;
  delivered: number;
  acked: number;
  nacked: number;
  requeued: number;
  expired: number;
  deadLettered: number;
}

/** A consumer on one queue; like an AMQP channel with one consumer, it settles its deliveries. */
export interface BrokerConsumer {
  readonly tag: string;
  readonly queue: string;
  /** Deliveries not yet settled. */
  readonly unacked: number;
  /** Ack: the message is done with and leaves the queue. */
  ack(deliveryTag: number): void;
  /** Nack: with `requeue` the message goes back (redelivered), otherwise it is rejected. */
  nack(deliveryTag: number, requeue: boolean): void;
  /** Stops new deliveries; unsettled ones stay settleable. */
  cancel(): void;
  /** Cancels and returns every unsettled delivery to the queue, like a closed channel. */
  close(): void;
}

/** Options of {@link MemoryBroker}. */
export interface MemoryBrokerOptions {
  /**
   * Dead-letter a message returned to its queue after this many deliveries without ack
   * (Fiks IO: 3). Unlimited when absent.
   */
  deliveryLimit?: number;
  /** Called when a message reaches `deliveryLimit` and leaves its queue. */
  onDeliveryLimit?: (message: BrokerMessage) => void;
  /** Called when a ready message's time to live runs out and it leaves its queue. */
  onExpired?: (message: BrokerMessage) => void;
  /** Called when a consumer nacks a message without requeue and it leaves its queue. */
  onRejected?: (message: BrokerMessage) => void;
  /** Called for every timeline event. */
  onEvent?: (event: BrokerEvent) => void;
}
