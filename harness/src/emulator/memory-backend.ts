import type { IncomingMessage, Server } from 'node:http';
import type { MessageReceiver, ReceiveEndpoint, ReceiverErrorListener } from '@fiks-faktura/sdk';
import {
  attachWebSocketBridge,
  type BrokerEvent,
  type BrokerMessage,
  kontoIdFromQueueName,
  kontoQueueName,
  MemoryBroker,
  MemoryReceiver,
  type WebSocketBridge,
} from '@fiks-faktura/sdk/testing';
import type {
  BrokerBackend,
  BrokerBackendListener,
  DeadLetterReason,
  QueuedMessage,
} from './broker-backend.js';

/** Fiks IO gives up on a message after this many deliveries without an ack. */
export const FIKS_IO_DELIVERY_LIMIT = 3;
/** Path of the WebSocket bridge on the emulator's HTTP server. */
export const BRIDGE_PATH = '/fiks-io/bridge';

/**
 * The in-memory back end: a `MemoryBroker` with Fiks IO's delivery limit; in-process consumers
 * attach directly, consumers in other processes over the WebSocket bridge.
 */
export class MemoryBackend implements BrokerBackend {
  readonly description = 'memory';
  readonly broker: MemoryBroker;
  #listener: BrokerBackendListener | undefined;
  #bridge: WebSocketBridge | undefined;

  constructor() {
    this.broker = new MemoryBroker({
      deliveryLimit: FIKS_IO_DELIVERY_LIMIT,
      onEvent: (event) => this.#onEvent(event),
      onExpired: (message) => this.#deadLetter(message, 'expired'),
      onDeliveryLimit: (message) => this.#deadLetter(message, 'delivery-limit'),
      onRejected: (message) => this.#deadLetter(message, 'rejected'),
    });
  }

  listen(listener: BrokerBackendListener): void {
    this.#listener = listener;
  }

  async declareAccount(kontoId: string): Promise<void> {
    this.broker.declareQueue(kontoQueueName(kontoId));
  }

  async publish(kontoId: string, message: QueuedMessage): Promise<void> {
    const { redelivered, ...publication } = message;
    this.broker.publish(kontoQueueName(kontoId), {
      ...publication,
      ...(redelivered === true ? { previousDeliveries: 1 } : {}),
    });
  }

  async queueStats(kontoId: string): Promise<{ messages: number; consumers: number }> {
    const stats = this.broker.stats(kontoQueueName(kontoId));
    return { messages: stats.ready + stats.unacked, consumers: stats.consumers };
  }

  createReceiver(
    kontoId: string,
    options: { onError?: ReceiverErrorListener; prefetch?: number } = {},
  ): MessageReceiver {
    return new MemoryReceiver({ broker: this.broker, kontoId, ...options });
  }

  async attachHttpServer(
    server: Server,
    authenticate: (request: IncomingMessage) => Promise<{ kontoId: string } | null>,
  ): Promise<void> {
    this.#bridge = await attachWebSocketBridge(server, this.broker, { authenticate, path: BRIDGE_PATH });
  }

  receiveEndpoint(baseUrl: string): ReceiveEndpoint {
    const url = new URL(BRIDGE_PATH, baseUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return { type: 'websocket', url: url.toString() };
  }

  async close(options: { deleteQueues?: boolean } = {}): Promise<void> {
    await this.#bridge?.close();
    this.#bridge = undefined;
    if (options.deleteQueues) for (const queue of this.broker.queueNames()) this.broker.deleteQueue(queue);
    this.broker.close();
  }

  #onEvent(event: BrokerEvent): void {
    if (event.type === 'published' || event.meldingId === undefined) return;
    this.#listener?.onEvent({
      type: event.type,
      meldingId: event.meldingId,
      kontoId: kontoIdFromQueueName(event.queue) ?? event.queue,
      deliveryCount: event.deliveryCount,
    });
  }

  #deadLetter(message: BrokerMessage, reason: DeadLetterReason): void {
    const kontoId = kontoIdFromQueueName(message.queue);
    if (kontoId === undefined) return;
    this.#listener?.onDeadLetter({ kontoId, headers: { ...message.headers }, reason });
  }
}
