import type { CalendarDate, ProtocolCatalog } from '@fiks-faktura/sdk';
import type { ErpConfig } from '../config/erp-config.js';
import type { AuditEntry } from '../ledger/audit-log.js';
import type { ErpReply } from '../protocol/erp-protocols.js';
import type { RequestOrigin } from '../protocol/feilmelding-reply.js';
import type { Queryable } from '../store/database.js';
import type { RequestAttachment } from './request-checks.js';

/** What a rule needs: the open transaction, the limits, the injected time and the request's origin. */
export interface DecisionContext {
  tx: Queryable;
  config: ErpConfig;
  /** The message-type table and schemas (error reply types come from it). */
  catalog: ProtocolCatalog;
  /** The Norwegian calendar date of `now`: the day the answer is given. */
  today: CalendarDate;
  now: Date;
  /** A new UUID (henvendelseId, planId); injectable for reproducible tests. */
  newId(): string;
  /** The Fiks IO headers error replies take their `correlationId` from. */
  origin: RequestOrigin;
  /** The files that came beside the payload file (kommentar's `vedlegg`). */
  attachments: readonly RequestAttachment[];
}

/**
 * A rule's result: the answer (`ReplyTo<T>` for a request of type `T`), and the audit entry
 * committed with it.
 */
export interface Decision<R extends ErpReply = ErpReply> {
  reply: R;
  audit: Omit<AuditEntry, 'action' | 'foresporselId'>;
}
