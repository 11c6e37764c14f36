import type { SendtMelding } from '@fiks-faktura/sdk';
import { EmulatorError } from './emulator-error.js';

/** The metadata of a send (`MeldingSpesifikasjonApiModel`), checked. */
export interface MeldingSpesifikasjon {
  avsenderKontoId: string;
  mottakerKontoId: string;
  meldingType: string;
  svarPaMelding: string | null;
  /** ms; null means Fiks IO's default (7 days). */
  ttl: number | null;
  headere: Record<string, string>;
}

/** Fiks IO's answer to an accepted message (`SendtMeldingApiModel`): the SDK's model, as on the wire. */
export type SendtMeldingApiModel = Omit<SendtMelding, 'klientMeldingId' | 'klientKorrelasjonsId'>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function invalid(field: string, message: string): EmulatorError {
  return new EmulatorError(400, 'INVALID_METADATA', `metadata.${field} ${message}`, { details: { field } });
}

function uuid(o: Record<string, unknown>, field: string): string {
  const value = o[field];
  if (typeof value !== 'string' || !UUID.test(value)) throw invalid(field, 'must be a UUID');
  return value.toLowerCase();
}

/** Checks the `metadata` JSON of a send; `INVALID_METADATA` (400) names the field. */
export function parseMeldingSpesifikasjon(data: unknown): MeldingSpesifikasjon {
  if (typeof data !== 'object' || data === null || Array.isArray(data))
    throw new EmulatorError(400, 'INVALID_METADATA', 'metadata must be a JSON object');
  const o = data as Record<string, unknown>;
  const meldingType = o['meldingType'];
  if (typeof meldingType !== 'string' || meldingType.trim() === '')
    throw invalid('meldingType', 'is required');
  const svarPaMelding =
    o['svarPaMelding'] === undefined || o['svarPaMelding'] === null ? null : uuid(o, 'svarPaMelding');
  const rawTtl = o['ttl'];
  let ttl: number | null = null;
  if (rawTtl !== undefined && rawTtl !== null) {
    if (typeof rawTtl !== 'number' || !Number.isSafeInteger(rawTtl) || rawTtl < 1000)
      throw invalid('ttl', 'must be an integer of at least 1000 (ms) or null');
    ttl = rawTtl;
  }
  const headere: Record<string, string> = {};
  const rawHeadere = o['headere'];
  if (rawHeadere !== undefined && rawHeadere !== null) {
    if (typeof rawHeadere !== 'object' || Array.isArray(rawHeadere))
      throw invalid('headere', 'must be an object');
    for (const [key, value] of Object.entries(rawHeadere as Record<string, unknown>)) {
      if (typeof value !== 'string') throw invalid(`headere.${key}`, 'must be a string');
      headere[key] = value;
    }
  }
  return {
    avsenderKontoId: uuid(o, 'avsenderKontoId'),
    mottakerKontoId: uuid(o, 'mottakerKontoId'),
    meldingType,
    svarPaMelding,
    ttl,
    headere,
  };
}
