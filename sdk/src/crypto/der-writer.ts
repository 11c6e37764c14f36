/**
 * A minimal DER encoder for the CMS structures this SDK writes. Values are plain byte buffers,
 * so callers compose structures bottom-up; `derHeader` alone lets a writer stream a value whose
 * content length is known in advance.
 */

/** Identifier octets of the tags the CMS writers use. */
export const TAG = {
  integer: 0x02,
  octetString: 0x04,
  null: 0x05,
  oid: 0x06,
  utf8String: 0x0c,
  printableString: 0x13,
  utcTime: 0x17,
  generalizedTime: 0x18,
  sequence: 0x30,
  set: 0x31,
} as const;

/** Tag for a context-specific `[n]` (constructed unless `primitive`). */
export function contextTag(n: number, primitive = false): number {
  return (primitive ? 0x80 : 0xa0) | n;
}

/** The identifier and definite-length octets for a value of `contentLength` bytes. */
export function derHeader(tag: number, contentLength: number): Buffer {
  if (contentLength < 0x80) return Buffer.from([tag, contentLength]);
  const lengthBytes: number[] = [];
  for (let n = contentLength; n > 0; n = Math.floor(n / 256)) lengthBytes.unshift(n % 256);
  return Buffer.from([tag, 0x80 | lengthBytes.length, ...lengthBytes]);
}

/** A complete TLV whose content is the concatenation of `parts`. */
export function derValue(tag: number, ...parts: Uint8Array[]): Buffer {
  const length = parts.reduce((sum, p) => sum + p.length, 0);
  return Buffer.concat([derHeader(tag, length), ...parts]);
}

export function derSequence(...parts: Uint8Array[]): Buffer {
  return derValue(TAG.sequence, ...parts);
}

/** A DER SET OF: members sorted by their encodings, as DER requires. */
export function derSetOf(...members: Uint8Array[]): Buffer {
  const sorted = [...members].sort((a, b) => Buffer.compare(a, b));
  return derValue(TAG.set, ...sorted);
}

export function derOctetString(bytes: Uint8Array): Buffer {
  return derValue(TAG.octetString, bytes);
}

export function derNull(): Buffer {
  return Buffer.from([TAG.null, 0]);
}

/** An INTEGER from a small non-negative number. */
export function derSmallInteger(n: number): Buffer {
  if (!Number.isInteger(n) || n < 0 || n > 0x7fff_ffff) throw new RangeError(`not a small integer: ${n}`);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v % 256);
  if (bytes.length === 0 || (bytes[0] ?? 0) >= 0x80) bytes.unshift(0);
  return derValue(TAG.integer, Buffer.from(bytes));
}

/** An OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Buffer {
  const arcs = dotted.split('.').map((a) => Number.parseInt(a, 10));
  const [first = 0, second = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const groups: number[] = [arc & 0x7f];
    for (let v = Math.floor(arc / 128); v > 0; v = Math.floor(v / 128)) groups.unshift((v & 0x7f) | 0x80);
    out.push(...groups);
  }
  return derValue(TAG.oid, Buffer.from(out));
}

/** An AlgorithmIdentifier; `parameters` undefined means absent. */
export function derAlgorithm(oid: string, parameters?: Uint8Array): Buffer {
  return parameters === undefined ? derSequence(derOid(oid)) : derSequence(derOid(oid), parameters);
}

/** A UTCTime (years 1950–2049) or GeneralizedTime, in whole seconds, as RFC 5280 prescribes. */
export function derTime(date: Date): Buffer {
  const iso = date.toISOString(); // YYYY-MM-DDTHH:MM:SS.sssZ
  const digits = iso.slice(0, 19).replace(/[-T:]/g, '') + 'Z';
  const year = date.getUTCFullYear();
  if (year >= 1950 && year < 2050) return derValue(TAG.utcTime, Buffer.from(digits.slice(2), 'latin1'));
  return derValue(TAG.generalizedTime, Buffer.from(digits, 'latin1'));
}
