import type { KeyObject, X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { AsiceContents, ReadAsiceOptions } from '../asice/asice-reader.js';
import type { AsiceFileInput } from '../asice/asice-writer.js';
import type { Signer } from '../crypto/cms-signature.js';
import type { SendRequest, SendtMelding } from '../http/fiks-io-sender.js';
import { openPayload } from '../payload/open.js';
import type { Delivery, MessageReceiver, ReceiverHealth } from '../transport/message-receiver.js';
import { ClientError } from './client-error.js';
import type { FiksIoConnection } from './fiks-io-connection.js';
import { ReceivedMessage } from './received-message.js';
import { type ReplyOptions, replyRequest } from './reply-request.js';
import { sealForSending } from './sealed-payload.js';

/** A message to send; its files travel in a signed ASiC-E encrypted to the recipient. */
export interface OutgoingMessage extends Omit<SendRequest, 'payload' | 'payloadLength' | 'avsenderKontoId'> {
  files?: readonly AsiceFileInput[];
}

/** Settings of a {@link FiksIoClient}. */
export interface FiksIoClientOptions {
  connection: FiksIoConnection;
  /** Signs the ASiC-E manifest of every sent payload. */
  signer: Signer;
  /** The account's private keys, newest first; every one is tried when decrypting. */
  privateKeys: readonly KeyObject[];
  /** Defaults for opening received payloads (trusted signers, limits). */
  open?: Omit<ReadAsiceOptions, 'outDir'>;
  /**
   * Certificates known as signers of received requests beside the sending account's catalog
   * certificate (e.g. a municipality's enterprise certificate); see {@link FiksIoClient.isKnownSigner}.
   */
  trustedSigners?: readonly X509Certificate[];
}

/** Called for every received message; it settles the message itself (ack, nack, requeue). */
export type MessageHandler = (message: ReceivedMessage) => Promise<void>;

/**
 * A Fiks IO client for one account: seals and sends messages (signed ASiC-E, encrypted to the
 * recipient's catalog certificate), consumes the account's queue, opens payloads and replies.
 */
export class FiksIoClient {
  readonly #options: FiksIoClientOptions;
  readonly #receivers = new Set<MessageReceiver>();
  #closed = false;

  constructor(options: FiksIoClientOptions) {
    this.#options = options;
  }

  /** The own account. */
  get kontoId(): string {
    return this.#options.connection.kontoId;
  }

  /** True once `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Tells the consumed queue apart within this process: equal for clients of the same account on the same broker. */
  get queueKey(): unknown {
    return this.#options.connection.queueIdentity ?? this.#options.connection;
  }

  /**
   * Seals the files for the recipient and sends the message. Resolves once Fiks IO accepted it
   * (202). Memory stays bounded whatever the size: all but small in-memory payloads are sealed to
   * a temporary file that is streamed to Fiks IO and removed afterwards.
   */
  async send(message: OutgoingMessage): Promise<SendtMelding> {
    this.#assertOpen();
    const { files, ...request } = message;
    return this.#sendSealed({ ...request, avsenderKontoId: this.kontoId }, files);
  }

  /**
   * Starts consuming the account's queue. Each message reaches `handler`, which settles it; a
   * handler that throws before settling gets its message requeued by the receiver. Returns the
   * receiver, for its health and for closing it alone.
   */
  async subscribe(
    handler: MessageHandler,
    options: { onError?: (error: Error) => void } = {},
  ): Promise<MessageReceiver> {
    this.#assertOpen();
    const receiver = this.#options.connection.createReceiver(options);
    this.#receivers.add(receiver);
    await receiver.start((delivery) => handler(this.#wrap(delivery)));
    return receiver;
  }

  /**
   * Whether `signer` is known as a signer for the account `kontoId`: one of the trusted signers,
   * or the certificate the Fiks IO catalog publishes for that account.
   */
  async isKnownSigner(kontoId: string, signer: X509Certificate): Promise<boolean> {
    this.#assertOpen();
    if ((this.#options.trustedSigners ?? []).some((t) => t.raw.equals(signer.raw))) return true;
    const published = await this.#options.connection.recipientCertificate(kontoId);
    return published.raw.equals(signer.raw);
  }

  /** Health of every receiver this client started. */
  health(): ReceiverHealth[] {
    return [...this.#receivers].map((r) => r.health());
  }

  /** Stops consuming (running handlers finish first, up to `graceMs`) and releases the connection. */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await Promise.all([...this.#receivers].map((r) => r.close(options)));
    this.#receivers.clear();
    await this.#options.connection.close?.();
  }

  #wrap(delivery: Delivery): ReceivedMessage {
    return new ReceivedMessage(delivery, {
      openPayload: (source, options) => this.#open(source, options),
      downloadDokumentlager: (id) => this.#options.connection.downloadDokumentlager(id),
      reply: (original, meldingType, files, options) => this.#reply(original, meldingType, files, options),
    });
  }

  #open(source: Uint8Array | Readable, options: ReadAsiceOptions): Promise<AsiceContents> {
    return openPayload(source, {
      ...this.#options.open,
      ...options,
      privateKeys: [...this.#options.privateKeys],
    });
  }

  #reply(
    original: Delivery,
    meldingType: string,
    files: readonly AsiceFileInput[] | undefined,
    options: ReplyOptions,
  ): Promise<SendtMelding> {
    this.#assertOpen();
    return this.#sendSealed(replyRequest(original, meldingType, options), files);
  }

  async #sendSealed(
    request: Omit<SendRequest, 'payload' | 'payloadLength'>,
    files: readonly AsiceFileInput[] | undefined,
  ): Promise<SendtMelding> {
    const { connection, signer } = this.#options;
    if (files === undefined || files.length === 0) return connection.send(request);
    const recipient: X509Certificate = await connection.recipientCertificate(request.mottakerKontoId);
    const sealed = await sealForSending({ files, signer, recipient });
    try {
      return await connection.send({ ...request, payload: sealed.payload, payloadLength: sealed.length });
    } finally {
      await sealed.release();
    }
  }

  #assertOpen(): void {
    if (this.#closed)
      throw new ClientError('CLIENT_CLOSED', 'This Fiks IO client was closed; create a new one');
  }
}
