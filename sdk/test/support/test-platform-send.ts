// What the bare Fiks IO platforms of the SDK tests (in process, and on a local RabbitMQ) share when
// they take a send: the payload's bytes, the headers Fiks IO sets on the delivered message, and
// the lookup of a recipient's certificate.
import type { X509Certificate } from 'node:crypto';
import type { Readable } from 'node:stream';
import type { SendRequest } from '../../src/http/fiks-io-sender.js';

/** The whole payload of a send, or undefined when it has none. */
export async function payloadBytes(payload: SendRequest['payload']): Promise<Buffer | undefined> {
  if (payload === undefined) return undefined;
  if (payload instanceof Uint8Array) return Buffer.from(payload);
  const stream: Readable = typeof payload === 'function' ? payload() : payload;
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks);
}

/** The AMQP headers of a delivered message: its id, type, sender, what it answers and the custom headers. */
export function deliveryHeaders(
  meldingId: string,
  request: SendRequest,
  avsenderKontoId: string,
  headere: Record<string, string>,
): Record<string, string> {
  const headers: Record<string, string> = {
    'melding-id': meldingId,
    type: request.meldingType,
    'avsender-id': avsenderKontoId,
  };
  if (request.svarPaMelding !== undefined) headers['svar-til'] = request.svarPaMelding;
  for (const [key, value] of Object.entries(headere)) headers[`egendefinert-header.${key}`] = value;
  return headers;
}

/** A connection's `recipientCertificate`: the certificate of a known account, an error for any other. */
export function certificateOf(
  certificates: ReadonlyMap<string, X509Certificate>,
): (kontoId: string) => Promise<X509Certificate> {
  return async (id) => {
    const certificate = certificates.get(id);
    if (certificate === undefined) throw new Error(`unknown account ${id}`);
    return certificate;
  };
}
