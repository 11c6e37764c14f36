import type { Delivery } from './message-receiver.js';
import { kontoIdFromQueueName } from './queue-name.js';
import { TransportError } from './transport-error.js';

/** A delivery as a transport sees it, before the Fiks IO headers are interpreted. */
export interface RawDelivery {
  /** AMQP headers; long strings may arrive as Buffers. */
  headers: Readonly<Record<string, unknown>> | undefined;
  /** The AMQP `expiration` property (milliseconds, normally as a string). */
  expiration?: unknown;
  redelivered: boolean;
  /** Routing key or queue name, `fiksio.konto.<kontoId>`. */
  routingKey: string;
  body: Buffer;
}

/** Everything of a {@link Delivery} except the settle functions. */
export type DeliveryMetadata = Omit<Delivery, 'ack' | 'nack' | 'nackWithRequeue'>;

const CUSTOM_PREFIX = 'egendefinert-header.';
const REQUIRED = ['melding-id', 'type', 'avsender-id'] as const;

function headerText(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value instanceof Uint8Array) return Buffer.from(value).toString('utf8');
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean')
    return String(value);
  return undefined;
}

function ownHeader(headere: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(headere, name) && headere[name] !== '' ? headere[name] : undefined;
}

function ttlFrom(expiration: unknown): number | undefined {
  const text = headerText(expiration)?.trim();
  if (text === undefined || !/^\d+$/.test(text)) return undefined;
  const ms = Number(text);
  return Number.isSafeInteger(ms) ? ms : undefined;
}

/**
 * Interprets the Fiks IO headers of a delivery. The receiving account comes from the routing key
 * (like the Java client), falling back to `kontoId`. Throws `HEADER_MISSING` when `melding-id`,
 * `type` or `avsender-id` is absent or empty.
 */
export function parseDeliveryHeaders(raw: RawDelivery, kontoId?: string): DeliveryMetadata {
  const text = new Map<string, string>();
  for (const [name, value] of Object.entries(raw.headers ?? {})) {
    const decoded = headerText(value);
    if (decoded !== undefined) text.set(name, decoded);
  }
  const missing = REQUIRED.filter((name) => !text.get(name));
  if (missing.length > 0)
    throw new TransportError(
      'HEADER_MISSING',
      `The delivery lacks the required Fiks IO header(s) ${missing.join(', ')}; it is not a Fiks IO message`,
      { details: { missing, meldingId: text.get('melding-id') } },
    );
  // fromEntries defines own properties, so a custom header named `__proto__` stays a plain entry.
  const headere: Record<string, string> = Object.fromEntries(
    [...text]
      .filter(([name]) => name.startsWith(CUSTOM_PREFIX) && name.length > CUSTOM_PREFIX.length)
      .map(([name, value]) => [name.slice(CUSTOM_PREFIX.length), value]),
  );
  const optional = (name: string) => text.get(name) || undefined;
  const metadata: DeliveryMetadata = {
    meldingId: text.get('melding-id')!,
    meldingType: text.get('type')!,
    avsenderKontoId: text.get('avsender-id')!,
    mottakerKontoId: kontoIdFromQueueName(raw.routingKey) ?? kontoId ?? '',
    headere,
    resendt: raw.redelivered,
    harPayload: text.has('dokumentlager-id') || raw.body.length > 0,
    body: raw.body,
  };
  const optionals = {
    svarPaMelding: optional('svar-til'),
    svarTilType: optional('svar-til-type'),
    dokumentlagerId: optional('dokumentlager-id'),
    avsenderNavn: optional('avsender-navn'),
    klientMeldingId: ownHeader(headere, 'klientMeldingId'),
    klientKorrelasjonsId:
      ownHeader(headere, 'klientKorrelasjonsId') ?? ownHeader(headere, 'klientKorrelasjonId'),
    ttlMs: ttlFrom(raw.expiration),
  };
  for (const [key, value] of Object.entries(optionals))
    if (value !== undefined) Object.assign(metadata, { [key]: value });
  return metadata;
}
