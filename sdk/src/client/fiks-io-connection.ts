import type { X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { SendRequest, SendtMelding } from '../http/fiks-io-sender.js';
import type { MessageReceiver, ReceiverErrorListener } from '../transport/message-receiver.js';

/**
 * What a Fiks IO client needs from the platform: sending, the recipients' certificates,
 * Dokumentlager downloads and a consumer of the own account's queue. KS's Fiks IO (HTTP + AMQP),
 * the emulator over HTTP + WebSocket and the emulator in the same process all provide it; nothing
 * above this interface knows which one is in use.
 */
export interface FiksIoConnection {
  /** The own account. */
  readonly kontoId: string;
  /**
   * Names the queue this connection's receivers consume (broker and account), so that
   * connections to the same queue in one process share one consumer of it. Absent: the
   * connection object itself tells queues apart.
   */
  readonly queueIdentity?: string;
  /** Sends a message (sealed for the recipient) and resolves with what Fiks IO recorded. */
  send(request: SendRequest): Promise<SendtMelding>;
  /** The account's public certificate from the catalog (cached by the connection). */
  recipientCertificate(kontoId: string): Promise<X509Certificate>;
  /** The encrypted payload of a message that was kept in Dokumentlager. */
  downloadDokumentlager(dokumentlagerId: string): Promise<Readable>;
  /** A new consumer of `fiksio.konto.<kontoId>`; `onError` hears of malformed deliveries and lost connections. */
  createReceiver(options?: { onError?: ReceiverErrorListener }): MessageReceiver;
  /** Releases what the connection holds (not the receivers it created). */
  close?(): Promise<void>;
}
