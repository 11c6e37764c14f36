// A bare Fiks IO on a local RabbitMQ for tests across processes: a send is published to the
// recipient's queue with the headers Fiks IO sets, receivers are the SDK's AmqpReceiver. Only
// what the requester and a simple responder need; the emulator in `harness/` is the full platform.
import { randomUUID, type X509Certificate } from 'node:crypto';
import amqp from 'amqplib';
import type { FiksIoConnection } from '../../src/client/fiks-io-connection.js';
import type { SendRequest, SendtMelding } from '../../src/http/fiks-io-sender.js';
import { AmqpReceiver } from '../../src/transport/amqp/amqp-receiver.js';
import { kontoQueueName } from '../../src/transport/queue-name.js';
import { certificateOf, deliveryHeaders, payloadBytes } from '../support/test-platform-send.js';

/** A connection of `kontoId` to the accounts whose certificates are given, over RabbitMQ at `url`. */
export async function amqpTestConnection(
  url: string,
  kontoId: string,
  certificates: ReadonlyMap<string, X509Certificate>,
): Promise<FiksIoConnection> {
  const model = await amqp.connect(url);
  model.on('error', () => undefined);
  const channel = await model.createConfirmChannel();
  const send = async (request: SendRequest): Promise<SendtMelding> => {
    const meldingId = randomUUID();
    const headere: Record<string, string> = { ...request.headere };
    if (request.klientMeldingId !== undefined) headere['klientMeldingId'] = request.klientMeldingId;
    const headers = deliveryHeaders(meldingId, request, kontoId, headere);
    const ttl = request.ttlMs ?? 172_800_000;
    const body = (await payloadBytes(request.payload)) ?? Buffer.alloc(0);
    await new Promise<void>((resolve, reject) =>
      channel.sendToQueue(
        kontoQueueName(request.mottakerKontoId),
        body,
        { headers, expiration: String(ttl), persistent: false },
        (error) => (error ? reject(error) : resolve()),
      ),
    );
    return {
      meldingId,
      meldingType: request.meldingType,
      avsenderKontoId: kontoId,
      mottakerKontoId: request.mottakerKontoId,
      ttl,
      dokumentlagerId: null,
      svarPaMelding: request.svarPaMelding ?? null,
      headere,
      klientMeldingId: headere['klientMeldingId'],
      klientKorrelasjonsId: undefined,
    };
  };
  return {
    kontoId,
    queueIdentity: `amqp ${url} ${kontoId}`,
    send,
    recipientCertificate: certificateOf(certificates),
    downloadDokumentlager: async () => {
      throw new Error('no Dokumentlager on the test platform');
    },
    createReceiver: (options) =>
      new AmqpReceiver({
        url,
        kontoId,
        username: decodeURIComponent(new URL(url).username),
        password: async () => decodeURIComponent(new URL(url).password),
        prefetch: 10,
        reconnect: { initialDelayMs: 100 },
        ...(options?.onError ? { onError: options.onError } : {}),
      }),
    close: async () => {
      await channel.close().catch(() => undefined);
      await model.close().catch(() => undefined);
    },
  };
}
