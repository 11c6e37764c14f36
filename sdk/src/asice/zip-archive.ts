/**
 * Random-access reading of a zip file or buffer: the central directory, each entry's local header
 * held to it, and entries' bytes inflated and counted against their bounds.
 */
import { type FileHandle, open } from 'node:fs/promises';
import { createInflateRaw } from 'node:zlib';
import { AsiceError } from './asice-error.js';
import { InflatedCounter, inflateOnce } from './inflated-counter.js';
import { waitForDrain } from './stream-drain.js';
import { applyZip64, type EndRecord, readEndRecord } from './zip-end-record.js';
import {
  type ByteSource,
  bufferSource,
  fileSource,
  malformed,
  type Reads,
  runAsync,
  runSync,
  zipMalformed,
} from './zip-reads.js';

/** One entry of the central directory, its name decoded but not yet judged. */
export interface ZipArchiveEntry {
  name: string;
  /** Sizes as the central directory claims them (the reader counts the real bytes). */
  compressedSize: number;
  size: number;
  compressionMethod: number;
  /** The general purpose bit flag of the central directory record. */
  flags: number;
  encrypted: boolean;
  isDirectory: boolean;
  /** Offset of the entry's local file header. */
  readonly localHeaderOffset: number;
}

/** Bounds {@link ZipArchive.pump} enforces on the real, inflated bytes of one entry. */
export interface InflateBounds {
  maxBytes: number;
  maxRatio: number;
  /** Inflated bytes below which the ratio is not enforced (tiny entries compress absurdly well). */
  ratioGraceBytes: number;
  /** Shared across entries: decremented by every inflated byte; exceeding it fails the read. */
  total: { remaining: number; limit: number };
}

const CENTRAL_SIGNATURE = 0x02014b50;
const LOCAL_SIGNATURE = 0x04034b50;
/** A 32-bit size field that says "see the zip64 extra field". */
const ZIP64_SIZE = 0xffffffff;
/** General purpose flag: sizes and CRC follow the data in a data descriptor. */
const FLAG_DATA_DESCRIPTOR = 0x8;
/** Read size for file-backed archives and the slice size for stored entries. */
const CHUNK_BYTES = 1024 * 1024;
/** Deflated entries whose inflated bound is at most this are inflated in one call. */
const ONE_SHOT_INFLATE_BYTES = 8 * 1024 * 1024;

/** An entry name as its flags say it is encoded (UTF-8 when bit 11 is set, else Latin-1 as a superset of CP437's printable range). */
export function decodeName(raw: Buffer, flags: number): string {
  if ((flags & 0x800) !== 0) {
    try {
      return new TextDecoder('utf-8', { fatal: true }).decode(raw);
    } catch (error) {
      throw new AsiceError('UNSAFE_ENTRY_NAME', 'A zip entry name is flagged UTF-8 but is not valid UTF-8.', {
        cause: error,
      });
    }
  }
  return raw.toString('latin1');
}

/** What in a 30-byte local header contradicts the central directory's `entry`, if anything. */
function localHeaderDisagreement(local: Buffer, entry: ZipArchiveEntry): string | undefined {
  if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) return 'no local file header signature';
  if (local.readUInt16LE(8) !== entry.compressionMethod) return 'compression method';
  if ((local.readUInt16LE(6) & FLAG_DATA_DESCRIPTOR) !== 0) return undefined;
  const compressedSize = local.readUInt32LE(18);
  const size = local.readUInt32LE(22);
  if (compressedSize !== ZIP64_SIZE && compressedSize !== entry.compressedSize) return 'compressed size';
  if (size !== ZIP64_SIZE && size !== entry.size) return 'size';
  return undefined;
}

/**
 * Random-access reading of a zip file or buffer, with every failure reported as an `AsiceError`.
 * Buffers are parsed in place; files are read with large positional reads.
 */
export class ZipArchive {
  private closed = false;

  private constructor(
    private readonly source: ByteSource,
    private readonly end: EndRecord,
    /** The whole archive, when it is held in memory (read synchronously). */
    private readonly bytes: Buffer | undefined,
  ) {}

  /**
   * Opens `source` (a file path or the bytes). Fails with `ZIP_MALFORMED` when it is not a zip.
   * With `baseOffset`, the file holds only the archive's bytes from that offset on (the rest was
   * taken as it streamed past): offsets in the archive stay absolute, and reading before the base
   * fails as reading past the end would.
   */
  static async open(source: string | Uint8Array, options: { baseOffset?: number } = {}): Promise<ZipArchive> {
    if (typeof source !== 'string') return ZipArchive.fromBytes(source);
    let handle: FileHandle;
    try {
      handle = await open(source, 'r');
    } catch (error) {
      throw zipMalformed(error);
    }
    let bytes: ByteSource;
    try {
      const { size } = await handle.stat();
      bytes = fileSource(handle, size, options.baseOffset ?? 0);
    } catch (error) {
      await handle.close().catch(() => {});
      throw zipMalformed(error);
    }
    try {
      return new ZipArchive(bytes, await runAsync(readEndRecord(bytes.size, bytes.start), bytes), undefined);
    } catch (error) {
      await bytes.close().catch(() => {});
      throw error instanceof AsiceError ? error : zipMalformed(error);
    }
  }

  /** Opens an archive held in memory, synchronously; its entries are read with {@link readEntry}. */
  static fromBytes(source: Uint8Array): ZipArchive {
    const bytes = Buffer.from(source.buffer, source.byteOffset, source.byteLength);
    try {
      return new ZipArchive(bufferSource(bytes), runSync(readEndRecord(bytes.length), bytes), bytes);
    } catch (error) {
      throw error instanceof AsiceError ? error : zipMalformed(error);
    }
  }

  /** The entry count the end-of-central-directory record claims. */
  get declaredEntryCount(): number {
    return this.end.entryCount;
  }

  /** The archive comment's raw bytes. */
  get comment(): Buffer {
    return this.end.comment;
  }

  /** Reads the central directory, in order. */
  async entries(): Promise<ZipArchiveEntry[]> {
    return this.bytes === undefined
      ? await this.runOrFail(runAsync(this.directory(), this.source))
      : this.entriesSync();
  }

  /** Reads the central directory of an in-memory archive, in order. */
  entriesSync(): ZipArchiveEntry[] {
    return this.runSyncOrFail(this.directory());
  }

  private *directory(): Reads<ZipArchiveEntry[]> {
    const found: ZipArchiveEntry[] = [];
    let cursor = this.end.directoryOffset;
    const size = this.source.size;
    // The directory is usually small: read what is there in one go, then parse from memory.
    let window = yield { position: cursor, length: Math.max(0, Math.min(size - cursor, 4 * CHUNK_BYTES)) };
    let windowStart = cursor;
    for (let index = 0; index < this.end.entryCount; index++) {
      if (cursor + 46 - windowStart > window.length) {
        window = yield { position: cursor, length: Math.max(46, Math.min(CHUNK_BYTES, size - cursor)) };
        windowStart = cursor;
      }
      let at = cursor - windowStart;
      const record = window.subarray(at, at + 46);
      cursor += 46;
      if (record.readUInt32LE(0) !== CENTRAL_SIGNATURE)
        throw malformed('invalid central directory file header signature');
      const flags = record.readUInt16LE(8);
      if ((flags & 0x40) !== 0) throw malformed('strong encryption is not supported');
      const nameLength = record.readUInt16LE(28);
      const extraLength = record.readUInt16LE(30);
      const commentLength = record.readUInt16LE(32);
      const values = {
        size: record.readUInt32LE(24),
        compressedSize: record.readUInt32LE(20),
        localHeaderOffset: record.readUInt32LE(42),
      };
      const compressionMethod = record.readUInt16LE(10);
      const variableLength = nameLength + extraLength + commentLength;
      if (cursor + variableLength - windowStart > window.length) {
        window = yield {
          position: cursor,
          length: Math.max(variableLength, Math.min(CHUNK_BYTES, size - cursor)),
        };
        windowStart = cursor;
      }
      at = cursor - windowStart;
      const variable = window.subarray(at, at + variableLength);
      cursor += variableLength;
      applyZip64(variable.subarray(nameLength, nameLength + extraLength), values);
      const encrypted = (flags & 0x1) !== 0;
      if (compressionMethod === 0 && values.compressedSize !== values.size + (encrypted ? 12 : 0))
        throw malformed(
          `compressed/uncompressed size mismatch for a stored file: ${values.compressedSize} != ${values.size}`,
        );
      const name = decodeName(variable.subarray(0, nameLength), flags);
      found.push({
        name,
        compressedSize: values.compressedSize,
        size: values.size,
        compressionMethod,
        flags,
        encrypted,
        isDirectory: name.endsWith('/'),
        localHeaderOffset: values.localHeaderOffset,
      });
    }
    yield* this.checkLocalHeaders(found);
    return found;
  }

  /**
   * Every entry has a local header of its own that agrees with the central directory (method, and
   * sizes unless a data descriptor carries them): the streaming reader takes entries by their
   * local headers, so the random-access reader holds them to the same. Entries before the first
   * readable offset were taken while streaming and are checked against what was taken.
   */
  private *checkLocalHeaders(entries: readonly ZipArchiveEntry[]): Reads<void> {
    const seen = new Set<number>();
    const spans: Array<{ entry: ZipArchiveEntry; dataEnd: number }> = [];
    for (const entry of entries) {
      if (seen.has(entry.localHeaderOffset))
        throw malformed(
          `two central directory entries share the local header at offset ${entry.localHeaderOffset}`,
        );
      seen.add(entry.localHeaderOffset);
      if (entry.localHeaderOffset < this.source.start) continue;
      if (entry.localHeaderOffset + 30 > this.source.size) throw malformed('unexpected end of data');
      const local = yield { position: entry.localHeaderOffset, length: 30 };
      const disagreement = localHeaderDisagreement(local, entry);
      if (disagreement !== undefined)
        throw malformed(
          `the central directory and the local header of ${JSON.stringify(entry.name)} disagree (${disagreement})`,
        );
      const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
      spans.push({ entry, dataEnd: dataStart + entry.compressedSize });
    }
    // One entry's bytes never run into the next one's local header, nor into the directory.
    spans.sort((a, b) => a.entry.localHeaderOffset - b.entry.localHeaderOffset);
    for (const [index, { entry, dataEnd }] of spans.entries()) {
      const next = spans[index + 1]?.entry.localHeaderOffset ?? this.end.directoryOffset;
      if (dataEnd > next)
        throw malformed(`the data of ${JSON.stringify(entry.name)} runs into what follows it`);
    }
  }

  /** Checks the entry and its local header; returns the offset of its data. */
  private *dataStart(entry: ZipArchiveEntry): Reads<number> {
    if (this.closed) throw malformed('the archive is closed');
    if (entry.encrypted) throw malformed('the entry is encrypted');
    if (entry.compressionMethod !== 0 && entry.compressionMethod !== 8)
      throw malformed(`unsupported compression method ${entry.compressionMethod}`);
    const local = yield { position: entry.localHeaderOffset, length: 30 };
    if (local.readUInt32LE(0) !== LOCAL_SIGNATURE) throw malformed('invalid local file header signature');
    const dataStart = entry.localHeaderOffset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28);
    if (dataStart + entry.compressedSize > this.source.size)
      throw malformed(
        `file data overflows file bounds: ${dataStart} + ${entry.compressedSize} > ${this.source.size}`,
      );
    return dataStart;
  }

  /**
   * Reads a whole entry of an in-memory archive, synchronously, with the checks of {@link pump}:
   * stored entries are returned without copying, deflated ones inflated in one call.
   */
  readEntry(entry: ZipArchiveEntry, bounds: InflateBounds): Buffer {
    const bytes = this.bytes;
    if (bytes === undefined) throw malformed('the archive is not held in memory');
    const dataStart = this.runSyncOrFail(this.dataStart(entry));
    const data = bytes.subarray(dataStart, dataStart + entry.compressedSize);
    const counter = new InflatedCounter(entry, bounds);
    if (entry.compressionMethod === 0) {
      counter.add(data.length);
      return data;
    }
    return inflateOnce(data, counter);
  }

  /**
   * Streams an entry's inflated bytes to `onChunk`, counting the real bytes against `bounds`
   * (never trusting the headers). Zip and inflate failures become `ZIP_MALFORMED`, exceeded
   * bounds `LIMIT_EXCEEDED`; errors thrown by `onChunk` pass through unchanged.
   */
  async pump(
    entry: ZipArchiveEntry,
    bounds: InflateBounds,
    onChunk: (chunk: Buffer) => void | Promise<void>,
  ): Promise<void> {
    const dataStart = await this.runOrFail(runAsync(this.dataStart(entry), this.source));
    const counter = new InflatedCounter(entry, bounds);
    if (entry.compressionMethod === 0) {
      // The next slice is read while the current one is handled.
      let at = 0;
      const readNext = (): Promise<Buffer> | undefined => {
        if (at >= entry.compressedSize) return undefined;
        const length = Math.min(CHUNK_BYTES, entry.compressedSize - at);
        const pending = this.readOrFail(dataStart + at, length);
        pending.catch(() => {}); // awaited below, unless the handler fails first
        at += length;
        return pending;
      };
      for (let next = readNext(); next !== undefined; ) {
        const chunk = await next;
        next = readNext();
        counter.add(chunk.length);
        await onChunk(chunk);
      }
      return;
    }
    const cap = counter.firstThreshold();
    if (cap <= ONE_SHOT_INFLATE_BYTES && entry.compressedSize <= ONE_SHOT_INFLATE_BYTES) {
      const inflated = inflateOnce(await this.readOrFail(dataStart, entry.compressedSize), counter);
      if (inflated.length > 0) await onChunk(inflated);
      return;
    }
    await this.pumpInflating(entry, dataStart, counter, onChunk);
  }

  private async pumpInflating(
    entry: ZipArchiveEntry,
    dataStart: number,
    counter: InflatedCounter,
    onChunk: (chunk: Buffer) => void | Promise<void>,
  ): Promise<void> {
    const inflate = createInflateRaw({ chunkSize: 256 * 1024 });
    inflate.on('error', () => {});
    const feed = (async () => {
      try {
        for (let at = 0; at < entry.compressedSize; ) {
          const length = Math.min(CHUNK_BYTES, entry.compressedSize - at);
          const chunk = await this.readOrFail(dataStart + at, length);
          at += length;
          if (inflate.destroyed) return;
          if (!inflate.write(chunk)) await waitForDrain(inflate, 'inflate closed');
        }
        inflate.end();
      } catch (error) {
        inflate.destroy(error instanceof Error ? error : new Error(String(error)));
      }
    })();
    try {
      const iterator = inflate[Symbol.asyncIterator]();
      for (;;) {
        let step: IteratorResult<Buffer>;
        try {
          step = await iterator.next();
        } catch (error) {
          throw error instanceof AsiceError ? error : zipMalformed(error);
        }
        if (step.done) break;
        counter.add(step.value.length);
        await onChunk(step.value);
      }
      counter.finish();
    } finally {
      inflate.destroy();
      await feed;
    }
  }

  private runSyncOrFail<T>(steps: Reads<T>): T {
    try {
      return runSync(steps, this.bytes!);
    } catch (error) {
      throw error instanceof AsiceError ? error : zipMalformed(error);
    }
  }

  private async runOrFail<T>(run: Promise<T>): Promise<T> {
    try {
      return await run;
    } catch (error) {
      throw error instanceof AsiceError ? error : zipMalformed(error);
    }
  }

  private async readOrFail(position: number, length: number): Promise<Buffer> {
    try {
      return await this.source.read(position, length);
    } catch (error) {
      throw error instanceof AsiceError ? error : zipMalformed(error);
    }
  }

  /** Releases the file handle. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.source.close().catch(() => {});
  }
}
