import amqp, { type Channel, type ChannelModel, type ConsumeMessage, type SocketOptions } from 'amqplib';
import type { SettleOutcome } from '../delivery-dispatcher.js';
import { kontoQueueName } from '../queue-name.js';
import { ReceiverLifecycle, type ReceiverLifecycleOptions } from '../receiver-lifecycle.js';
import { TransportError } from '../transport-error.js';

/** Options of {@link AmqpReceiver}. */
export interface AmqpReceiverOptions extends ReceiverLifecycleOptions {
  /** Broker address, e.g. `amqps://io.fiks.ks.no:5671` (credentials in it are ignored). */
  url: string;
  /** The integration id. */
  username: string;
  /** Called on every (re)connect: `"<integrasjonPassord> <fresh Maskinporten token>"`. */
  password: () => Promise<string>;
  /** Unacknowledged deliveries in flight at most (default 10). */
  prefetch?: number;
  /** Shown by the broker as the connection name. */
  applicationName?: string;
  /** TLS and socket settings passed to amqplib. */
  socketOptions?: Omit<SocketOptions, 'credentials' | 'clientProperties'>;
}

/**
 * Consumes `fiksio.konto.<kontoId>` over AMQP 0-9-1 like the KS clients: one channel, manual
 * ack, `basic.qos(prefetch, global=false)`, the queue never declared. Reconnects with backoff,
 * asking `password()` again each time, and resumes consuming.
 */
export class AmqpReceiver extends ReceiverLifecycle {
  readonly #options: AmqpReceiverOptions;
  readonly #url: string;
  readonly #queue: string;
  #connection: ChannelModel | undefined;
  #channel: Channel | undefined;
  #consumerTag: string | undefined;

  constructor(options: AmqpReceiverOptions) {
    super(options);
    this.#options = options;
    const url = new URL(options.url);
    url.username = '';
    url.password = '';
    this.#url = url.toString();
    this.#queue = kontoQueueName(options.kontoId);
  }

  protected async connect(): Promise<void> {
    const password = await this.#options.password();
    const connection = await amqp.connect(this.#url, {
      ...this.#options.socketOptions,
      credentials: amqp.credentials.plain(this.#options.username, password),
      clientProperties: { connection_name: this.#options.applicationName ?? 'Fiks IO klient (TypeScript)' },
    });
    this.#connection = connection;
    connection.on('error', () => undefined); // 'close' follows and is handled there
    connection.on('close', (error?: Error) => {
      if (this.#connection !== connection) return;
      this.#connection = undefined;
      this.#channel = undefined;
      this.connectionLost(error ?? new Error('the broker closed the connection'));
    });
    const channel = await connection.createChannel();
    this.#channel = channel;
    channel.on('error', () => undefined);
    channel.on('close', () => {
      if (this.#channel !== channel) return;
      this.#channel = undefined;
      this.connectionLost(new Error('the channel was closed'));
    });
    await channel.prefetch(this.#options.prefetch ?? 10, false);
    try {
      const reply = await channel.consume(this.#queue, (message) => this.#onMessage(channel, message), {
        noAck: false,
      });
      this.#consumerTag = reply.consumerTag;
    } catch (error) {
      if ((error as { code?: unknown }).code === 404)
        throw new TransportError(
          'QUEUE_NOT_FOUND',
          `The queue ${this.#queue} does not exist on the broker; check kontoId and that the account is active`,
          { cause: error, details: { queue: this.#queue } },
        );
      throw error;
    }
  }

  protected async cancelConsumer(): Promise<void> {
    if (this.#channel !== undefined && this.#consumerTag !== undefined)
      await this.#channel.cancel(this.#consumerTag);
    this.#consumerTag = undefined;
  }

  protected async disconnect(): Promise<void> {
    const connection = this.#connection;
    const channel = this.#channel;
    this.#connection = undefined;
    this.#channel = undefined;
    this.#consumerTag = undefined;
    // Closing the channel first flushes its pending acks: amqplib multiplexes channel frames, so a
    // connection close could otherwise overtake them and the broker would requeue acked messages.
    if (channel !== undefined) await channel.close().catch(() => undefined);
    if (connection !== undefined) await connection.close();
  }

  #onMessage(channel: Channel, message: ConsumeMessage | null): void {
    if (message === null) {
      if (this.#channel === channel) this.connectionLost(new Error('the broker cancelled the consumer'));
      return;
    }
    this.deliver(
      {
        headers: message.properties.headers,
        expiration: message.properties.expiration,
        redelivered: message.fields.redelivered,
        routingKey: message.fields.routingKey || this.#queue,
        body: message.content,
      },
      async (outcome: SettleOutcome) => {
        if (this.#channel !== channel) return this.settlementSkipped();
        try {
          if (outcome === 'ack') channel.ack(message);
          else channel.nack(message, false, outcome === 'requeue');
        } catch {
          this.settlementSkipped();
        }
      },
    );
  }
}
