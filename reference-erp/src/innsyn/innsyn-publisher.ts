import type { InnsynFakturaRecord } from '../ledger/innsyn-outbox.js';

/**
 * Sends one `faktura.v1` record to Innsyn. Resolves once the receiver accepted it; rejects
 * otherwise (the record is retried later). `idempotencyKey` is the same on every attempt of one
 * record, so a receiver that got a record but whose answer was lost recognises the retry.
 */
export interface InnsynPublisher {
  publish(record: InnsynFakturaRecord, idempotencyKey: string): Promise<void>;
}
