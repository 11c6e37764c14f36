import WebSocket from 'ws';
import { isCataloguedCode } from '../../errors/error-catalogue.js';
import type { SettleOutcome } from '../delivery-dispatcher.js';
import { ReceiverLifecycle, type ReceiverLifecycleOptions } from '../receiver-lifecycle.js';
import { TransportError } from '../transport-error.js';
import {
  CLOSE_QUEUE_NOT_FOUND,
  type ClientFrame,
  parseServerFrame,
  type ServerFrame,
} from './bridge-protocol.js';

/** Options of {@link WebSocketReceiver}. */
export interface WebSocketReceiverOptions extends ReceiverLifecycleOptions {
  /** The bridge, e.g. `ws://127.0.0.1:8080/fiks-io/bridge`. */
  url: string;
  /**
   * Upgrade request headers, asked for on every (re)connect: `Authorization: Bearer <token>`,
   * `IntegrasjonId`, `IntegrasjonPassord`.
   */
  headers: () => Promise<Record<string, string>>;
  /** Unsettled deliveries in flight at most (default 10). */
  prefetch?: number;
  /** How long to wait for the bridge to answer a request (default 10 000 ms). */
  timeoutMs?: number;
}

type Waiter = { op: ServerFrame['op']; resolve: () => void; reject: (error: Error) => void };

/**
 * Consumes an account queue of a `MemoryBroker` in another process through its WebSocket
 * bridge, with the same semantics as AMQP: prefetch, manual ack, nack, requeue, redelivered flag,
 * reconnect with backoff (fresh headers each time) and resume.
 */
export class WebSocketReceiver extends ReceiverLifecycle {
  readonly #options: WebSocketReceiverOptions;
  #socket: WebSocket | undefined;
  #waiter: Waiter | undefined;

  constructor(options: WebSocketReceiverOptions) {
    super(options);
    this.#options = options;
  }

  protected async connect(): Promise<void> {
    const url = new URL(this.#options.url);
    url.searchParams.set('kontoId', this.kontoId);
    const headers = await this.#options.headers();
    const ws = new WebSocket(url, { headers, handshakeTimeout: this.#timeoutMs });
    ws.on('error', () => undefined); // 'close' follows
    await new Promise<void>((resolve, reject) => {
      ws.once('open', resolve);
      ws.once('unexpected-response', (request, response) => {
        request.destroy();
        reject(refusal(response.statusCode ?? 0, this.kontoId));
      });
      ws.once('close', () => reject(new Error('the bridge closed the connection during the handshake')));
      ws.once('error', reject);
    });
    this.#socket = ws;
    ws.on('message', (data, isBinary) => this.#onFrame(ws, isBinary ? '' : data.toString()));
    ws.on('close', (code, reason) => {
      const error =
        code === CLOSE_QUEUE_NOT_FOUND
          ? new TransportError('QUEUE_NOT_FOUND', `The bridge has no queue for account ${this.kontoId}`)
          : new Error(`the bridge connection closed (${code}${reason.length > 0 ? ` ${reason}` : ''})`);
      this.#waiter?.reject(error);
      this.#waiter = undefined;
      if (this.#socket !== ws) return;
      this.#socket = undefined;
      this.connectionLost(error);
    });
    await this.#request(ws, { op: 'consume', prefetch: this.#options.prefetch ?? 10 }, 'consume-ok');
  }

  protected async cancelConsumer(): Promise<void> {
    const ws = this.#socket;
    if (ws !== undefined) await this.#request(ws, { op: 'cancel' }, 'cancel-ok');
  }

  protected async disconnect(): Promise<void> {
    const ws = this.#socket;
    this.#socket = undefined;
    if (ws === undefined || ws.readyState === WebSocket.CLOSED) return;
    await new Promise<void>((resolve) => {
      const timer = setTimeout(() => ws.terminate(), this.#timeoutMs);
      ws.once('close', () => {
        clearTimeout(timer);
        resolve();
      });
      ws.close(1000, 'receiver closing');
    });
  }

  get #timeoutMs(): number {
    return this.#options.timeoutMs ?? 10_000;
  }

  #request(ws: WebSocket, frame: ClientFrame, answer: ServerFrame['op']): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.#waiter = undefined;
        reject(new TransportError('CONNECTION_FAILED', `The bridge did not answer ${frame.op} in time`));
      }, this.#timeoutMs);
      this.#waiter = {
        op: answer,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      ws.send(JSON.stringify(frame));
    });
  }

  #onFrame(ws: WebSocket, text: string): void {
    let frame: ServerFrame;
    try {
      frame = parseServerFrame(text);
    } catch (error) {
      this.reportError(error as Error);
      return;
    }
    if (frame.op === 'deliver') {
      this.#onDeliver(ws, frame);
      return;
    }
    const waiter = this.#waiter;
    if (frame.op === 'error') {
      const code = isCataloguedCode('TransportError', frame.code) ? frame.code : 'BRIDGE_PROTOCOL_ERROR';
      const error = new TransportError(code, `The bridge reported: ${frame.message}`, {
        details: { bridgeCode: frame.code },
      });
      if (waiter !== undefined) {
        this.#waiter = undefined;
        waiter.reject(error);
      } else this.reportError(error);
      return;
    }
    if (waiter?.op === frame.op) {
      this.#waiter = undefined;
      waiter.resolve();
    }
  }

  #onDeliver(ws: WebSocket, frame: Extract<ServerFrame, { op: 'deliver' }>): void {
    this.deliver(
      {
        headers: frame.headers,
        expiration: frame.expirationMs,
        redelivered: frame.redelivered,
        routingKey: frame.queue,
        body: Buffer.from(frame.body, 'base64'),
      },
      async (outcome: SettleOutcome) => {
        if (this.#socket !== ws || ws.readyState !== WebSocket.OPEN) return this.settlementSkipped();
        const settle: ClientFrame =
          outcome === 'ack'
            ? { op: 'ack', deliveryTag: frame.deliveryTag }
            : { op: 'nack', deliveryTag: frame.deliveryTag, requeue: outcome === 'requeue' };
        ws.send(JSON.stringify(settle));
      },
    );
  }
}

function refusal(status: number, kontoId: string): TransportError {
  if (status === 401 || status === 403)
    return new TransportError(
      'BRIDGE_UNAUTHORIZED',
      `The bridge refused the credentials for account ${kontoId} (HTTP ${status}); check the token, IntegrasjonId and IntegrasjonPassord`,
      { details: { status, kontoId } },
    );
  if (status === 404)
    return new TransportError(
      'QUEUE_NOT_FOUND',
      `The bridge has no queue for account ${kontoId} (HTTP 404)`,
      {
        details: { status, kontoId },
      },
    );
  return new TransportError('CONNECTION_FAILED', `The bridge answered the upgrade with HTTP ${status}`, {
    details: { status },
  });
}
