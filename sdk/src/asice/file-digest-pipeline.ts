/**
 * SHA-256 and CRC-32 of a file's bytes while the caller uses the same bytes (to encrypt them).
 * Chunks are read into a ring of buffers; for large files the ring is shared memory and a worker
 * thread digests each chunk while the main thread goes on, so hashing and encryption run on two
 * cores. A buffer of the ring is handed out again only once the worker is done with it.
 */
import { createHash } from 'node:crypto';
import { Worker } from 'node:worker_threads';
import { crc32 } from 'node:zlib';
import { AsiceError } from './asice-error.js';

/** Files at least this large are digested on a worker thread (starting one costs a few milliseconds). */
export const WORKER_DIGEST_BYTES = 16 * 1024 * 1024;
const RING_SIZE = 8;

/** The worker: digests the chunk of the ring slot it is told, then says so. */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
let slots = [];
let sha256 = createHash('sha256');
let crc = 0;
parentPort.on('message', (message) => {
  if (message.slots) slots = message.slots.map((shared) => Buffer.from(shared));
  else if (message.finish) {
    parentPort.postMessage({ sha256: sha256.digest(), crc });
  } else {
    const chunk = slots[message.slot].subarray(0, message.length);
    sha256.update(chunk);
    crc = crc32(chunk, crc);
    parentPort.postMessage({ slot: message.slot });
  }
});
`;

/** The digests of everything submitted. */
export interface FileDigests {
  sha256: Buffer;
  crc: number;
}

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

/** A pipeline for a file of `size` bytes read in chunks of `chunkBytes`. */
export function createFileDigestPipeline(size: number, chunkBytes: number): FileDigestPipeline {
  return size >= WORKER_DIGEST_BYTES ? workerPipeline(chunkBytes) : inlinePipeline(chunkBytes);
}

function inlinePipeline(chunkBytes: number): FileDigestPipeline {
  const buffers = [Buffer.allocUnsafe(chunkBytes), Buffer.allocUnsafe(chunkBytes)];
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

function workerPipeline(chunkBytes: number): FileDigestPipeline {
  const shared = Array.from({ length: RING_SIZE }, () => new SharedArrayBuffer(chunkBytes));
  const buffers = shared.map((memory) => Buffer.from(memory));
  const worker = new Worker(WORKER_SOURCE, { eval: true, execArgv: [] });
  worker.postMessage({ slots: shared });
  /** Per slot: resolved when the worker is done with the chunk last put there. */
  const released: Array<Promise<void>> = buffers.map(() => Promise.resolve());
  const waiting = new Map<number, () => void>();
  let finished: ((digests: FileDigests) => void) | undefined;
  let failure: AsiceError | undefined;
  /** Fails every wait, now and later, with one typed error (the first cause wins). */
  const failAll = (cause?: Error) => {
    failure ??= new AsiceError('OUTPUT_FAILED', 'The digest worker stopped before the file was digested.', {
      cause,
    });
    for (const release of waiting.values()) release();
    waiting.clear();
  };
  worker.on('message', (message: { slot?: number; sha256?: Uint8Array; crc?: number }) => {
    if (message.slot !== undefined) {
      waiting.get(message.slot)?.();
      waiting.delete(message.slot);
    } else finished?.({ sha256: Buffer.from(message.sha256!), crc: message.crc! });
  });
  worker.on('error', failAll);
  worker.on('exit', () => failAll());
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  return {
    async buffer(index) {
      const slot = index % RING_SIZE;
      await released[slot];
      check();
      return buffers[slot]!;
    },
    submit(index, length) {
      check();
      const slot = index % RING_SIZE;
      released[slot] = new Promise((resolve) => waiting.set(slot, resolve));
      worker.postMessage({ slot, length });
    },
    async finish() {
      check();
      const digests = await new Promise<FileDigests>((resolve, reject) => {
        finished = resolve;
        worker.once('exit', () => reject(failure));
        worker.postMessage({ finish: true });
      });
      await worker.terminate();
      return digests;
    },
    abandon() {
      worker.terminate().catch(() => {});
    },
  };
}
