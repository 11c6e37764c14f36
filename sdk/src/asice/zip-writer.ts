import type { Writable } from 'node:stream';
import { crc32, createDeflateRaw, deflateRawSync, constants as zlibConstants } from 'node:zlib';
import { AsiceError } from './asice-error.js';
import { waitForDrain } from './stream-drain.js';

/** Compression method 0. */
export const STORED = 0;
const DEFLATED = 8;
const FLAG_DATA_DESCRIPTOR = 1 << 3;
/** General purpose flag: names are UTF-8. */
export const FLAG_UTF8 = 1 << 11;
const MAX_32 = 0xfffffffe;
const MAX_16 = 0xffff;

/** What the zip headers record of one entry. */
export interface ZipEntryRecord {
  name: Buffer;
  method: number;
  flags: number;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** An MS-DOS date and time, as zip headers store them. */
export interface DosStamp {
  time: number;
  date: number;
}

/** `date` (local time) as an MS-DOS date and time. */
export function dosDateTime(date: Date): DosStamp {
  const year = Math.max(1980, date.getFullYear());
  return {
    time: (date.getHours() << 11) | (date.getMinutes() << 5) | Math.floor(date.getSeconds() / 2),
    date: ((year - 1980) << 9) | ((date.getMonth() + 1) << 5) | date.getDate(),
  };
}

/**
 * A minimal, streaming zip writer. Entries are written in the order added; an entry whose size and
 * CRC are known up front gets them in its local header (no data descriptor), so STORED entries stay
 * readable by stream readers such as Java's `ZipInputStream`; streamed entries of unknown size are
 * deflated and followed by a data descriptor. Zip64 records are written only where sizes or
 * offsets need them.
 */
export class ZipWriter {
  private readonly entries: ZipEntryRecord[] = [];
  private offset = 0;
  private readonly stamp = dosDateTime(new Date());

  constructor(private readonly output: Writable) {}

  /** Adds an entry from memory, STORED or deflated. */
  async addBuffer(name: string, data: Uint8Array, compress: boolean): Promise<void> {
    const body = compress ? deflateRawSync(data) : data;
    const useDeflate = compress && body.length < data.length;
    const payload = useDeflate ? body : data;
    await this.writeKnown(name, useDeflate ? DEFLATED : STORED, crc32(data), data.length, payload.length, [
      payload,
    ]);
  }

  /**
   * Adds a STORED entry whose size and CRC-32 are known before its bytes are streamed (for example
   * from a first pass over a file). Throws `INPUT_CHANGED` when the streamed bytes disagree.
   */
  async addStored(name: string, source: AsyncIterable<Uint8Array>, size: number, crc: number): Promise<void> {
    let seen = 0;
    let actualCrc = 0;
    async function* checked(): AsyncGenerator<Uint8Array> {
      for await (const chunk of source) {
        seen += chunk.length;
        if (seen > size) break;
        actualCrc = crc32(chunk, actualCrc);
        yield chunk;
      }
      if (seen !== size || actualCrc !== crc)
        throw new AsiceError(
          'INPUT_CHANGED',
          `The content of ${JSON.stringify(name)} changed while it was being written.`,
          {
            details: { name },
          },
        );
    }
    await this.writeKnown(name, STORED, crc, size, size, checked());
  }

  /** Adds a deflated entry streamed from `source`; its sizes and CRC follow in a data descriptor. */
  async addDeflated(
    name: string,
    source: AsyncIterable<Uint8Array>,
    level = zlibConstants.Z_DEFAULT_COMPRESSION,
  ) {
    const entry: ZipEntryRecord = {
      name: Buffer.from(name, 'utf8'),
      method: DEFLATED,
      flags: FLAG_UTF8 | FLAG_DATA_DESCRIPTOR,
      crc: 0,
      compressedSize: 0,
      size: 0,
      offset: this.offset,
    };
    await this.write(localFileHeader(entry, this.stamp, false));
    const deflate = createDeflateRaw({ level });
    const feed = (async () => {
      try {
        for await (const chunk of source) {
          entry.crc = crc32(chunk, entry.crc);
          entry.size += chunk.length;
          if (!deflate.write(chunk))
            await waitForDrain(deflate, 'the output stream closed before the zip was written');
        }
        deflate.end();
      } catch (error) {
        deflate.destroy(error as Error);
      }
    })();
    for await (const compressed of deflate) {
      entry.compressedSize += (compressed as Buffer).length;
      await this.write(compressed as Buffer);
    }
    await feed;
    const zip64 = entry.size > MAX_32 || entry.compressedSize > MAX_32;
    const descriptor = Buffer.alloc(zip64 ? 24 : 16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(entry.crc, 4);
    if (zip64) {
      descriptor.writeBigUInt64LE(BigInt(entry.compressedSize), 8);
      descriptor.writeBigUInt64LE(BigInt(entry.size), 16);
    } else {
      descriptor.writeUInt32LE(entry.compressedSize, 8);
      descriptor.writeUInt32LE(entry.size, 12);
    }
    await this.write(descriptor);
    this.entries.push(entry);
  }

  /** Writes the central directory and end records, with `comment` as the archive comment. */
  async finish(comment = ''): Promise<void> {
    const directoryOffset = this.offset;
    for (const entry of this.entries) await this.write(centralDirectoryHeader(entry, this.stamp));
    const directorySize = this.offset - directoryOffset;
    await this.write(endRecords(this.entries.length, directoryOffset, directorySize, comment));
  }

  private async writeKnown(
    name: string,
    method: number,
    crc: number,
    size: number,
    compressedSize: number,
    body: Iterable<Uint8Array> | AsyncIterable<Uint8Array>,
  ): Promise<void> {
    const entry: ZipEntryRecord = {
      name: Buffer.from(name, 'utf8'),
      method,
      flags: FLAG_UTF8,
      crc,
      compressedSize,
      size,
      offset: this.offset,
    };
    await this.write(localFileHeader(entry, this.stamp, true));
    for await (const chunk of body) await this.write(chunk);
    this.entries.push(entry);
  }

  private async write(chunk: Uint8Array): Promise<void> {
    this.offset += chunk.length;
    if (!this.output.write(chunk))
      await waitForDrain(this.output, 'the output stream closed before the zip was written');
  }
}

/**
 * The records after the central directory: zip64 end record and locator where needed, then the
 * end of central directory record with `comment`.
 */
export function endRecords(
  count: number,
  directoryOffset: number,
  directorySize: number,
  comment: string,
): Buffer {
  const parts: Buffer[] = [];
  if (count >= MAX_16 || directoryOffset > MAX_32 || directorySize > MAX_32) {
    const zip64End = Buffer.alloc(56);
    zip64End.writeUInt32LE(0x06064b50, 0);
    zip64End.writeBigUInt64LE(44n, 4);
    zip64End.writeUInt16LE((3 << 8) | 45, 12);
    zip64End.writeUInt16LE(45, 14);
    zip64End.writeBigUInt64LE(BigInt(count), 24);
    zip64End.writeBigUInt64LE(BigInt(count), 32);
    zip64End.writeBigUInt64LE(BigInt(directorySize), 40);
    zip64End.writeBigUInt64LE(BigInt(directoryOffset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(directoryOffset + directorySize), 8);
    locator.writeUInt32LE(1, 16);
    parts.push(zip64End, locator);
  }
  const commentBytes = Buffer.from(comment, 'utf8');
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, MAX_16), 8);
  end.writeUInt16LE(Math.min(count, MAX_16), 10);
  end.writeUInt32LE(Math.min(directorySize, 0xffffffff), 12);
  end.writeUInt32LE(Math.min(directoryOffset, 0xffffffff), 16);
  end.writeUInt16LE(commentBytes.length, 20);
  parts.push(end, commentBytes);
  return Buffer.concat(parts);
}

/** The local file header of `entry` (sizes and CRC included when `sizesKnown`). */
export function localFileHeader(entry: ZipEntryRecord, stamp: DosStamp, sizesKnown: boolean): Buffer {
  const zip64 = sizesKnown && (entry.size > MAX_32 || entry.compressedSize > MAX_32);
  const extra = zip64 ? Buffer.alloc(20) : Buffer.alloc(0);
  if (zip64) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(16, 2);
    extra.writeBigUInt64LE(BigInt(entry.size), 4);
    extra.writeBigUInt64LE(BigInt(entry.compressedSize), 12);
  }
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(zip64 ? 45 : 20, 4);
  header.writeUInt16LE(entry.flags, 6);
  header.writeUInt16LE(entry.method, 8);
  header.writeUInt16LE(stamp.time, 10);
  header.writeUInt16LE(stamp.date, 12);
  if (sizesKnown) {
    header.writeUInt32LE(entry.crc, 14);
    header.writeUInt32LE(zip64 ? 0xffffffff : entry.compressedSize, 18);
    header.writeUInt32LE(zip64 ? 0xffffffff : entry.size, 22);
  }
  header.writeUInt16LE(entry.name.length, 26);
  header.writeUInt16LE(extra.length, 28);
  return Buffer.concat([header, entry.name, extra]);
}

/** The central directory record of `entry`. */
export function centralDirectoryHeader(entry: ZipEntryRecord, stamp: DosStamp): Buffer {
  const big: bigint[] = [];
  if (entry.size > MAX_32) big.push(BigInt(entry.size));
  if (entry.compressedSize > MAX_32) big.push(BigInt(entry.compressedSize));
  if (entry.offset > MAX_32) big.push(BigInt(entry.offset));
  const extra = Buffer.alloc(big.length > 0 ? 4 + 8 * big.length : 0);
  if (big.length > 0) {
    extra.writeUInt16LE(0x0001, 0);
    extra.writeUInt16LE(8 * big.length, 2);
    for (const [index, value] of big.entries()) extra.writeBigUInt64LE(value, 4 + 8 * index);
  }
  const header = Buffer.alloc(46);
  header.writeUInt32LE(0x02014b50, 0);
  header.writeUInt16LE((3 << 8) | 45, 4);
  header.writeUInt16LE(big.length > 0 ? 45 : 20, 6);
  header.writeUInt16LE(entry.flags, 8);
  header.writeUInt16LE(entry.method, 10);
  header.writeUInt16LE(stamp.time, 12);
  header.writeUInt16LE(stamp.date, 14);
  header.writeUInt32LE(entry.crc, 16);
  header.writeUInt32LE(entry.compressedSize > MAX_32 ? 0xffffffff : entry.compressedSize, 20);
  header.writeUInt32LE(entry.size > MAX_32 ? 0xffffffff : entry.size, 24);
  header.writeUInt16LE(entry.name.length, 28);
  header.writeUInt16LE(extra.length, 30);
  header.writeUInt32LE((0o100644 << 16) >>> 0, 38);
  header.writeUInt32LE(entry.offset > MAX_32 ? 0xffffffff : entry.offset, 42);
  return Buffer.concat([header, entry.name, extra]);
}
