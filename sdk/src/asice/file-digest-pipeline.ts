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
/** Chunks the worker may lag behind the reader before the reader waits for a free buffer. */
const WORKER_LAG = 4;

/** Cells of the shared control array. */
const SUBMITTED = 0; // chunks handed to the worker so far
const DIGESTED = 1; // chunks the worker is done with
const SIGNAL = 2; // bumped on every submit and on finish; the worker sleeps on it
const FINISHING = 3; // 1 once no more chunks come
const CONTROL_CELLS = 4;

/**
 * The worker: digests chunks in order as they are submitted, counting them off in shared memory,
 * and posts the digests once told that no more come. Hand-overs go through shared counters, not
 * messages: a chunk costs the main thread two atomic stores and a wake-up, and nothing at all
 * when it asks for a buffer the worker has already released.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { crc32 } = require('node:zlib');
const slots = workerData.slots.map((shared) => Buffer.from(shared));
const lengths = new Int32Array(workerData.lengths);
const control = new Int32Array(workerData.control);
const sha256 = createHash('sha256');
let crc = 0;
let digested = 0;
for (;;) {
  const signal = Atomics.load(control, ${SIGNAL});
  if (Atomics.load(control, ${SUBMITTED}) > digested) {
    const slot = digested % slots.length;
    const chunk = slots[slot].subarray(0, lengths[slot]);
    sha256.update(chunk);
    crc = crc32(chunk, crc);
    digested++;
    Atomics.store(control, ${DIGESTED}, digested);
    Atomics.notify(control, ${DIGESTED});
  } else if (Atomics.load(control, ${FINISHING}) === 1) {
    parentPort.postMessage({ sha256: sha256.digest(), crc });
    break;
  } else Atomics.wait(control, ${SIGNAL}, signal);
}
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

/**
 * A pipeline for a file of `size` bytes read in chunks of `chunkBytes`, by a reader that holds up
 * to `held` buffers at once (the chunk it uses and those being read).
 */
export function createFileDigestPipeline(size: number, chunkBytes: number, held: number): FileDigestPipeline {
  return size >= WORKER_DIGEST_BYTES
    ? workerPipeline(chunkBytes, held + WORKER_LAG)
    : inlinePipeline(chunkBytes, held);
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
  const slots = Array.from({ length: ringSize }, () => new SharedArrayBuffer(chunkBytes));
  const buffers = slots.map((memory) => Buffer.from(memory));
  const lengths = new Int32Array(new SharedArrayBuffer(4 * ringSize));
  const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_CELLS));
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    execArgv: [],
    workerData: { slots, lengths: lengths.buffer, control: control.buffer },
  });
  let failure: AsiceError | undefined;
  /** Settles (never resolves) once the worker is gone: every wait races it. */
  const stopped = new Promise<never>((_resolve, reject) => {
    /** One typed error for every wait, now and later (the first cause wins). */
    const fail = (cause?: Error) => {
      failure ??= new AsiceError('OUTPUT_FAILED', 'The digest worker stopped before the file was digested.', {
        cause,
      });
      reject(failure);
    };
    worker.on('error', fail);
    worker.on('exit', () => fail());
  });
  stopped.catch(() => {}); // observed by whoever waits
  const digests = new Promise<FileDigests>((resolve) => {
    worker.once('message', (message: { sha256: Uint8Array; crc: number }) =>
      resolve({ sha256: Buffer.from(message.sha256), crc: message.crc }),
    );
  });
  const check = () => {
    if (failure !== undefined) throw failure;
  };
  const signal = () => {
    Atomics.add(control, SIGNAL, 1);
    Atomics.notify(control, SIGNAL);
  };
  return {
    async buffer(index) {
      // Free once the worker is done with the chunk last put in this slot.
      for (;;) {
        check();
        const digested = Atomics.load(control, DIGESTED);
        if (digested > index - ringSize) return buffers[index % ringSize]!;
        const wait = Atomics.waitAsync(control, DIGESTED, digested);
        if (wait.async) await Promise.race([wait.value, stopped]);
      }
    },
    submit(index, length) {
      check();
      lengths[index % ringSize] = length;
      Atomics.store(control, SUBMITTED, index + 1);
      signal();
    },
    async finish() {
      check();
      Atomics.store(control, FINISHING, 1);
      signal();
      const result = await Promise.race([digests, stopped]);
      await worker.terminate();
      return result;
    },
    abandon() {
      worker.terminate().catch(() => {});
    },
  };
}
