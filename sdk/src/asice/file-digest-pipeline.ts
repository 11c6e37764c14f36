/**
 * SHA-256 and CRC-32 of a file's bytes while the caller uses the same bytes (to encrypt them).
 * Chunks are read into a ring of buffers; for large files the ring is shared memory and a worker
 * thread digests each chunk while the main thread goes on, so hashing and encryption run on two
 * cores. A buffer of the ring is handed out again only once the worker is done with it. A first
 * pass that only needs the size and CRC-32 uses the same worker to checksum part of the file.
 */
import { createHash } from 'node:crypto';
import type { FileHandle } from 'node:fs/promises';
import { crc32 } from 'node:zlib';
import { crc32Combine } from './crc32-combine.js';
import {
  acquireDigestWorker,
  type FileDigests,
  releaseDigestWorker,
  type TailChecksum,
} from './digest-worker.js';
import { readAhead } from './read-ahead.js';

export type { FileDigests } from './digest-worker.js';

/** Files at least this large are digested on a worker thread (starting one costs tens of milliseconds). */
export const WORKER_DIGEST_BYTES = 16 * 1024 * 1024;
/** Chunks the worker may lag behind the reader before the reader waits for a free buffer. */
const WORKER_LAG = 4;
/**
 * The share of a large file a worker checksums in {@link checksumFile} while this thread does the
 * rest: well under half, as the worker's reads do not overlap its checksums (measured best).
 */
const WORKER_CHECKSUM_SHARE = 0.3;
/** The least a read buffer of {@link checksumFile} holds, so a file that grows is not read in crumbs. */
const SMALL_READ_BYTES = 64 * 1024;

/** Digests chunks read into its ring buffers. */
export interface FileDigestPipeline {
  /** The ring buffer for chunk number `index` (0, 1, 2, …), once it is free again. */
  buffer(index: number): Promise<Buffer>;
  /** Digests the first `length` bytes of chunk `index`, read into {@link buffer}(index). */
  submit(index: number, length: number): void;
  /** The digests once every submitted chunk was digested; releases the worker. */
  finish(): Promise<FileDigests>;
  /** Releases the worker without waiting (after a failure). */
  abandon(): void;
}

/**
 * A pipeline for a file of `size` bytes read in chunks of `chunkBytes`, by a reader that holds up
 * to `held` buffers at once (the chunk it uses and those being read).
 */
export function createFileDigestPipeline(size: number, chunkBytes: number, held: number): FileDigestPipeline {
  return size >= WORKER_DIGEST_BYTES
    ? workerPipeline(chunkBytes, held + WORKER_LAG)
    : // Reads stop at `size`: a small file needs no more than its size per buffer.
      inlinePipeline(Math.min(chunkBytes, size), held);
}

/**
 * The size and CRC-32 of the file open as `handle`, read to its end in chunks of `chunkBytes`
 * (with `held - 1` reads ahead), for a pipeline that will then be made with the same arguments.
 * A large file is checksummed on two cores: a digest worker (the one the pipeline then gets)
 * reads and checksums its tail while this thread does the rest. `undefined` when the file was
 * cut short and grew again while it was read.
 */
export async function checksumFile(
  handle: FileHandle,
  chunkBytes: number,
  held: number,
): Promise<{ size: number; crc: number } | undefined> {
  const { size: expected } = await handle.stat();
  const split =
    expected >= WORKER_DIGEST_BYTES
      ? Math.floor((expected * (1 - WORKER_CHECKSUM_SHARE)) / chunkBytes) * chunkBytes
      : Number.POSITIVE_INFINITY;
  const worker = split < expected ? acquireDigestWorker(chunkBytes, held + WORKER_LAG) : undefined;
  // A small file is read in chunks little larger than itself (more of them only if it grows meanwhile).
  const readBytes = Math.min(chunkBytes, Math.max(expected, SMALL_READ_BYTES));
  let tail: Promise<TailChecksum> | undefined;
  try {
    tail = worker?.crcFrom(handle.fd, split);
    tail?.catch(() => {}); // awaited below, or settled in finally
    const ring = Array.from({ length: held }, () => Buffer.allocUnsafe(readBytes));
    let size = 0;
    let crc = 0;
    for await (const chunk of readAhead(handle, {
      length: split,
      chunkBytes: readBytes,
      depth: held - 1,
      buffer: (index) => ring[index % ring.length]!,
    })) {
      size += chunk.length;
      crc = crc32(chunk, crc);
    }
    if (tail === undefined) return { size, crc };
    const rest = await tail;
    if (rest.bytes === 0) return { size, crc };
    if (size < split) return undefined;
    return { size: size + rest.bytes, crc: crc32Combine(crc, rest.crc, rest.bytes) };
  } finally {
    if (worker !== undefined) {
      // The worker reads the caller's file: it must be done before the caller may close it.
      await tail?.catch(() => {});
      releaseDigestWorker(worker);
    }
  }
}

function inlinePipeline(chunkBytes: number, ringSize: number): FileDigestPipeline {
  const buffers = Array.from({ length: ringSize }, () => Buffer.allocUnsafe(chunkBytes));
  const sha256 = createHash('sha256');
  let crc = 0;
  return {
    buffer: async (index) => buffers[index % buffers.length]!,
    submit(index, length) {
      const chunk = buffers[index % buffers.length]!.subarray(0, length);
      sha256.update(chunk);
      crc = crc32(chunk, crc);
    },
    finish: async () => ({ sha256: sha256.digest(), crc }),
    abandon() {},
  };
}

function workerPipeline(chunkBytes: number, ringSize: number): FileDigestPipeline {
  const worker = acquireDigestWorker(chunkBytes, ringSize);
  return {
    buffer: (index) => worker.buffer(index),
    submit: (index, length) => worker.submit(index, length),
    async finish() {
      const digests = await worker.finish();
      releaseDigestWorker(worker);
      return digests;
    },
    abandon: () => worker.terminate(),
  };
}
