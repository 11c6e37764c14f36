import type { ResolvedFiksIoConfig } from '../config/fiks-io-config.js';
import { createFiksIoHttp, type FiksIoHttp, type FiksIoHttpOptions } from '../http/create-fiks-io-http.js';
import { AmqpReceiver } from '../transport/amqp/amqp-receiver.js';
import type { MessageReceiver, ReceiverErrorListener } from '../transport/message-receiver.js';
import { WebSocketReceiver } from '../transport/websocket/websocket-receiver.js';
import type { FiksIoConnection } from './fiks-io-connection.js';

/** A connection to Fiks IO over its HTTP API, also exposing the HTTP side for catalog and account calls. */
export interface RemoteFiksIoConnection extends FiksIoConnection {
  readonly http: FiksIoHttp;
}

/**
 * Connects to Fiks IO as configured: KS's prod or test environment, or a custom one such as the
 * local emulator. Messages are received over AMQP (KS's broker, or a local RabbitMQ) or over the
 * emulator's WebSocket bridge.
 *
 * AMQP credentials: KS's broker takes the integration id as user name and
 * `"<integrasjonPassord> <Maskinporten token>"` as password, renewed on every connect. A local
 * broker that knows nothing of Maskinporten is given its own user and password in the receive URL
 * (`amqp://user:pass@host:5672`); when the URL carries them, they are used instead.
 */
export function createRemoteConnection(
  config: ResolvedFiksIoConfig,
  options: Omit<FiksIoHttpOptions, 'clock'> = {},
): RemoteFiksIoConnection {
  const http = createFiksIoHttp(config, options);
  const receiveUrl = new URL(config.receive.url);
  receiveUrl.username = '';
  receiveUrl.password = '';
  return {
    kontoId: config.kontoId,
    queueIdentity: `${config.receive.type} ${receiveUrl} ${config.kontoId}`,
    http,
    send: (request) => http.sender.send(request),
    recipientCertificate: (kontoId) => http.recipientCertificates.get(kontoId),
    downloadDokumentlager: async (id) => http.client.downloadDokumentlager(id),
    createReceiver: (receiverOptions = {}) => createReceiver(config, http, receiverOptions.onError),
  };
}

function createReceiver(
  config: ResolvedFiksIoConfig,
  http: FiksIoHttp,
  onError: ReceiverErrorListener | undefined,
): MessageReceiver {
  const common = {
    kontoId: config.kontoId,
    prefetch: config.prefetch,
    ...(onError === undefined ? {} : { onError }),
  };
  const url = new URL(config.receive.url);
  if (config.receive.type === 'websocket')
    return new WebSocketReceiver({
      ...common,
      url: config.receive.url,
      headers: () => http.credentials.headers(),
    });
  const urlUser = decodeURIComponent(url.username);
  const urlPassword = decodeURIComponent(url.password);
  return new AmqpReceiver({
    ...common,
    url: config.receive.url,
    applicationName: config.applicationName,
    username: urlUser === '' ? config.integrasjonId : urlUser,
    password: urlUser === '' ? () => http.credentials.amqpPassword() : async () => urlPassword,
  });
}
