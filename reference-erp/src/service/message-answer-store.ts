import type { IdempotencyKey, IdempotencyStore, StoredAnswer } from '@fiks-faktura/sdk';
import type { Clock } from '../clock.js';
import { findMessageAnswer, storeMessageAnswer } from '../ledger/decision-record.js';
import type { Database } from '../store/database.js';

/**
 * The SDK responder's idempotency store for the answers the ERP did not decide itself (a payload
 * that cannot be opened or fails its schema): kept per Fiks IO `meldingId`, so a redelivered
 * message gets the identical answer. It never matches on `foresporselId` alone: the ERP keeps its
 * decisions under `foresporselId` together with who asked and what, and hands a stored answer
 * only to the same request (a foresporselId on its own must never return someone else's answer).
 */
export class MessageAnswerStore implements IdempotencyStore {
  readonly #db: Database;
  readonly #clock: Clock;
  readonly #decidedByErp: (meldingId: string) => boolean;

  /** `decidedByErp` tells which messages the ERP answered (and stored) itself. */
  constructor(db: Database, clock: Clock, decidedByErp: (meldingId: string) => boolean) {
    this.#db = db;
    this.#clock = clock;
    this.#decidedByErp = decidedByErp;
  }

  async find(key: IdempotencyKey): Promise<StoredAnswer | undefined> {
    if (key.foresporselId !== undefined) return undefined;
    return (await findMessageAnswer(this.#db, key.meldingId)) ?? undefined;
  }

  async save(key: IdempotencyKey, answer: StoredAnswer): Promise<void> {
    if (this.#decidedByErp(key.meldingId)) return;
    await storeMessageAnswer(
      this.#db,
      { meldingId: key.meldingId, requestType: 'ukjent', reply: answer },
      this.#clock.now(),
    );
  }
}
