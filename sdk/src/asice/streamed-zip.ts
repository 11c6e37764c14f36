/**
 * A zip container arriving as a stream (a decrypting envelope), taken apart on the way so that its
 * bytes are written once: the leading STORED entries whose local headers give their sizes are
 * hashed as they pass and kept in memory or written to a staging directory; from the first byte
 * that is anything else (the central directory, a deflated entry, a data descriptor, an oversized
 * or unusual entry) the rest is spooled to a file that {@link ZipArchive} reads with random access.
 * Nothing here judges the container: the reader checks the taken entries against the central
 * directory and runs every ASiC-E check afterwards.
 */
import { createHash, type Hash } from 'node:crypto';
import { type FileHandle, open } from 'node:fs/promises';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { AsiceError } from './asice-error.js';
import type { AsiceLimits } from './asice-limits.js';
import { isMetaInfName } from './entry-name.js';
import { decodeName } from './zip-archive.js';

const LOCAL_SIGNATURE = 0x04034b50;
const LOCAL_HEADER_BYTES = 30;
/** Encrypted, data descriptor, strong encryption: none of these is taken while streaming. */
const UNSTREAMABLE_FLAGS = 0x1 | 0x8 | 0x40;
/** Payload files up to this size written to the staging directory are also kept in memory. */
export const KEPT_IN_MEMORY_BYTES = 1024 * 1024;
/** Bytes the writable side buffers while the previous batch is written: decryption goes on meanwhile. */
const BUFFERED_BYTES = 8 * 1024 * 1024;

/** A STORED entry taken as it streamed past. */
export interface StreamedZipEntry {
  /** The local header's offset, which the central directory must name. */
  readonly localHeaderOffset: number;
  /** The entry's bytes (stored, so compressed and uncompressed sizes are equal). */
  readonly size: number;
  readonly sha256: Buffer;
  /** The bytes, for metadata entries, payload files without a staging directory and small staged ones. */
  readonly data?: Buffer;
  /** Where the bytes were written, for payload files with a staging directory. */
  readonly stagedPath?: string;
}

/** What streaming produced: the taken entries, and the file holding the container's bytes from `spoolStart` on. */
export interface StreamedZip {
  readonly entries: ReadonlyMap<number, StreamedZipEntry>;
  readonly spoolStart: number;
  readonly spoolPath: string;
}

export interface StreamedZipOptions {
  /** The file that receives the container's bytes from the first one not taken. */
  spoolPath: string;
  /** Payload files go here (named by their position), or stay in memory without it. */
  stagingDir?: string;
  limits: AsiceLimits;
}

/** The entry being taken. */
interface Taking {
  offset: number;
  remaining: number;
  size: number;
  hash: Hash;
  chunks: Buffer[] | undefined;
  path: string | undefined;
  handle: FileHandle | undefined;
}

function outputFailed(cause: unknown): AsiceError {
  return new AsiceError('OUTPUT_FAILED', 'Could not store the decrypted container.', { cause });
}

/** `operation`, with a file-system failure reported as `OUTPUT_FAILED`. */
function storing<T>(operation: Promise<T>): Promise<T> {
  return operation.catch((cause: unknown) => {
    throw outputFailed(cause);
  });
}

/**
 * Takes a zip stream apart (a writable sink that reads what is written to it); {@link result}
 * tells what was taken once the stream has finished.
 */
export class StreamedZipSplitter extends Writable {
  private offset = 0;
  private header: Buffer | undefined;
  private taking: Taking | undefined;
  private spoolStart: number | undefined;
  private spool: FileHandle | undefined;
  private readonly entries = new Map<number, StreamedZipEntry>();
  private declaredTotal = 0;
  private inMemory = 0;
  private metadataHeld = 0;
  /** Writes of the batch being handled: file, slices. */
  private pending: Array<{ handle: FileHandle; slices: Buffer[] }> = [];

  constructor(private readonly options: StreamedZipOptions) {
    super({ highWaterMark: BUFFERED_BYTES });
  }

  /** The outcome; valid once the stream finished. */
  result(): StreamedZip {
    if (this.spoolStart === undefined) throw new Error('the zip stream has not finished');
    return {
      entries: this.entries,
      spoolStart: this.spoolStart,
      spoolPath: this.options.spoolPath,
    };
  }

  override _writev(
    chunks: Array<{ chunk: Buffer; encoding: BufferEncoding }>,
    callback: (error?: Error | null) => void,
  ): void {
    this.consumeAll(chunks.map((c) => c.chunk)).then(() => callback(), callback);
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.consumeAll([chunk]).then(() => callback(), callback);
  }

  override _final(callback: (error?: Error | null) => void): void {
    this.finish().then(() => callback(), callback);
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    const handles = [this.taking?.handle, this.spool].filter((h) => h !== undefined);
    this.taking = undefined;
    this.spool = undefined;
    Promise.allSettled(handles.map((h) => h.close())).then(() => callback(error));
  }

  private async finish(): Promise<void> {
    if (this.taking !== undefined)
      throw new AsiceError(
        'ZIP_MALFORMED',
        'The container is not a readable zip file: it ends inside an entry.',
      );
    if (this.spoolStart === undefined) {
      // The container ended before its central directory: spool what is left, so that the
      // random-access reader reports it as it would any truncated zip.
      const held = this.header === undefined ? [] : [this.header];
      await this.startSpool(this.offset - (held[0]?.length ?? 0), held);
      await this.flush();
    }
    if (this.spool !== undefined) await storing(this.spool.close());
    this.spool = undefined;
  }

  private async consumeAll(chunks: Buffer[]): Promise<void> {
    for (const chunk of chunks) await this.consume(chunk);
    await this.flush();
  }

  private async consume(chunk: Buffer): Promise<void> {
    let at = 0;
    while (at < chunk.length) {
      if (this.spool !== undefined) {
        this.queue(this.spool, chunk.subarray(at));
        this.offset += chunk.length - at;
        return;
      }
      if (this.taking !== undefined) {
        const n = Math.min(this.taking.remaining, chunk.length - at);
        this.take(chunk.subarray(at, at + n));
        at += n;
        this.offset += n;
        if (this.taking.remaining === 0) await this.endEntry();
        continue;
      }
      at = await this.readHeader(chunk, at);
    }
  }

  /** Collects a local header from `chunk` at `at`, then decides to take the entry or spool; returns the new index. */
  private async readHeader(chunk: Buffer, at: number): Promise<number> {
    const held = this.header?.length ?? 0;
    const needed = held < LOCAL_HEADER_BYTES ? LOCAL_HEADER_BYTES : this.headerLength(this.header!);
    const n = Math.min(needed - held, chunk.length - at);
    const piece = chunk.subarray(at, at + n);
    this.header = held === 0 ? Buffer.from(piece) : Buffer.concat([this.header!, piece]);
    this.offset += n;
    at += n;
    const header = this.header;
    if (header.length < LOCAL_HEADER_BYTES) return at;
    if (header.readUInt32LE(0) !== LOCAL_SIGNATURE) {
      await this.startSpool(this.offset - header.length, [header]);
      return at;
    }
    if (header.length < this.headerLength(header)) return at;
    this.header = undefined;
    const start = this.offset - header.length;
    if (!(await this.startEntry(header, start))) await this.startSpool(start, [header]);
    else if (this.taking!.remaining === 0) await this.endEntry();
    return at;
  }

  private headerLength(header: Buffer): number {
    return LOCAL_HEADER_BYTES + header.readUInt16LE(26) + header.readUInt16LE(28);
  }

  /** Begins taking the entry whose complete local header is `header`; false when it must be spooled instead. */
  private async startEntry(header: Buffer, offset: number): Promise<boolean> {
    const { limits, stagingDir } = this.options;
    const flags = header.readUInt16LE(6);
    const method = header.readUInt16LE(8);
    const compressedSize = header.readUInt32LE(18);
    const size = header.readUInt32LE(22);
    if ((flags & UNSTREAMABLE_FLAGS) !== 0 || method !== 0 || compressedSize !== size || size === 0xffffffff)
      return false;
    if (this.entries.size >= limits.maxEntries) return false;
    let name: string;
    try {
      name = decodeName(
        header.subarray(LOCAL_HEADER_BYTES, LOCAL_HEADER_BYTES + header.readUInt16LE(26)),
        flags,
      );
    } catch {
      return false;
    }
    const metadata = name === 'mimetype' || isMetaInfName(name);
    // A container needs three metadata entries (mimetype, manifest, signature): more is not held.
    if (
      metadata &&
      (size > limits.maxMetadataBytes || this.metadataHeld + size > 3 * limits.maxMetadataBytes)
    )
      return false;
    if (!metadata) {
      if (size > limits.maxEntryBytes || this.declaredTotal + size > limits.maxTotalBytes) return false;
      if (stagingDir === undefined && this.inMemory + size > limits.maxInMemoryBytes) return false;
    }
    const staged = !metadata && stagingDir !== undefined;
    const path = staged ? join(stagingDir, `streamed-${this.entries.size}`) : undefined;
    let handle: FileHandle | undefined;
    if (path !== undefined) handle = await storing(open(path, 'wx'));
    if (metadata) this.metadataHeld += size;
    else {
      this.declaredTotal += size;
      if (!staged) this.inMemory += size;
    }
    this.taking = {
      offset,
      remaining: size,
      size,
      hash: createHash('sha256'),
      chunks: !staged || size <= KEPT_IN_MEMORY_BYTES ? [] : undefined,
      path,
      handle,
    };
    return true;
  }

  private take(bytes: Buffer): void {
    const taking = this.taking!;
    taking.hash.update(bytes);
    taking.remaining -= bytes.length;
    // Slices of a chunk the decryptor made for us: kept or written as they are, never copied.
    taking.chunks?.push(bytes);
    if (taking.handle !== undefined) this.queue(taking.handle, bytes);
  }

  private async endEntry(): Promise<void> {
    const taking = this.taking!;
    this.taking = undefined;
    if (taking.handle !== undefined) {
      await this.flush();
      await storing(taking.handle.close());
    }
    this.entries.set(taking.offset, {
      localHeaderOffset: taking.offset,
      size: taking.size,
      sha256: taking.hash.digest(),
      ...(taking.chunks === undefined ? {} : { data: Buffer.concat(taking.chunks) }),
      ...(taking.path === undefined ? {} : { stagedPath: taking.path }),
    });
  }

  private async startSpool(start: number, held: Buffer[]): Promise<void> {
    this.header = undefined;
    this.spoolStart = start;
    const spool = await storing(open(this.options.spoolPath, 'wx'));
    this.spool = spool;
    for (const bytes of held) this.queue(spool, bytes);
  }

  private queue(handle: FileHandle, bytes: Buffer): void {
    const last = this.pending.at(-1);
    if (last?.handle === handle) last.slices.push(bytes);
    else this.pending.push({ handle, slices: [bytes] });
  }

  /** Writes what was queued, in order. */
  private async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = [];
    for (const { handle, slices } of pending) {
      const expected = slices.reduce((sum, s) => sum + s.length, 0);
      const { bytesWritten } = await storing(handle.writev(slices));
      if (bytesWritten !== expected)
        throw outputFailed(new Error(`short write: ${bytesWritten} of ${expected}`));
    }
  }
}
