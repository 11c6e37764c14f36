import type { Clock } from '../clock.js';
import type { InnsynPublishConfig } from '../config/lifecycle-config.js';
import {
  claimNextInnsynUpdate,
  markInnsynUpdatePublished,
  recordInnsynPublishFailure,
} from '../ledger/innsyn-outbox.js';
import type { Database } from '../store/database.js';
import type { InnsynPublisher } from './innsyn-publisher.js';

/** What one publishing pass did. */
export interface PublishPassResult {
  published: number;
  failed: number;
}

/** The wait before retry number `attempt` (1 = the first retry): doubling, capped. */
export function retryDelayMs(
  attempt: number,
  rules: Pick<InnsynPublishConfig, 'retryInitialMs' | 'retryMaxMs'>,
): number {
  return Math.min(rules.retryMaxMs, rules.retryInitialMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
}

/**
 * Publishes the released Innsyn updates that are ready, one at a time, oldest first, until none
 * is ready (or `limit` attempts were made). Each update is claimed first (so two publishers never
 * send the same one at once), sent with its idempotency key, and marked published as soon as it
 * is accepted; a failure schedules its retry with doubling backoff. An update is never sent again
 * once marked; if the process dies between the receiver's acceptance and the mark, the retry
 * carries the same key and the receiver recognises it. `onError` hears each failed attempt.
 */
export async function publishInnsynUpdates(
  db: Database,
  publisher: InnsynPublisher,
  options: {
    clock: Clock;
    rules: Pick<InnsynPublishConfig, 'retryInitialMs' | 'retryMaxMs' | 'requestTimeoutMs'>;
    limit?: number;
    onError?: (error: Error, context: { outboxId: number; fakturanummer: string; attempt: number }) => void;
  },
): Promise<PublishPassResult> {
  const { clock, rules } = options;
  const claimMs = 2 * rules.requestTimeoutMs + 5000;
  const result: PublishPassResult = { published: 0, failed: 0 };
  for (let n = 0; n < (options.limit ?? 1000); n++) {
    const update = await claimNextInnsynUpdate(db, clock.now(), claimMs);
    if (update === null) break;
    try {
      await publisher.publish(update.record, update.idempotencyKey);
    } catch (error) {
      const attempt = Number(update.attempts) + 1;
      const retryAt = new Date(clock.now().getTime() + retryDelayMs(attempt, rules));
      await recordInnsynPublishFailure(db, update.outboxId, retryAt, (error as Error).message);
      options.onError?.(error as Error, {
        outboxId: update.outboxId,
        fakturanummer: update.record.fakturanummer,
        attempt,
      });
      result.failed += 1;
      continue;
    }
    await markInnsynUpdatePublished(db, update.outboxId, clock.now());
    result.published += 1;
  }
  return result;
}
