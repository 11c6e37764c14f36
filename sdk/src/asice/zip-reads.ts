/**
 * How the zip reader gets its bytes: a parser written once as a generator of read requests, driven
 * synchronously over a buffer or with awaited reads from a file; and the reader's failures.
 */
import type { FileHandle } from 'node:fs/promises';
import { AsiceError } from './asice-error.js';
import { readFully } from './read-ahead.js';

/** A failure of reading, as `ZIP_MALFORMED`. */
export function zipMalformed(error: unknown): AsiceError {
  const reason = error instanceof Error ? error.message : String(error);
  return new AsiceError('ZIP_MALFORMED', `The container is not a readable zip file: ${reason}.`, {
    cause: error,
  });
}

/** A structural fault, as `ZIP_MALFORMED`. */
export function malformed(reason: string): AsiceError {
  return new AsiceError('ZIP_MALFORMED', `The container is not a readable zip file: ${reason}.`);
}

export function readUInt64(buf: Buffer, at: number): number {
  const value = buf.readBigUInt64LE(at);
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw malformed('a zip64 size or offset is too large');
  return Number(value);
}

/** Where the bytes come from: a buffer (sliced without copying) or an open file. */
export interface ByteSource {
  /** The first readable offset (0 unless the archive's head was taken as it streamed past). */
  readonly start: number;
  readonly size: number;
  read(position: number, length: number): Promise<Buffer>;
  close(): Promise<void>;
}

export function bufferSource(bytes: Buffer): ByteSource {
  return {
    start: 0,
    size: bytes.length,
    read: async (position, length) => {
      if (position < 0 || position + length > bytes.length) throw malformed('unexpected end of data');
      return bytes.subarray(position, position + length);
    },
    close: async () => {},
  };
}

/** The file holds the archive's bytes from `baseOffset` on; what lies before is not readable. */
export function fileSource(handle: FileHandle, fileSize: number, baseOffset: number): ByteSource {
  const size = baseOffset + fileSize;
  return {
    start: baseOffset,
    size,
    read: async (position, length) => {
      if (position < baseOffset || position + length > size) throw malformed('unexpected end of data');
      const out = Buffer.allocUnsafe(length);
      if ((await readFully(handle, out, length, position - baseOffset)) < length)
        throw malformed('unexpected end of data');
      return out;
    },
    close: () => handle.close(),
  };
}

/** A read a parsing step needs: `length` bytes at `position`. */
export interface ReadRequest {
  position: number;
  length: number;
}

/** A parser written once and driven either synchronously (buffers) or with awaited reads (files). */
export type Reads<T> = Generator<ReadRequest, T, Buffer>;

export function runSync<T>(steps: Reads<T>, bytes: Buffer): T {
  let step = steps.next();
  while (!step.done) {
    const { position, length } = step.value;
    if (position < 0 || position + length > bytes.length) throw malformed('unexpected end of data');
    step = steps.next(bytes.subarray(position, position + length));
  }
  return step.value;
}

export async function runAsync<T>(steps: Reads<T>, source: ByteSource): Promise<T> {
  let step = steps.next();
  while (!step.done) step = steps.next(await source.read(step.value.position, step.value.length));
  return step.value;
}
