import type { IncomingMessage, Server } from 'node:http';
import type { MessageReceiver, ReceiveEndpoint, ReceiverErrorListener } from '@fiks-faktura/sdk';

/** A message as the platform puts it on an account queue. */
export interface QueuedMessage {
  /** Fiks IO's AMQP headers (`melding-id`, `type`, `avsender-id`, …). */
  headers: Record<string, string>;
  body: Buffer;
  /** The `expiration` property: the ttl in ms. */
  expirationMs: number;
  /**
   * Delivered before (the emulator redelivering it): the in-memory broker flags the delivery
   * redelivered; RabbitMQ cannot be told so, and delivers it as a new message with the same headers.
   */
  redelivered?: boolean;
}

/** Why a message left its queue without an ack. */
export type DeadLetterReason = 'expired' | 'delivery-limit' | 'rejected';

/** What a back end reports to the platform. */
export interface BrokerBackendListener {
  /** A broker event of a message on an account queue (for the timeline). */
  onEvent(event: {
    type: 'delivered' | 'acked' | 'nacked' | 'requeued' | 'expired' | 'dead-lettered';
    meldingId: string;
    kontoId: string;
    deliveryCount?: number;
    detail?: string;
  }): void;
  /** A message left its queue unconsumed: the platform tells the sender. */
  onDeadLetter(message: { kontoId: string; headers: Record<string, string>; reason: DeadLetterReason }): void;
}

/**
 * The broker under the emulator: one queue per account, ttl as expiry, three deliveries at most,
 * dead letters reported to the platform. Implemented in memory and on RabbitMQ.
 */
export interface BrokerBackend {
  /** `memory`, or the RabbitMQ URL without credentials. */
  readonly description: string;
  /** Set by the platform before the first account is declared. */
  listen(listener: BrokerBackendListener): void;
  /** Creates the account's queue (idempotent). */
  declareAccount(kontoId: string): Promise<void>;
  /** Puts a message on the account's queue. */
  publish(kontoId: string, message: QueuedMessage): Promise<void>;
  /** Messages waiting and consumers attached. */
  queueStats(kontoId: string): Promise<{ messages: number; consumers: number }>;
  /** An in-process consumer of the account's queue. */
  createReceiver(
    kontoId: string,
    options?: { onError?: ReceiverErrorListener; prefetch?: number },
  ): MessageReceiver;
  /**
   * Serves consumers in other processes on the emulator's HTTP server, when the back end needs it
   * (the in-memory one: its WebSocket bridge). `authenticate` resolves the account the upgrade
   * request may consume, or null.
   */
  attachHttpServer?(
    server: Server,
    authenticate: (request: IncomingMessage) => Promise<{ kontoId: string } | null>,
  ): Promise<void>;
  /** Where clients in other processes receive, for written configs (`baseUrl`: the emulator's http URL). */
  receiveEndpoint(baseUrl: string): ReceiveEndpoint;
  /** Closes the back end; `deleteQueues` removes the account queues and the emulator's topology. */
  close(options?: { deleteQueues?: boolean }): Promise<void>;
}
