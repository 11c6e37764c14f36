import { createReadStream } from 'node:fs';
import type { Readable } from 'node:stream';
import type { FiksIoConnection, SendRequest, SendtMelding } from '@fiks-faktura/sdk';
import { readCertificate } from '@fiks-faktura/sdk';
import type { Integration } from './account-registry.js';
import type { BrokerBackend } from './broker-backend.js';
import { EmulatorError } from './emulator-error.js';
import type { FiksIoPlatform } from './fiks-io-platform.js';
import { parseMeldingSpesifikasjon } from './melding-spesifikasjon.js';
import type { PayloadStore, StoredPayload } from './payload-store.js';

/** The request's payload written to the data folder, as a sent body arrives over HTTP. */
async function storePayload(
  payloads: PayloadStore,
  payload: SendRequest['payload'],
): Promise<StoredPayload | undefined> {
  if (payload === undefined) return undefined;
  if (payload instanceof Uint8Array) return payloads.write(payload);
  const stream: Readable = typeof payload === 'function' ? payload() : payload;
  return payloads.write(stream as AsyncIterable<Uint8Array>);
}

function mergeHeader(headere: Record<string, string>, key: string, value: string | undefined): void {
  if (value === undefined) return;
  const existing = headere[key];
  if (existing !== undefined && existing !== value)
    throw new EmulatorError(
      400,
      'HEADER_CONFLICT',
      `${key} is given both as a property and in headere with another value`,
      {
        details: { header: key },
      },
    );
  headere[key] = value;
}

/**
 * A `FiksIoConnection` for a client in the emulator's own process: calls go straight to the
 * platform (no HTTP, no tokens) as the account's integration, and receivers come from the back
 * end (a `MemoryReceiver`, or an `AmqpReceiver` with the local broker's credentials).
 */
export function inProcessConnection(
  platform: FiksIoPlatform,
  backend: BrokerBackend,
  kontoId: string,
): FiksIoConnection {
  const account = platform.registry.requireAccount(kontoId);
  const integration: Integration = {
    integrasjonId: account.integrasjonId,
    kontoIds: new Set([account.kontoId]),
  };
  return {
    kontoId: account.kontoId,
    async send(request): Promise<SendtMelding> {
      const headere: Record<string, string> = { ...request.headere };
      mergeHeader(headere, 'klientMeldingId', request.klientMeldingId);
      mergeHeader(headere, 'klientKorrelasjonsId', request.klientKorrelasjonsId);
      const spec = parseMeldingSpesifikasjon({
        avsenderKontoId: request.avsenderKontoId ?? account.kontoId,
        mottakerKontoId: request.mottakerKontoId,
        meldingType: request.meldingType,
        svarPaMelding: request.svarPaMelding ?? null,
        ttl: request.ttlMs ?? null,
        headere,
      });
      const sent = await platform.send(
        integration,
        spec,
        await storePayload(platform.payloads, request.payload),
      );
      return {
        ...sent,
        klientMeldingId: sent.headere['klientMeldingId'],
        klientKorrelasjonsId: sent.headere['klientKorrelasjonsId'],
      };
    },
    async recipientCertificate(id) {
      return readCertificate(platform.offentligNokkel(id).nokkel);
    },
    async downloadDokumentlager(id) {
      return createReadStream(platform.dokumentlagerFile(integration, id).path);
    },
    createReceiver: (options = {}) => backend.createReceiver(account.kontoId, options),
  };
}
