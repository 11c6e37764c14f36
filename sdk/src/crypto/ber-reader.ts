/**
 * A small BER/DER reader over an in-memory buffer: definite and indefinite lengths, constructed
 * strings, bounded nesting. It reports running out of input separately from invalid input, so
 * an incremental caller can wait for more bytes.
 */
import type { ErrorCodeOf } from '../errors/error-catalogue.js';
import { FiksError } from '../errors/fiks-error.js';

const MAX_DEPTH = 64;

/** One decoded TLV. Offsets index into `source`; `contentEnd` excludes an end-of-contents marker. */
export interface BerNode {
  source: Buffer;
  /** The identifier octet (single-octet tags only; CMS and X.509 need no others). */
  tag: number;
  constructed: boolean;
  indefinite: boolean;
  start: number;
  contentStart: number;
  contentEnd: number;
  end: number;
}

/** The header of a TLV: identifier, length (null when indefinite) and header size. */
export interface BerHeader {
  tag: number;
  constructed: boolean;
  length: number | null;
  headerLength: number;
}

/** Raised by the reader; `needed` is set when the input ended early (the byte count to retry with). */
export class BerDecodeError extends FiksError<ErrorCodeOf<'BerDecodeError'>> {
  readonly needed: number | undefined;

  constructor(message: string, needed?: number) {
    super(needed === undefined ? 'BER_INVALID' : 'BER_TRUNCATED', message);
    this.needed = needed;
  }
}

/** Reads the header at `pos`; throws BerDecodeError (truncated or invalid). */
export function readHeader(buf: Uint8Array, pos: number): BerHeader {
  const first = buf[pos];
  if (first === undefined) throw new BerDecodeError('input ends before a tag', pos + 2);
  if ((first & 0x1f) === 0x1f) throw new BerDecodeError(`multi-octet tag at offset ${pos}`);
  const lengthOctet = buf[pos + 1];
  if (lengthOctet === undefined) throw new BerDecodeError('input ends before a length', pos + 2);
  const constructed = (first & 0x20) !== 0;
  if (lengthOctet < 0x80) return { tag: first, constructed, length: lengthOctet, headerLength: 2 };
  if (lengthOctet === 0x80) {
    if (!constructed) throw new BerDecodeError(`indefinite length on a primitive value at offset ${pos}`);
    return { tag: first, constructed, length: null, headerLength: 2 };
  }
  const count = lengthOctet & 0x7f;
  if (count > 6) throw new BerDecodeError(`length of ${count} octets at offset ${pos}`);
  if (pos + 2 + count > buf.length) throw new BerDecodeError('input ends inside a length', pos + 2 + count);
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + (buf[pos + 2 + i] ?? 0);
  return { tag: first, constructed, length, headerLength: 2 + count };
}

/** True when the bytes at `pos` are an end-of-contents marker (00 00). */
export function isEndOfContents(buf: Uint8Array, pos: number): boolean {
  return buf[pos] === 0 && buf[pos + 1] === 0;
}

/** Decodes the complete TLV at `pos` (walking indefinite-length contents to find its end). */
export function readTlv(source: Buffer, pos: number, depth = 0): BerNode {
  if (depth > MAX_DEPTH) throw new BerDecodeError('nesting too deep');
  const header = readHeader(source, pos);
  const contentStart = pos + header.headerLength;
  const { tag, constructed } = header;
  if (header.length !== null) {
    const end = contentStart + header.length;
    if (end > source.length) throw new BerDecodeError('input ends inside a value', end);
    return { source, tag, constructed, indefinite: false, start: pos, contentStart, contentEnd: end, end };
  }
  let cursor = contentStart;
  for (;;) {
    if (cursor + 2 > source.length) throw new BerDecodeError('input ends before end-of-contents', cursor + 2);
    if (isEndOfContents(source, cursor))
      return {
        source,
        tag,
        constructed,
        indefinite: true,
        start: pos,
        contentStart,
        contentEnd: cursor,
        end: cursor + 2,
      };
    cursor = readTlv(source, cursor, depth + 1).end;
  }
}

/** Decodes a buffer that must hold exactly one TLV. */
export function readSingleTlv(source: Buffer): BerNode {
  const node = readTlv(source, 0);
  if (node.end !== source.length)
    throw new BerDecodeError(`${source.length - node.end} bytes after the value`);
  return node;
}

/** The child TLVs of a constructed node. */
export function childrenOf(node: BerNode, depth = 0): BerNode[] {
  if (!node.constructed) throw new BerDecodeError(`expected a constructed value at offset ${node.start}`);
  const out: BerNode[] = [];
  for (let cursor = node.contentStart; cursor < node.contentEnd; ) {
    const child = readTlv(node.source, cursor, depth + 1);
    if (child.end > node.contentEnd)
      throw new BerDecodeError(`value overruns its parent at offset ${cursor}`);
    out.push(child);
    cursor = child.end;
  }
  return out;
}

/** The content octets; for a constructed string, the concatenation of its segments. */
export function contentOf(node: BerNode, depth = 0): Buffer {
  if (!node.constructed) return node.source.subarray(node.contentStart, node.contentEnd);
  if (depth > MAX_DEPTH) throw new BerDecodeError('nesting too deep');
  return Buffer.concat(childrenOf(node).map((c) => contentOf(c, depth + 1)));
}

/** The whole encoding of the node (identifier through end). */
export function encodingOf(node: BerNode): Buffer {
  return node.source.subarray(node.start, node.end);
}

/** The node's child at `index`, failing as invalid input if absent or of another tag. */
export function expectChild(children: readonly BerNode[], index: number, tag: number, what: string): BerNode {
  const child = children[index];
  if (child === undefined || child.tag !== tag) throw new BerDecodeError(`expected ${what}`);
  return child;
}

/** Dotted forms of the OIDs seen so far, by their content octets: the same few recur in every message. */
const OID_CACHE_SIZE = 256;
const MAX_CACHED_OID_BYTES = 32;
const oidCache = new Map<string, string>();

/** Decodes an OBJECT IDENTIFIER node to its dotted form. */
export function oidOf(node: BerNode): string {
  if (node.tag !== 0x06) throw new BerDecodeError(`expected an OBJECT IDENTIFIER at offset ${node.start}`);
  const bytes = contentOf(node);
  if (bytes.length === 0) throw new BerDecodeError('empty OBJECT IDENTIFIER');
  if (bytes.length > MAX_CACHED_OID_BYTES) return decodeOid(bytes);
  const key = bytes.toString('latin1');
  let dotted = oidCache.get(key);
  if (dotted === undefined) {
    dotted = decodeOid(bytes);
    if (oidCache.size < OID_CACHE_SIZE) oidCache.set(key, dotted);
  }
  return dotted;
}

function decodeOid(bytes: Buffer): string {
  const arcs: number[] = [];
  let value = 0;
  for (const byte of bytes) {
    value = value * 128 + (byte & 0x7f);
    if (value > Number.MAX_SAFE_INTEGER / 128) throw new BerDecodeError('OBJECT IDENTIFIER arc too large');
    if ((byte & 0x80) === 0) {
      if (arcs.length === 0)
        arcs.push(value < 80 ? Math.floor(value / 40) : 2, value < 80 ? value % 40 : value - 80);
      else arcs.push(value);
      value = 0;
    }
  }
  if ((bytes[bytes.length - 1] ?? 0) & 0x80) throw new BerDecodeError('truncated OBJECT IDENTIFIER');
  return arcs.join('.');
}

/** Decodes a small non-negative INTEGER (versions). */
export function smallIntegerOf(node: BerNode): number {
  if (node.tag !== 0x02) throw new BerDecodeError(`expected an INTEGER at offset ${node.start}`);
  const bytes = contentOf(node);
  if (bytes.length === 0 || bytes.length > 4 || ((bytes[0] ?? 0) & 0x80) !== 0) {
    throw new BerDecodeError('INTEGER out of range');
  }
  return bytes.reduce((n, b) => n * 256 + b, 0);
}
