import { randomUUID } from 'node:crypto';
import { EmulatorError } from './emulator-error.js';

/** Dokumentlager keeps a file for the message's ttl plus this long (24 h, like Fiks). */
const GRACE_MS = 24 * 60 * 60 * 1000;

interface StoredFile {
  data: Buffer;
  /** Accounts whose integrations may download it (the receiver and the sender). */
  kontoIds: ReadonlySet<string>;
  expiresAt: number;
}

/** The emulator's Dokumentlager: payloads too large for the queue, kept in memory for ttl + 24 h. */
export class Dokumentlager {
  readonly #files = new Map<string, StoredFile>();
  readonly #clock: () => number;

  constructor(options: { clock?: () => number } = {}) {
    this.#clock = options.clock ?? Date.now;
  }

  /** Stores a payload and returns its `dokumentlagerId`. */
  store(data: Buffer, options: { kontoIds: readonly string[]; ttlMs: number }): string {
    this.#sweep();
    const id = randomUUID();
    this.#files.set(id, {
      data,
      kontoIds: new Set(options.kontoIds.map((k) => k.toLowerCase())),
      expiresAt: this.#clock() + options.ttlMs + GRACE_MS,
    });
    return id;
  }

  /** The file when it exists; `DOKUMENTLAGER_NOT_FOUND` (404) otherwise; `FORBIDDEN` (403) for other accounts. */
  read(dokumentlagerId: string, allowedKontoIds: ReadonlySet<string>): Buffer {
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
    return file.data;
  }

  #sweep(): void {
    const now = this.#clock();
    for (const [id, file] of this.#files) if (file.expiresAt <= now) this.#files.delete(id);
  }
}
