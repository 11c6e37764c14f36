import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { isFiksError } from '../../errors/fiks-error.js';
import type { BrokerConsumer, BrokerDelivery } from '../memory/broker-messages.js';
import type { MemoryBroker } from '../memory/memory-broker.js';
import { kontoQueueName } from '../queue-name.js';
import {
  CLOSE_PROTOCOL_ERROR,
  CLOSE_QUEUE_NOT_FOUND,
  type ClientFrame,
  parseClientFrame,
  type ServerFrame,
} from './bridge-protocol.js';

/** Options of {@link attachWebSocketBridge}. */
export interface WebSocketBridgeOptions {
  /**
   * Decides who may connect, from the upgrade request (its `Authorization`, `IntegrasjonId` and
   * `IntegrasjonPassord` headers, and the `kontoId` query parameter). Resolve null to refuse
   * with 401.
   */
  authenticate(request: IncomingMessage): Promise<{ kontoId: string } | null>;
  /** URL path of the bridge (default `/fiks-io/bridge`). */
  path?: string;
  /** Ping interval; a client that misses a pong is disconnected (default 15 000 ms). */
  heartbeatMs?: number;
}

/** A running bridge. */
export interface WebSocketBridge {
  /** `ws://host:port/path`, when the HTTP server listens on a TCP port. */
  readonly url: string | undefined;
  /** Open consumer connections. */
  readonly connections: number;
  /** Drops every connection at once, like a network failure (their deliveries are requeued). */
  dropConnections(): void;
  /** Closes all connections, detaches from the HTTP server, and closes it if the bridge created it. */
  close(): Promise<void>;
}

/**
 * Serves a {@link MemoryBroker}'s account queues over WebSocket, so consumers in other processes
 * (`WebSocketReceiver`) get AMQP semantics: prefetch, manual ack, nack, requeue. Deliveries left
 * unsettled on a dropped socket go back to the queue and are redelivered.
 */
export async function attachWebSocketBridge(
  target: Server | { port: number; host?: string },
  broker: MemoryBroker,
  options: WebSocketBridgeOptions,
): Promise<WebSocketBridge> {
  const path = options.path ?? '/fiks-io/bridge';
  const owned = !('on' in target);
  const server: Server = owned ? createServer((_req, res) => res.writeHead(426).end()) : target;
  const wss = new WebSocketServer({ noServer: true });
  const alive = new WeakMap<WebSocket, boolean>();

  const onUpgrade = (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    const url = URL.canParse(request.url ?? '/', 'http://bridge')
      ? new URL(request.url ?? '/', 'http://bridge')
      : undefined;
    if (url?.pathname !== path) {
      if (owned)
        refuse(socket, url === undefined ? 400 : 404, url === undefined ? 'Bad Request' : 'Not Found');
      return;
    }
    socket.on('error', () => socket.destroy());
    void (async () => {
      const identity = await options.authenticate(request).catch(() => null);
      if (identity === null) return refuse(socket, 401, 'Unauthorized');
      const asked = url.searchParams.get('kontoId');
      if (asked !== null && asked.toLowerCase() !== identity.kontoId.toLowerCase())
        return refuse(socket, 403, 'Forbidden');
      const queue = kontoQueueName(identity.kontoId);
      if (!broker.hasQueue(queue)) return refuse(socket, 404, 'Not Found');
      wss.handleUpgrade(request, socket, head, (ws) => {
        alive.set(ws, true);
        ws.on('pong', () => alive.set(ws, true));
        serveConsumer(ws, queue, broker);
      });
    })();
  };
  server.on('upgrade', onUpgrade);

  const heartbeat = setInterval(() => {
    for (const ws of wss.clients) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 15_000);
  heartbeat.unref();

  if (owned) {
    const { port, host } = target;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host ?? '127.0.0.1', () => {
        server.off('error', reject);
        resolve();
      });
    });
  }

  return {
    get url() {
      const address = server.address() as AddressInfo | string | null;
      if (address === null || typeof address === 'string') return undefined;
      const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      return `ws://${host}:${address.port}${path}`;
    },
    get connections() {
      return wss.clients.size;
    },
    dropConnections() {
      for (const ws of wss.clients) ws.terminate();
    },
    async close() {
      clearInterval(heartbeat);
      server.off('upgrade', onUpgrade);
      for (const ws of wss.clients) ws.close(1001, 'bridge closing');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      for (const ws of wss.clients) ws.terminate();
      if (owned) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server.close(() => resolve()));
      }
    },
  };
}

function refuse(socket: Duplex, status: number, text: string): void {
  socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** One socket, at most one consumer; closing the socket returns unsettled deliveries to the queue. */
function serveConsumer(ws: WebSocket, queue: string, broker: MemoryBroker): void {
  let consumer: BrokerConsumer | undefined;
  const send = (frame: ServerFrame) => {
    if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(frame));
  };
  const deliver = (delivery: BrokerDelivery) => {
    const { message } = delivery;
    send({
      op: 'deliver',
      deliveryTag: delivery.deliveryTag,
      redelivered: delivery.redelivered,
      queue: message.queue,
      headers: { ...message.headers },
      body: message.body.toString('base64'),
      ...(message.expirationMs === undefined ? {} : { expirationMs: message.expirationMs }),
    });
  };
  const handle = (frame: ClientFrame) => {
    if (frame.op === 'consume') {
      if (consumer !== undefined) throw new Error('this connection already consumes');
      consumer = broker.consume(queue, {
        prefetch: frame.prefetch,
        onDelivery: deliver,
        onCancel: () => ws.close(CLOSE_QUEUE_NOT_FOUND, 'the queue was deleted'),
      });
      send({ op: 'consume-ok', queue, consumerTag: consumer.tag });
    } else if (frame.op === 'cancel') {
      consumer?.cancel();
      send({ op: 'cancel-ok' });
    } else {
      if (consumer === undefined) throw new Error('settling before consuming');
      if (frame.op === 'ack') consumer.ack(frame.deliveryTag);
      else consumer.nack(frame.deliveryTag, frame.requeue);
    }
  };
  ws.on('message', (data, isBinary) => {
    let frame: ClientFrame;
    try {
      frame = parseClientFrame(isBinary ? '' : data.toString());
    } catch (error) {
      send({ op: 'error', code: 'BRIDGE_PROTOCOL_ERROR', message: (error as Error).message });
      ws.close(CLOSE_PROTOCOL_ERROR, 'protocol error');
      return;
    }
    try {
      handle(frame);
    } catch (error) {
      const code = isFiksError(error) ? error.code : 'BRIDGE_PROTOCOL_ERROR';
      send({ op: 'error', code, message: (error as Error).message });
    }
  });
  ws.on('error', () => undefined);
  ws.on('close', () => {
    consumer?.close();
    consumer = undefined;
  });
}
