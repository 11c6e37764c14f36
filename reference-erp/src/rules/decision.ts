import type { CalendarDate } from '@fiks-faktura/sdk';
import type { ErpConfig } from '../config/erp-config.js';
import type { AuditEntry } from '../ledger/audit-log.js';
import type { Reply } from '../protocol/messages.js';
import type { Queryable } from '../store/database.js';

/** What a rule needs: the open transaction, the limits and the injected time. */
export interface DecisionContext {
  tx: Queryable;
  config: ErpConfig;
  /** The Norwegian calendar date of `now`. */
  today: CalendarDate;
  now: Date;
  /** A new UUID (errorId, henvendelseId, planId); injectable for reproducible tests. */
  newId(): string;
}

/** A rule's result: the answer, and the audit entry committed with it. */
export interface Decision {
  reply: Reply;
  audit: Omit<AuditEntry, 'action' | 'foresporselId'>;
}
