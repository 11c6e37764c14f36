/**
 * A worker thread that computes SHA-256 and CRC-32 of chunks placed in a ring of shared buffers,
 * one file after another (and, between files, the CRC-32 of part of a file it reads itself), and
 * the few idle ones kept between files. Starting a worker takes tens of milliseconds of a core
 * that the file's encryption needs, so a finished worker waits a while for the next file.
 */
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { AsiceError } from './asice-error.js';

/** Cells of the shared control array. */
const SUBMITTED = 0; // chunks of the current file handed to the worker so far
const DIGESTED = 1; // chunks of the current file the worker is done with
const SIGNAL = 2; // bumped on every submit and on finish; the worker sleeps on it
const FINISHING = 3; // 1 once no more chunks of the current file come
const CONTROL_CELLS = 4;

/** Idle workers kept for later files; one more is stopped instead. */
const MAX_IDLE = 2;
/** An idle worker is stopped after this long without a file. */
const IDLE_MS = 30_000;

/**
 * The worker: digests chunks in order as they are submitted, counting them off in shared memory.
 * Once told that no more come, it resets the counters (the main thread touches none of them
 * until it has the answer), posts the digests and waits for the next file. Hand-overs go through
 * shared counters, not messages: a chunk costs the main thread two atomic stores and a wake-up,
 * and nothing at all when it asks for a buffer the worker has already released.
 */
const WORKER_SOURCE = `
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const { createHash } = require('node:crypto');
const { readSync } = require('node:fs');
const { crc32 } = require('node:zlib');
const slots = workerData.slots.map((shared) => Buffer.from(shared));
const lengths = new Int32Array(workerData.lengths);
const control = new Int32Array(workerData.control);
const tasks = workerData.tasks;
let sha256 = createHash('sha256');
let crc = 0;
let digested = 0;
let readBuffer;
/** CRC-32 of the bytes of open file fd from position start to its end. */
function crcFrom({ fd, start }) {
  readBuffer ??= Buffer.allocUnsafe(slots[0].length);
  try {
    let value = 0;
    let bytes = 0;
    for (;;) {
      const n = readSync(fd, readBuffer, 0, readBuffer.length, start + bytes);
      if (n === 0) return { crc: value, bytes };
      value = crc32(readBuffer.subarray(0, n), value);
      bytes += n;
    }
  } catch (error) {
    return { error: String(error && error.message) };
  }
}
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
    const digests = { sha256: sha256.digest(), crc };
    Atomics.store(control, ${SUBMITTED}, 0);
    Atomics.store(control, ${DIGESTED}, 0);
    Atomics.store(control, ${FINISHING}, 0);
    sha256 = createHash('sha256');
    crc = 0;
    digested = 0;
    parentPort.postMessage(digests);
  } else {
    const task = receiveMessageOnPort(tasks);
    if (task !== undefined) parentPort.postMessage(crcFrom(task.message));
    else Atomics.wait(control, ${SIGNAL}, signal);
  }
}
`;

/** The digests of one file's bytes. */
export interface FileDigests {
  sha256: Buffer;
  crc: number;
}

/** The CRC-32 of a file's bytes from some position to its end, and how many there were. */
export interface TailChecksum {
  crc: number;
  bytes: number;
}

type Reply = FileDigests | TailChecksum | { error: string };

/** A digest worker with its ring of `ringSize` shared buffers of `chunkBytes` each. */
export class DigestWorker {
  /** The ring: chunk `index` of a file goes into `buffers[index % ringSize]`. */
  readonly buffers: readonly Buffer[];
  private readonly lengths: Int32Array;
  private readonly control: Int32Array;
  private readonly worker: Worker;
  private readonly tasks: MessagePort;
  /** Settles (never resolves) once the worker is gone: every wait races it. */
  private readonly stopped: Promise<never>;
  private failure: AsiceError | undefined;
  /** The worker answers one request at a time: the digests of a file, or a tail checksum. */
  private awaitingReply: ((reply: Reply) => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;

  constructor(
    readonly chunkBytes: number,
    readonly ringSize: number,
  ) {
    const slots = Array.from({ length: ringSize }, () => new SharedArrayBuffer(chunkBytes));
    this.buffers = slots.map((memory) => Buffer.from(memory));
    this.lengths = new Int32Array(new SharedArrayBuffer(4 * ringSize));
    this.control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_CELLS));
    const channel = new MessageChannel();
    this.tasks = channel.port1;
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      execArgv: [],
      workerData: { slots, lengths: this.lengths.buffer, control: this.control.buffer, tasks: channel.port2 },
      transferList: [channel.port2],
    });
    this.worker.on('message', (reply: Reply) => {
      const resolve = this.awaitingReply;
      this.awaitingReply = undefined;
      resolve?.(reply);
    });
    this.stopped = new Promise<never>((_resolve, reject) => {
      /** One typed error for every wait, now and later (the first cause wins). */
      const fail = (cause?: Error) => {
        this.failure ??= new AsiceError(
          'OUTPUT_FAILED',
          'The digest worker stopped before the file was digested.',
          { cause },
        );
        forget(this);
        reject(this.failure);
      };
      this.worker.on('error', fail);
      this.worker.on('exit', () => fail());
    });
    this.stopped.catch(() => {}); // observed by whoever waits
  }

  /** Buffer `index % ringSize`, once the worker is done with the chunk last put in it. */
  async buffer(index: number): Promise<Buffer> {
    for (;;) {
      this.check();
      const digested = Atomics.load(this.control, DIGESTED);
      if (digested > index - this.ringSize) return this.buffers[index % this.ringSize]!;
      const wait = Atomics.waitAsync(this.control, DIGESTED, digested);
      if (wait.async) await Promise.race([wait.value, this.stopped]);
    }
  }

  /** Hands over the first `length` bytes of chunk `index` (chunks come in order from 0). */
  submit(index: number, length: number): void {
    this.check();
    this.lengths[index % this.ringSize] = length;
    Atomics.store(this.control, SUBMITTED, index + 1);
    this.signal();
  }

  /** The digests of every chunk submitted since the last finish; the worker is then ready for the next file. */
  async finish(): Promise<FileDigests> {
    this.check();
    const reply = this.reply();
    Atomics.store(this.control, FINISHING, 1);
    this.signal();
    const { sha256, crc } = (await reply) as FileDigests;
    return { sha256: Buffer.from(sha256), crc };
  }

  /**
   * The CRC-32 of the bytes of the open file `fd` from `start` to its end, read by the worker
   * itself (only between files). Fails with the read error's message.
   */
  async crcFrom(fd: number, start: number): Promise<TailChecksum> {
    this.check();
    const reply = this.reply();
    this.tasks.postMessage({ fd, start });
    this.signal();
    const answer = await reply;
    if ('error' in answer) throw new Error(answer.error);
    return answer as TailChecksum;
  }

  private reply(): Promise<Reply> {
    return Promise.race([
      new Promise<Reply>((resolve) => {
        this.awaitingReply = resolve;
      }),
      this.stopped,
    ]);
  }

  /** Stops the worker (it may be in the middle of a file). */
  terminate(): void {
    forget(this);
    this.tasks.close();
    this.worker.terminate().catch(() => {});
  }

  private check(): void {
    if (this.failure !== undefined) throw this.failure;
  }

  private signal(): void {
    Atomics.add(this.control, SIGNAL, 1);
    Atomics.notify(this.control, SIGNAL);
  }

  /** Idle: the worker no longer keeps the process alive, and stops if no file comes soon. */
  park(): void {
    this.worker.unref();
    this.idleTimer = setTimeout(() => this.terminate(), IDLE_MS).unref();
  }

  /** In use again. */
  hold(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.worker.ref();
  }

  get usable(): boolean {
    return this.failure === undefined;
  }
}

const idle: DigestWorker[] = [];

function forget(worker: DigestWorker): void {
  const index = idle.indexOf(worker);
  if (index >= 0) idle.splice(index, 1);
}

/** A worker with this ring for one file: an idle one if there is, a new one otherwise. */
export function acquireDigestWorker(chunkBytes: number, ringSize: number): DigestWorker {
  const index = idle.findIndex((w) => w.chunkBytes === chunkBytes && w.ringSize === ringSize);
  const worker = index >= 0 ? idle.splice(index, 1)[0]! : new DigestWorker(chunkBytes, ringSize);
  worker.hold();
  return worker;
}

/** Gives back a worker whose file finished cleanly; any other is terminated instead. */
export function releaseDigestWorker(worker: DigestWorker): void {
  if (worker.usable && idle.length < MAX_IDLE) {
    worker.park();
    idle.push(worker);
  } else worker.terminate();
}
