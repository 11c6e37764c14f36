/** One received Fiks IO message. The body is still encrypted (or empty when in Dokumentlager). */
export interface Delivery {
  meldingId: string;
  meldingType: string;
  avsenderKontoId: string;
  mottakerKontoId: string;
  svarPaMelding?: string;
  svarTilType?: string;
  dokumentlagerId?: string;
  avsenderNavn?: string;
  /** `egendefinert-header.*` headers with the prefix stripped. */
  headere: Record<string, string>;
  klientMeldingId?: string;
  /** `klientKorrelasjonsId`, or the deprecated spelling `klientKorrelasjonId`. */
  klientKorrelasjonsId?: string;
  /** The message's time to live in milliseconds (the AMQP `expiration` property). */
  ttlMs?: number;
  /** True when the broker delivered this message before (after a requeue or a lost consumer). */
  resendt: boolean;
  /** True when the body is non-empty or the payload sits in Dokumentlager. */
  harPayload: boolean;
  body: Buffer;
  /**
   * Settle the delivery. Exactly one of these takes effect; later calls reject with
   * `DELIVERY_ALREADY_SETTLED`. Settling after the connection was lost is skipped silently (the
   * broker redelivers the message) and counted in `health().skippedSettlements`.
   */
  ack(): Promise<void>;
  /** Rejects the delivery without requeue. */
  nack(): Promise<void>;
  /** Rejects the delivery with requeue: the broker delivers it again. */
  nackWithRequeue(): Promise<void>;
}

/** Handles one delivery. It settles the delivery itself, now or later. */
export type DeliveryHandler = (delivery: Delivery) => Promise<void>;

/** Reported through `onError`: malformed deliveries, handler failures, lost connections. */
export type ReceiverErrorListener = (error: Error) => void;

/** A snapshot of a receiver's state. */
export interface ReceiverHealth {
  connected: boolean;
  consuming: boolean;
  /** Consumers this receiver currently holds on its queue (0 or 1). */
  consumerCount: number;
  lastError?: string;
  /** Successful reconnections after the first connection. */
  reconnects: number;
  /** Settlements skipped because the connection carrying the delivery was gone. */
  skippedSettlements: number;
}

/**
 * Consumes one Fiks IO account queue, whatever the transport (AMQP, in-memory broker, WebSocket
 * bridge).
 *
 * Handler contract: a handler that resolves without settling leaves its delivery unsettled (it
 * still counts against the prefetch) until the handler's code settles it later. A handler that
 * throws or rejects before settling gets its delivery nacked with requeue, so the broker
 * redelivers it with `resendt: true` (Fiks IO counts such attempts). Handler errors are reported
 * through `onError` and never stop the consumer. A delivery that lacks a required header is
 * nacked without requeue and reported through `onError`; the handler never sees it.
 */
export interface MessageReceiver {
  /** Connects and starts consuming. Rejects when the first connection fails. */
  start(handler: DeliveryHandler): Promise<void>;
  /** A snapshot of the receiver's state and counters. */
  health(): ReceiverHealth;
  /**
   * Stops consuming, waits up to `graceMs` (default 30 000) for running handlers, then closes.
   * Deliveries still unsettled then are returned to the queue by the broker.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}
