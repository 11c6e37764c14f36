import type { Readable } from 'node:stream';
import yauzl from 'yauzl';
import { AsiceError } from './asice-error.js';

/** One entry of the central directory, its name decoded but not yet judged. */
export interface ZipArchiveEntry {
  name: string;
  /** Sizes as the central directory claims them (the reader counts the real bytes). */
  compressedSize: number;
  size: number;
  compressionMethod: number;
  encrypted: boolean;
  isDirectory: boolean;
  /** The underlying yauzl entry, for {@link ZipArchive.pump}. */
  readonly raw: yauzl.Entry;
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

const OPTIONS: yauzl.Options = {
  lazyEntries: true,
  autoClose: false,
  decodeStrings: false,
  validateEntrySizes: true,
  strictFileNames: true,
};

function zipMalformed(error: unknown): AsiceError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AsiceError('ZIP_MALFORMED', `The container is not a readable zip file: ${reason}.`, {
    cause: error,
  });
}

function limitExceeded(message: string, details: Record<string, unknown>): AsiceError {
  return new AsiceError('LIMIT_EXCEEDED', message, { details });
}

function decodeName(raw: Buffer, flags: number): string {
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

/** Random-access reading of a zip file or buffer, with every failure reported as an `AsiceError`. */
export class ZipArchive {
  private constructor(private readonly zip: yauzl.ZipFile) {
    // Failures reach the caller through the operation that hit them; a late one must not crash.
    zip.on('error', () => {});
  }

  /** Opens `source` (a file path or the bytes). Fails with `ZIP_MALFORMED` when it is not a zip. */
  static async open(source: string | Uint8Array): Promise<ZipArchive> {
    try {
      const zip =
        typeof source === 'string'
          ? await yauzl.openPromise(source, OPTIONS)
          : await yauzl.fromBufferPromise(
              Buffer.from(source.buffer, source.byteOffset, source.byteLength),
              OPTIONS,
            );
      return new ZipArchive(zip);
    } catch (error) {
      throw zipMalformed(error);
    }
  }

  /** The entry count the end-of-central-directory record claims. */
  get declaredEntryCount(): number {
    return this.zip.entryCount;
  }

  /** The archive comment's raw bytes. */
  get comment(): Buffer {
    const comment: unknown = this.zip.comment;
    return Buffer.isBuffer(comment) ? comment : Buffer.from(String(comment), 'latin1');
  }

  /** Reads the central directory, in order. */
  async entries(): Promise<ZipArchiveEntry[]> {
    const zip = this.zip;
    return new Promise((resolve, reject) => {
      const found: ZipArchiveEntry[] = [];
      const done = (error?: unknown) => {
        zip.off('entry', onEntry);
        zip.off('end', onEnd);
        zip.off('error', onError);
        if (error === undefined) resolve(found);
        else reject(error instanceof AsiceError ? error : zipMalformed(error));
      };
      const onEntry = (entry: yauzl.Entry) => {
        try {
          const name = decodeName(entry.fileNameRaw, entry.generalPurposeBitFlag);
          found.push({
            name,
            compressedSize: entry.compressedSize,
            size: entry.uncompressedSize,
            compressionMethod: entry.compressionMethod,
            encrypted: entry.isEncrypted(),
            isDirectory: name.endsWith('/'),
            raw: entry,
          });
          zip.readEntry();
        } catch (error) {
          done(error);
        }
      };
      const onEnd = () => done();
      const onError = (error: Error) => done(error);
      zip.on('entry', onEntry);
      zip.on('end', onEnd);
      zip.on('error', onError);
      zip.readEntry();
    });
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
    let stream: Readable;
    try {
      stream = await this.zip.openReadStreamPromise(entry.raw);
    } catch (error) {
      throw zipMalformed(error);
    }
    let inflated = 0;
    const iterator = stream[Symbol.asyncIterator]();
    try {
      for (;;) {
        let step: IteratorResult<Buffer>;
        try {
          step = await iterator.next();
        } catch (error) {
          throw zipMalformed(error);
        }
        if (step.done) break;
        const chunk = step.value;
        inflated += chunk.length;
        bounds.total.remaining -= chunk.length;
        if (inflated > bounds.maxBytes)
          throw limitExceeded(
            `The entry ${JSON.stringify(entry.name)} inflates to more than ${bounds.maxBytes} bytes.`,
            {
              name: entry.name,
              limit: bounds.maxBytes,
            },
          );
        if (bounds.total.remaining < 0)
          throw limitExceeded(
            `The container's files inflate to more than ${bounds.total.limit} bytes in total.`,
            {
              limit: bounds.total.limit,
            },
          );
        if (
          inflated > bounds.ratioGraceBytes &&
          inflated > Math.max(entry.compressedSize, 1) * bounds.maxRatio
        )
          throw limitExceeded(
            `The entry ${JSON.stringify(entry.name)} inflates more than ${bounds.maxRatio} times its compressed size (a zip bomb?).`,
            { name: entry.name, limit: bounds.maxRatio },
          );
        await onChunk(chunk);
      }
    } finally {
      stream.on('error', () => {});
      stream.destroy();
    }
  }

  /** Releases the file handle. */
  close(): void {
    try {
      this.zip.close();
    } catch {
      // already closed
    }
  }
}
