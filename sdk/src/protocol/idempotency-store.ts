/** An answer as it was sent: replayed as it is when the same request comes again. */
export interface StoredAnswer {
  meldingType: string;
  payload: unknown;
}

/** The keys a request is known by: its Fiks IO `meldingId` and, once read, its `foresporselId`. */
export interface IdempotencyKey {
  meldingId: string;
  foresporselId?: string;
}

/**
 * Lets a redelivered or repeated request get the identical answer. `find` matches either key;
 * `save` stores the answer under both before it is sent, so a crash between sending and
 * acknowledging still replays the same answer.
 */
export interface IdempotencyStore {
  /** The answer already given to this request, if any. */
  find(key: IdempotencyKey): Promise<StoredAnswer | undefined>;
  /** Keeps the answer given to this request, so a redelivery gets the same one. */
  save(key: IdempotencyKey, answer: StoredAnswer): Promise<void>;
}

/** An in-process store, for one responder instance (use a database-backed store to share it). */
export class MemoryIdempotencyStore implements IdempotencyStore {
  readonly #answers = new Map<string, StoredAnswer>();

  /** The answer already given to this request, if any. */
  async find(key: IdempotencyKey): Promise<StoredAnswer | undefined> {
    return (
      this.#answers.get(`melding:${key.meldingId}`) ??
      (key.foresporselId === undefined ? undefined : this.#answers.get(`foresporsel:${key.foresporselId}`))
    );
  }

  /** Keeps the answer given to this request, so a redelivery gets the same one. */
  async save(key: IdempotencyKey, answer: StoredAnswer): Promise<void> {
    this.#answers.set(`melding:${key.meldingId}`, answer);
    if (key.foresporselId !== undefined) this.#answers.set(`foresporsel:${key.foresporselId}`, answer);
  }
}
