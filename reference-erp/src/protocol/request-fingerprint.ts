import { createHash } from 'node:crypto';
import type { Innbygger } from './erp-protocols.js';

/** What identifies a request beyond its `foresporselId`: who asks, and what exactly. */
export interface RequestFingerprint {
  /** SHA-256 (hex) of `<foedselsnummer|organisasjonsnummer>:<number>`; the number is not stored. */
  requesterKey: string;
  /**
   * SHA-256 (hex) of the canonical request: the payload without `sendtTidspunkt` as JSON with the
   * keys of every object sorted, followed by the name and SHA-256 of every attachment, by name.
   */
  requestHash: string;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** JSON with the keys of every object sorted, so equal content gives equal text. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * The fingerprint of a request. `sendtTidspunkt` is left out: a portal that sends the same request
 * again (after a timeout) stamps it anew, and it is still the same request. Key order and
 * whitespace do not count; every other field, and every attachment's name and content, do.
 */
export function requestFingerprint(
  payload: { innbygger: Innbygger; sendtTidspunkt?: unknown },
  attachments: readonly { name: string; sha256: string }[] = [],
): RequestFingerprint {
  const { sendtTidspunkt: _ignored, ...content } = payload;
  const identity =
    'foedselsnummer' in payload.innbygger
      ? `foedselsnummer:${payload.innbygger.foedselsnummer}`
      : `organisasjonsnummer:${payload.innbygger.organisasjonsnummer}`;
  const files = [...attachments]
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
    .map((a) => `${JSON.stringify(a.name)}:${a.sha256}`);
  return {
    requesterKey: sha256(identity),
    requestHash: sha256([canonicalJson(content), ...files].join('\n')),
  };
}
