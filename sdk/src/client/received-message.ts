import type { Readable } from 'node:stream';
import type { AsiceContents, ReadAsiceOptions } from '../asice/asice-reader.js';
import type { AsiceFileInput } from '../asice/asice-writer.js';
import type { SendtMelding } from '../http/fiks-io-sender.js';
import type { Delivery } from '../transport/message-receiver.js';
import { ClientError } from './client-error.js';
import { type PlatformMessageKind, platformMessageKind } from './platform-message.js';
import type { ReplyOptions } from './reply-request.js';

/** What a received message needs from its client: opening its payload and sending replies. */
export interface ReceivedMessageContext {
  openPayload(source: Uint8Array | Readable, options: ReadAsiceOptions): Promise<AsiceContents>;
  downloadDokumentlager(dokumentlagerId: string): Promise<Readable>;
  reply(
    original: Delivery,
    meldingType: string,
    files: readonly AsiceFileInput[] | undefined,
    options: ReplyOptions,
  ): Promise<SendtMelding>;
}

/**
 * A message received on the own account: its Fiks IO metadata, its payload (opened on demand:
 * downloaded from Dokumentlager when needed, decrypted, signature and digests verified), a reply
 * helper and the settlement calls.
 */
export class ReceivedMessage {
  readonly meldingId: string;
  readonly meldingType: string;
  readonly avsenderKontoId: string;
  readonly mottakerKontoId: string;
  readonly svarPaMelding: string | undefined;
  /** On `no.ks.fiks.kvittering.tidsavbrudd`: the type of the expired message. */
  readonly svarTilType: string | undefined;
  readonly dokumentlagerId: string | undefined;
  readonly headere: Readonly<Record<string, string>>;
  readonly klientMeldingId: string | undefined;
  readonly klientKorrelasjonsId: string | undefined;
  readonly ttlMs: number | undefined;
  readonly resendt: boolean;
  readonly harPayload: boolean;
  /** Set when Fiks IO itself sent the message (ttl expired, delivery failed three times). */
  readonly platformMessage: PlatformMessageKind | undefined;
  /** When this process received the message (ms since the epoch). */
  readonly receivedAt: number;

  readonly #delivery: Delivery;
  readonly #context: ReceivedMessageContext;

  constructor(delivery: Delivery, context: ReceivedMessageContext, receivedAt = Date.now()) {
    this.#delivery = delivery;
    this.#context = context;
    this.meldingId = delivery.meldingId;
    this.meldingType = delivery.meldingType;
    this.avsenderKontoId = delivery.avsenderKontoId;
    this.mottakerKontoId = delivery.mottakerKontoId;
    this.svarPaMelding = delivery.svarPaMelding;
    this.svarTilType = delivery.svarTilType;
    this.dokumentlagerId = delivery.dokumentlagerId;
    this.headere = delivery.headere;
    this.klientMeldingId = delivery.klientMeldingId;
    this.klientKorrelasjonsId = delivery.klientKorrelasjonsId;
    this.ttlMs = delivery.ttlMs;
    this.resendt = delivery.resendt;
    this.harPayload = delivery.harPayload;
    this.platformMessage = platformMessageKind(delivery.meldingType);
    this.receivedAt = receivedAt;
  }

  /** The encrypted payload as received (downloaded from Dokumentlager when it was kept there). */
  async encryptedPayload(): Promise<Uint8Array | Readable> {
    if (!this.harPayload)
      throw new ClientError(
        'PAYLOAD_ABSENT',
        `Message ${this.meldingId} (${this.meldingType}) has no payload`,
        {
          details: { meldingId: this.meldingId },
        },
      );
    if (this.dokumentlagerId !== undefined) return this.#context.downloadDokumentlager(this.dokumentlagerId);
    return this.#delivery.body;
  }

  /**
   * Decrypts the payload with the account's keys and verifies the ASiC-E container (signature,
   * every digest, limits). Throws the crypto or container error (with its code) when it cannot.
   */
  async openPayload(options: ReadAsiceOptions = {}): Promise<AsiceContents> {
    return this.#context.openPayload(await this.encryptedPayload(), options);
  }

  /** Sends a reply to the sender: accounts swapped, `svarPaMelding` set, correlation id copied. */
  reply(
    meldingType: string,
    files?: readonly AsiceFileInput[],
    options: ReplyOptions = {},
  ): Promise<SendtMelding> {
    return this.#context.reply(this.#delivery, meldingType, files, options);
  }

  /** Acknowledges the message: done with, the broker removes it. */
  ack(): Promise<void> {
    return this.#delivery.ack();
  }

  /** Rejects the message without requeue: the broker drops it. */
  nack(): Promise<void> {
    return this.#delivery.nack();
  }

  /** Rejects the message with requeue: the broker delivers it again, flagged `resendt`. */
  nackWithRequeue(): Promise<void> {
    return this.#delivery.nackWithRequeue();
  }
}
