// A minimal Fiks IO inside the test process: accounts with certificates, sends published to the
// recipient's queue with the headers Fiks IO sets, and in-memory receivers. The emulator in
// `harness/` is the full platform; SDK tests use this so they depend on nothing above the SDK.
import { randomUUID, type X509Certificate } from 'node:crypto';
import type { FiksIoConnection } from '../../src/client/fiks-io-connection.js';
import type { SendRequest, SendtMelding } from '../../src/http/fiks-io-sender.js';
import { MemoryBroker } from '../../src/transport/memory/memory-broker.js';
import { MemoryReceiver } from '../../src/transport/memory/memory-receiver.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import { certificateOf, deliveryHeaders, payloadBytes } from './test-platform-send.js';

export class InProcessFiksIo {
  readonly broker = new MemoryBroker({ deliveryLimit: 3 });
  readonly #certificates = new Map<string, X509Certificate>();
  /** Every accepted send, in order. */
  readonly sent: SendtMelding[] = [];
  /** When set, called before a send is accepted; throw to make it fail. */
  beforeSend: ((request: SendRequest) => void) | undefined;

  addAccount(kontoId: string, certificate: X509Certificate): void {
    this.#certificates.set(kontoId, certificate);
    this.broker.declareQueue(kontoQueueName(kontoId));
  }

  connection(kontoId: string): FiksIoConnection {
    return {
      kontoId,
      send: (request) => this.#send(kontoId, request),
      recipientCertificate: certificateOf(this.#certificates),
      downloadDokumentlager: async () => {
        throw new Error('no Dokumentlager in the in-process test platform');
      },
      createReceiver: (options) =>
        new MemoryReceiver({
          broker: this.broker,
          kontoId,
          ...(options?.onError ? { onError: options.onError } : {}),
        }),
    };
  }

  async #send(kontoId: string, request: SendRequest): Promise<SendtMelding> {
    this.beforeSend?.(request);
    if (!this.#certificates.has(request.mottakerKontoId))
      throw new Error(`unknown account ${request.mottakerKontoId}`);
    const meldingId = randomUUID();
    const headere: Record<string, string> = { ...request.headere };
    if (request.klientMeldingId !== undefined) headere['klientMeldingId'] = request.klientMeldingId;
    if (request.klientKorrelasjonsId !== undefined)
      headere['klientKorrelasjonsId'] = request.klientKorrelasjonsId;
    const headers = deliveryHeaders(meldingId, request, request.avsenderKontoId ?? kontoId, headere);
    const body = await payloadBytes(request.payload);
    const ttl = request.ttlMs ?? 172_800_000;
    this.broker.publish(kontoQueueName(request.mottakerKontoId), {
      headers,
      ...(body === undefined ? {} : { body }),
      expirationMs: ttl,
    });
    const sent: SendtMelding = {
      meldingId,
      meldingType: request.meldingType,
      avsenderKontoId: request.avsenderKontoId ?? kontoId,
      mottakerKontoId: request.mottakerKontoId,
      ttl,
      dokumentlagerId: null,
      svarPaMelding: request.svarPaMelding ?? null,
      headere,
      klientMeldingId: headere['klientMeldingId'],
      klientKorrelasjonsId: headere['klientKorrelasjonsId'],
    };
    this.sent.push(sent);
    return sent;
  }
}
