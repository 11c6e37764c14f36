import { randomUUID } from 'node:crypto';
import { DeadlineQueue } from './deadline-queue.js';
import { EmulatorError } from './emulator-error.js';
import type { PayloadStore, StoredPayload } from './payload-store.js';

/** Dokumentlager keeps a file for the message's ttl plus this long (24 h, like Fiks). */
const GRACE_MS = 24 * 60 * 60 * 1000;
/** How often expired files are deleted without any traffic. */
const SWEEP_INTERVAL_MS = 60 * 1000;

interface StoredFile {
  payload: StoredPayload;
  /** Accounts whose integrations may download it (the receiver and the sender). */
  kontoIds: ReadonlySet<string>;
  meldingId: string | undefined;
  expiresAt: number;
}

/**
 * The emulator's Dokumentlager: payloads too large for the queue, kept as files of the data
 * folder's {@link PayloadStore} for the message's ttl + 24 h at most, or until the platform
 * releases the message's file (acknowledged or expired). Its files are indexed in memory by id,
 * by path and by message, and ordered by expiry, so a send, a download, an ack or an expiry
 * finds its file without looking at the others. The index starts empty, as the folder does: the
 * store empties `payloads/` at start (messages do not outlive the emulator, nor do their files).
 */
export class Dokumentlager {
  readonly #files = new Map<string, StoredFile>();
  /** dokumentlagerId by the payload's path. */
  readonly #byPath = new Map<string, string>();
  /** dokumentlagerId by meldingId (a message has one payload, so one file at most). */
  readonly #byMelding = new Map<string, string>();
  /** dokumentlagerIds by when they expire. */
  readonly #expiry = new DeadlineQueue<string>();
  readonly #store: PayloadStore;
  readonly #clock: () => number;
  readonly #timer: NodeJS.Timeout;

  constructor(options: { store: PayloadStore; clock?: () => number }) {
    this.#store = options.store;
    this.#clock = options.clock ?? Date.now;
    this.#timer = setInterval(() => this.#sweep(), SWEEP_INTERVAL_MS);
    this.#timer.unref();
  }

  /** Keeps a stored payload (the Dokumentlager owns its file from now on); returns its `dokumentlagerId`. */
  adopt(
    payload: StoredPayload,
    options: { kontoIds: readonly string[]; ttlMs: number; meldingId?: string },
  ): string {
    this.#sweep();
    const id = randomUUID();
    const file: StoredFile = {
      payload,
      kontoIds: new Set(options.kontoIds.map((k) => k.toLowerCase())),
      meldingId: options.meldingId?.toLowerCase(),
      expiresAt: this.#clock() + options.ttlMs + GRACE_MS,
    };
    this.#files.set(id, file);
    this.#byPath.set(payload.path, id);
    if (file.meldingId !== undefined) this.#byMelding.set(file.meldingId, id);
    this.#expiry.add(id, file.expiresAt);
    return id;
  }

  /** The file when it exists; `DOKUMENTLAGER_NOT_FOUND` (404) otherwise; `FORBIDDEN` (403) for other accounts. */
  open(dokumentlagerId: string, allowedKontoIds: ReadonlySet<string>): StoredPayload {
    this.#sweep();
    const file = this.#files.get(dokumentlagerId.toLowerCase());
    if (file === undefined)
      throw new EmulatorError(
        404,
        'DOKUMENTLAGER_NOT_FOUND',
        `Dokumentlager has no file ${dokumentlagerId}`,
        {
          details: { dokumentlagerId },
        },
      );
    if (![...file.kontoIds].some((k) => allowedKontoIds.has(k)))
      throw new EmulatorError(
        403,
        'FORBIDDEN',
        `This integration may not read Dokumentlager file ${dokumentlagerId}`,
        {
          details: { dokumentlagerId },
        },
      );
    return file.payload;
  }

  /** True when the payload is one of its files. */
  holds(payload: StoredPayload): boolean {
    return this.#byPath.has(payload.path);
  }

  /** Deletes the file of this message, if it has one. */
  releaseMessage(meldingId: string): void {
    const id = this.#byMelding.get(meldingId.toLowerCase());
    if (id !== undefined) this.#delete(id);
  }

  /** Files kept now. */
  get size(): number {
    return this.#files.size;
  }

  close(): void {
    clearInterval(this.#timer);
    this.#files.clear();
    this.#byPath.clear();
    this.#byMelding.clear();
    this.#expiry.clear();
  }

  /** Deletes the files expired by now, and only those. */
  #sweep(): void {
    for (const id of this.#expiry.takeDue(this.#clock())) this.#delete(id);
  }

  #delete(id: string): void {
    const file = this.#files.get(id);
    if (file === undefined) return;
    this.#files.delete(id);
    this.#byPath.delete(file.payload.path);
    if (file.meldingId !== undefined && this.#byMelding.get(file.meldingId) === id)
      this.#byMelding.delete(file.meldingId);
    this.#expiry.remove(id);
    // A download still reading the file keeps its open handle; the name goes now.
    void this.#store.remove(file.payload).catch(() => undefined);
  }
}
