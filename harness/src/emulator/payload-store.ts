import { randomUUID } from 'node:crypto';
import { type FileHandle, mkdir, mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { EmulatorError } from './emulator-error.js';

/** Total bytes of payloads the data folder holds at most, unless configured (2 GiB). */
export const DEFAULT_QUOTA_BYTES = 2 * 1024 * 1024 * 1024;
const PAYLOADS = 'payloads';

/** A payload kept in the data folder. */
export interface StoredPayload {
  readonly path: string;
  readonly size: number;
}

/** A payload being written: chunks in order (awaited for back-pressure), then finished or aborted. */
export interface PayloadWriter {
  write(chunk: Uint8Array): Promise<void>;
  /** Closes the file and returns it; the store now counts it until {@link PayloadStore.remove}. */
  finish(): Promise<StoredPayload>;
  /** Closes and deletes what was written, giving its bytes back to the quota. */
  abort(): Promise<void>;
}

/**
 * The emulator's data folder for payloads (sent messages' bodies and Dokumentlager files): every
 * payload is a file under `DIR/payloads`, written as it streams in. The bytes of all payloads
 * (finished and being written) stay within a quota: a write that would cross it fails with
 * `INSUFFICIENT_STORAGE` (507) and its file is deleted. Without a folder of its own the store
 * uses a new temporary folder and removes it on close. Payloads do not outlive the emulator
 * (their messages do not either): `payloads/` starts empty.
 */
export class PayloadStore {
  readonly dir: string;
  readonly quotaBytes: number;
  readonly #temporary: boolean;
  readonly #payloadDir: string;
  readonly #sizes = new Map<string, number>();
  #used = 0;
  /**
   * Called when a write would cross the quota, before it is refused: frees what can go (payloads
   * kept only for an eventual redelivery) by calling {@link remove}.
   */
  reclaim: (() => void) | undefined;

  private constructor(dir: string, temporary: boolean, quotaBytes: number) {
    this.dir = dir;
    this.#temporary = temporary;
    this.quotaBytes = quotaBytes;
    this.#payloadDir = join(dir, PAYLOADS);
  }

  /** Opens (creating) `dir`, or a new temporary folder; clears payloads a previous run left. */
  static async open(options: { dir?: string; quotaBytes?: number } = {}): Promise<PayloadStore> {
    const quota = options.quotaBytes ?? DEFAULT_QUOTA_BYTES;
    if (!Number.isSafeInteger(quota) || quota < 0)
      throw new EmulatorError(
        400,
        'QUOTA_INVALID',
        `The data quota (--data-quota, dataQuotaBytes) must be a whole number of bytes, not ${quota}`,
        { details: { field: 'dataQuotaBytes' } },
      );
    const temporary = options.dir === undefined;
    const dir =
      options.dir === undefined
        ? await mkdtemp(join(tmpdir(), 'fiks-io-emulator-data-'))
        : resolve(options.dir);
    try {
      await mkdir(dir, { recursive: true, mode: 0o700 });
      await rm(join(dir, PAYLOADS), { recursive: true, force: true });
      await mkdir(join(dir, PAYLOADS), { mode: 0o700 });
    } catch (cause) {
      throw new EmulatorError(400, 'DATA_DIR_UNUSABLE', `The data folder ${dir} cannot be used`, {
        cause,
        details: { dir },
      });
    }
    return new PayloadStore(dir, temporary, quota);
  }

  /** Bytes of the payloads kept and being written. */
  get usedBytes(): number {
    return this.#used;
  }

  /** Payload files kept now. */
  get fileCount(): number {
    return this.#sizes.size;
  }

  /** Starts a new payload file. */
  async create(): Promise<PayloadWriter> {
    const path = join(this.#payloadDir, randomUUID());
    const handle: FileHandle = await open(path, 'wx', 0o600);
    let size = 0;
    let settled = false;
    const release = async () => {
      if (settled) return;
      settled = true;
      this.#used -= size;
      await handle.close().catch(() => undefined);
      await rm(path, { force: true });
    };
    return {
      write: async (chunk) => {
        if (settled) throw new EmulatorError(500, 'PAYLOAD_CLOSED', 'The payload file is closed');
        if (this.#used + chunk.byteLength > this.quotaBytes) this.reclaim?.();
        if (this.#used + chunk.byteLength > this.quotaBytes) {
          await release();
          throw new EmulatorError(
            507,
            'INSUFFICIENT_STORAGE',
            `The emulator's data folder is full (quota ${this.quotaBytes} bytes); messages free their payloads once acknowledged or expired`,
            { details: { quotaBytes: this.quotaBytes } },
          );
        }
        this.#used += chunk.byteLength;
        size += chunk.byteLength;
        await handle.write(chunk);
      },
      finish: async () => {
        if (settled) throw new EmulatorError(500, 'PAYLOAD_CLOSED', 'The payload file is closed');
        settled = true;
        await handle.close();
        this.#sizes.set(path, size);
        return { path, size };
      },
      abort: release,
    };
  }

  /** Writes a whole stream to a new payload file (aborted on any failure). */
  async write(source: AsyncIterable<Uint8Array> | Uint8Array): Promise<StoredPayload> {
    const writer = await this.create();
    try {
      if (source instanceof Uint8Array) await writer.write(source);
      else for await (const chunk of source) await writer.write(chunk);
      return await writer.finish();
    } catch (error) {
      await writer.abort();
      throw error;
    }
  }

  /** Deletes a payload file and gives its bytes back to the quota at once (a second call does nothing). */
  async remove(payload: StoredPayload): Promise<void> {
    const size = this.#sizes.get(payload.path);
    if (size === undefined) return;
    this.#sizes.delete(payload.path);
    this.#used -= size;
    await rm(payload.path, { force: true });
  }

  /** True while the payload's file is kept. */
  has(payload: StoredPayload): boolean {
    return this.#sizes.has(payload.path);
  }

  /** Deletes every payload (and a temporary folder as a whole). */
  async close(): Promise<void> {
    this.#sizes.clear();
    this.#used = 0;
    await rm(this.#temporary ? this.dir : this.#payloadDir, { recursive: true, force: true });
  }
}
