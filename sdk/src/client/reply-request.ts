import type { SendRequest } from '../http/fiks-io-sender.js';
import type { Delivery } from '../transport/message-receiver.js';

/** Options of a reply beyond its type and payload. */
export interface ReplyOptions {
  /** A new `klientMeldingId` for the reply (reuse it when resending the same reply). */
  klientMeldingId?: string;
  ttlMs?: number;
  headere?: Record<string, string>;
}

/** The legacy spelling the Java client also writes and reads. */
const LEGACY_KORRELASJON_HEADER = 'klientKorrelasjonId';

/**
 * The send request of a reply, as KS's reply helpers build it: the accounts swapped,
 * `svarPaMelding` = the original `meldingId`, and the dialogue's `klientKorrelasjonsId` copied
 * (in both spellings, like the Java client).
 */
export function replyRequest(
  original: Pick<Delivery, 'meldingId' | 'avsenderKontoId' | 'mottakerKontoId' | 'klientKorrelasjonsId'>,
  meldingType: string,
  options: ReplyOptions = {},
): Omit<SendRequest, 'payload' | 'payloadLength'> {
  const headere = { ...options.headere };
  const korrelasjon = original.klientKorrelasjonsId;
  if (korrelasjon !== undefined) headere[LEGACY_KORRELASJON_HEADER] ??= korrelasjon;
  return {
    avsenderKontoId: original.mottakerKontoId,
    mottakerKontoId: original.avsenderKontoId,
    meldingType,
    svarPaMelding: original.meldingId,
    ...(korrelasjon === undefined ? {} : { klientKorrelasjonsId: korrelasjon }),
    ...(options.klientMeldingId === undefined ? {} : { klientMeldingId: options.klientMeldingId }),
    ...(options.ttlMs === undefined ? {} : { ttlMs: options.ttlMs }),
    headere,
  };
}
