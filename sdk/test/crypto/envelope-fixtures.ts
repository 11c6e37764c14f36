// Shared helpers for the CMS envelope tests: collecting streams, chunking, BER re-encoding.
import { Readable, type Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { childrenOf, encodingOf, readSingleTlv } from '../../src/crypto/ber-reader.js';
import { derHeader } from '../../src/crypto/der-writer.js';
import { isFiksError } from '../../src/errors/fiks-error.js';

/** Splits `data` into pieces of the given sizes (cycled; the last piece takes the rest). */
export function chunk(data: Buffer, sizes: readonly number[]): Buffer[] {
  const out: Buffer[] = [];
  let i = 0;
  for (let n = 0; i < data.length; n++) {
    const size = Math.max(1, sizes[n % sizes.length] ?? data.length);
    out.push(data.subarray(i, i + size));
    i += size;
  }
  return out;
}

/** Feeds `chunks` through `transform` and returns everything it emitted. */
export async function runThrough(transform: Transform, chunks: readonly Buffer[]): Promise<Buffer> {
  const out: Buffer[] = [];
  await pipeline(
    Readable.from(chunks, { objectMode: false }),
    transform,
    async (source: AsyncIterable<Buffer>) => {
      for await (const piece of source) out.push(piece);
    },
  );
  return Buffer.concat(out);
}

/** The toolkit error code a (sync or async) call fails with, or a description of what happened instead. */
export async function failureCode(fn: () => unknown): Promise<string> {
  try {
    await fn();
  } catch (error) {
    return isFiksError(error) ? error.code : `non-toolkit error: ${String(error)}`;
  }
  return 'no error';
}

/**
 * Re-encodes a DER envelope as BER the way streaming writers do: indefinite lengths on every
 * container and the ciphertext as a constructed [0] of OCTET STRING segments of `segmentSizes`.
 */
export function toStreamingBer(der: Buffer, segmentSizes: readonly number[]): Buffer {
  const indefinite = (tag: number, ...parts: Buffer[]) =>
    Buffer.concat([Buffer.from([tag, 0x80]), ...parts, Buffer.alloc(2)]);
  const [contentType, wrapper] = childrenOf(readSingleTlv(der));
  const [envelopedData] = childrenOf(wrapper!);
  const fields = childrenOf(envelopedData!);
  const encryptedContentInfo = fields[fields.length - 1]!;
  const [type, algorithm, content] = childrenOf(encryptedContentInfo);
  const ciphertext = der.subarray(content!.contentStart, content!.contentEnd);
  const segments = chunk(ciphertext, segmentSizes).map((s) => Buffer.concat([derHeader(0x04, s.length), s]));
  return indefinite(
    0x30,
    encodingOf(contentType!),
    indefinite(
      0xa0,
      indefinite(
        0x30,
        ...fields.slice(0, -1).map((f) => encodingOf(f)),
        indefinite(0x30, encodingOf(type!), encodingOf(algorithm!), indefinite(0xa0, ...segments)),
      ),
    ),
  );
}
