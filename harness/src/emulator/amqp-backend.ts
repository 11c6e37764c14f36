import { randomBytes } from 'node:crypto';
import type { MessageReceiver, ReceiveEndpoint, ReceiverErrorListener } from '@fiks-faktura/sdk';
import { AmqpReceiver, kontoIdFromQueueName, kontoQueueName } from '@fiks-faktura/sdk/testing';
import amqp, { type Channel, type ChannelModel, type ConfirmChannel, type ConsumeMessage } from 'amqplib';
import type {
  BrokerBackend,
  BrokerBackendListener,
  DeadLetterReason,
  QueuedMessage,
} from './broker-backend.js';
import { EmulatorError } from './emulator-error.js';

/** RabbitMQ counts returns: a limit of 2 allows Fiks IO's three deliveries. */
const QUORUM_DELIVERY_LIMIT = 2;

const REASONS: Readonly<Record<string, DeadLetterReason>> = {
  expired: 'expired',
  delivery_limit: 'delivery-limit',
  rejected: 'rejected',
};

/** The broker URL with user and password as the local broker takes them (amqplib's default guest/guest when absent). */
function withCredentials(url: URL): URL {
  const copy = new URL(url);
  if (copy.username === '') {
    copy.username = 'guest';
    copy.password = 'guest';
  }
  return copy;
}

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/**
 * The RabbitMQ back end. Declares `fiksio.konto.<id>` as quorum queues with a delivery limit and
 * a dead-letter exchange of its own run (`fiksio.emulator.<run>.dlx`), publishes with the ttl as
 * the `expiration` property, and consumes the dead letters: `x-first-death-reason` `expired`
 * becomes `tidsavbrudd`, `delivery_limit` and `rejected` become `serverfeil`. Clients consume
 * the account queues on RabbitMQ directly, with the broker's own credentials.
 */
export class AmqpBackend implements BrokerBackend {
  readonly description: string;
  readonly #url: URL;
  readonly #connection: ChannelModel;
  readonly #publisher: ConfirmChannel;
  readonly #deadLetters: Channel;
  readonly #exchange: string;
  readonly #deadQueue: string;
  readonly #queues = new Set<string>();
  #listener: BrokerBackendListener | undefined;
  #closed = false;

  private constructor(
    url: URL,
    connection: ChannelModel,
    publisher: ConfirmChannel,
    deadLetters: Channel,
    run: string,
  ) {
    this.#url = withCredentials(url);
    const shown = new URL(url);
    shown.password = '';
    shown.username = '';
    this.description = shown.toString().replace(/\/$/, '');
    this.#connection = connection;
    this.#publisher = publisher;
    this.#deadLetters = deadLetters;
    this.#exchange = `fiksio.emulator.${run}.dlx`;
    this.#deadQueue = `fiksio.emulator.${run}.dead`;
  }

  /** Connects to RabbitMQ and declares the run's dead-letter exchange and queue. */
  static async connect(brokerUrl: string): Promise<AmqpBackend> {
    const url = new URL(brokerUrl);
    let connection: ChannelModel;
    try {
      connection = await amqp.connect(withCredentials(url).toString(), {
        clientProperties: { connection_name: 'Fiks IO emulator' },
      });
    } catch (cause) {
      throw new EmulatorError(
        503,
        'BROKER_UNREACHABLE',
        `RabbitMQ at ${url.host} could not be reached or refused the credentials`,
        { cause, details: { host: url.host } },
      );
    }
    connection.on('error', () => undefined);
    const publisher = await connection.createConfirmChannel();
    const deadLetters = await connection.createChannel();
    const backend = new AmqpBackend(url, connection, publisher, deadLetters, randomBytes(6).toString('hex'));
    await backend.#setUpDeadLetters();
    return backend;
  }

  listen(listener: BrokerBackendListener): void {
    this.#listener = listener;
  }

  async declareAccount(kontoId: string): Promise<void> {
    const queue = kontoQueueName(kontoId);
    try {
      await this.#publisher.assertQueue(queue, {
        durable: true,
        arguments: {
          'x-queue-type': 'quorum',
          'x-delivery-limit': QUORUM_DELIVERY_LIMIT,
          'x-dead-letter-exchange': this.#exchange,
        },
      });
    } catch (cause) {
      throw new EmulatorError(
        409,
        'QUEUE_DECLARE_FAILED',
        `RabbitMQ refused to declare ${queue}; a queue of that name may exist with other settings (delete it or use a fresh kontoId)`,
        { cause, details: { queue } },
      );
    }
    this.#queues.add(queue);
  }

  async publish(kontoId: string, message: QueuedMessage): Promise<void> {
    const queue = kontoQueueName(kontoId);
    await new Promise<void>((resolve, reject) => {
      this.#publisher.sendToQueue(
        queue,
        message.body,
        { headers: message.headers, expiration: String(message.expirationMs), persistent: true },
        (error) => (error ? reject(error) : resolve()),
      );
    });
  }

  async queueStats(kontoId: string): Promise<{ messages: number; consumers: number }> {
    const reply = await this.#publisher.checkQueue(kontoQueueName(kontoId));
    return { messages: reply.messageCount, consumers: reply.consumerCount };
  }

  createReceiver(
    kontoId: string,
    options: { onError?: ReceiverErrorListener; prefetch?: number } = {},
  ): MessageReceiver {
    const password = decodeURIComponent(this.#url.password);
    return new AmqpReceiver({
      ...options,
      kontoId,
      url: this.#url.toString(),
      username: decodeURIComponent(this.#url.username),
      password: async () => password,
    });
  }

  receiveEndpoint(): ReceiveEndpoint {
    return { type: 'amqp', url: this.#url.toString().replace(/\/$/, '') };
  }

  async close(options: { deleteQueues?: boolean } = {}): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    try {
      if (options.deleteQueues) {
        for (const queue of this.#queues) await this.#publisher.deleteQueue(queue);
        await this.#publisher.deleteExchange(this.#exchange);
      }
      await this.#deadLetters.close().catch(() => undefined);
      await this.#publisher.close().catch(() => undefined);
    } finally {
      await this.#connection.close().catch(() => undefined);
    }
  }

  async #setUpDeadLetters(): Promise<void> {
    await this.#deadLetters.assertExchange(this.#exchange, 'fanout', { durable: true });
    await this.#deadLetters.assertQueue(this.#deadQueue, { exclusive: true, durable: false });
    await this.#deadLetters.bindQueue(this.#deadQueue, this.#exchange, '');
    await this.#deadLetters.consume(this.#deadQueue, (message) => this.#onDeadLetter(message), {
      noAck: false,
    });
  }

  #onDeadLetter(message: ConsumeMessage | null): void {
    if (message === null) return;
    this.#deadLetters.ack(message);
    const raw = message.properties.headers ?? {};
    const reasonText = headerText(raw['x-first-death-reason']);
    const queue = headerText(raw['x-first-death-queue']);
    const reason = reasonText === undefined ? undefined : REASONS[reasonText];
    const kontoId = queue === undefined ? undefined : kontoIdFromQueueName(queue);
    if (reason === undefined || kontoId === undefined) return;
    const headers: Record<string, string> = {};
    for (const [key, value] of Object.entries(raw)) {
      if (key.startsWith('x-')) continue;
      const text = headerText(value);
      if (text !== undefined) headers[key] = text;
    }
    const meldingId = headers['melding-id'];
    if (meldingId !== undefined)
      this.#listener?.onEvent({
        type: reason === 'expired' ? 'expired' : 'dead-lettered',
        meldingId,
        kontoId,
        detail: reasonText!,
      });
    this.#listener?.onDeadLetter({ kontoId, headers, reason });
  }
}
