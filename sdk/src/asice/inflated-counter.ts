/** Counting an entry's real inflated bytes against its bounds, and one-call inflation under them. */
import { inflateRawSync } from 'node:zlib';
import { AsiceError } from './asice-error.js';
import type { InflateBounds, ZipArchiveEntry } from './zip-archive.js';
import { malformed, zipMalformed } from './zip-reads.js';

function limitExceeded(message: string, details: Record<string, unknown>): AsiceError {
  return new AsiceError('LIMIT_EXCEEDED', message, { details });
}

export /** Inflates a deflated entry in one call, bounded by the counter's first threshold. */
function inflateOnce(compressed: Buffer, counter: InflatedCounter): Buffer {
  const cap = counter.firstThreshold();
  let inflated: Buffer;
  try {
    inflated = inflateRawSync(compressed, { maxOutputLength: cap + 1 });
  } catch (error) {
    if ((error as { code?: string }).code === 'ERR_BUFFER_TOO_LARGE') {
      counter.add(cap + 1);
      throw malformed('the entry inflates past its bounds'); // not reached: add() throws
    }
    throw zipMalformed(error);
  }
  counter.add(inflated.length);
  counter.finish();
  return inflated;
}

export /** Counts an entry's real inflated bytes against its declared size and the read bounds. */
class InflatedCounter {
  private inflated = 0;

  constructor(
    private readonly entry: ZipArchiveEntry,
    private readonly bounds: InflateBounds,
  ) {}

  /** The largest byte count that passes every check. */
  firstThreshold(): number {
    const { entry, bounds } = this;
    return Math.max(
      0,
      Math.min(
        entry.size,
        bounds.maxBytes,
        this.inflated + bounds.total.remaining,
        Math.max(bounds.ratioGraceBytes, Math.max(entry.compressedSize, 1) * bounds.maxRatio),
      ),
    );
  }

  add(length: number): void {
    const { entry, bounds } = this;
    this.inflated += length;
    bounds.total.remaining -= length;
    if (this.inflated > entry.size)
      throw malformed(`too many bytes in ${JSON.stringify(entry.name)}: expected ${entry.size}`);
    if (this.inflated > bounds.maxBytes)
      throw limitExceeded(
        `The entry ${JSON.stringify(entry.name)} inflates to more than ${bounds.maxBytes} bytes.`,
        { name: entry.name, limit: bounds.maxBytes },
      );
    if (bounds.total.remaining < 0)
      throw limitExceeded(
        `The container's files inflate to more than ${bounds.total.limit} bytes in total.`,
        { limit: bounds.total.limit },
      );
    if (
      this.inflated > bounds.ratioGraceBytes &&
      this.inflated > Math.max(entry.compressedSize, 1) * bounds.maxRatio
    )
      throw limitExceeded(
        `The entry ${JSON.stringify(entry.name)} inflates more than ${bounds.maxRatio} times its compressed size (a zip bomb?).`,
        { name: entry.name, limit: bounds.maxRatio },
      );
  }

  /** Fails when the entry inflated to fewer bytes than declared. */
  finish(): void {
    if (this.inflated < this.entry.size)
      throw malformed(
        `not enough bytes in ${JSON.stringify(this.entry.name)}: expected ${this.entry.size}, got ${this.inflated}`,
      );
  }
}
