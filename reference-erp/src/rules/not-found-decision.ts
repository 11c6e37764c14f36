import { errorReply, NOT_FOUND_TEXT } from '../protocol/error-reply.js';
import type { Fakturareferanse } from '../protocol/messages.js';
import type { Decision, DecisionContext } from './decision.js';

/** The `ikkefunnet` answer: identical for a missing invoice and for someone else's. */
export function notFoundDecision(
  ctx: DecisionContext,
  requestType: string,
  request: { foresporselId: string; faktura: Fakturareferanse },
): Decision {
  return {
    reply: errorReply(requestType, 'ikkefunnet', {
      errorId: ctx.newId(),
      feilmelding: NOT_FOUND_TEXT,
      correlationId: request.foresporselId,
    }),
    audit: { actor: 'ukjent', invoiceNumber: request.faktura.fakturanummer, outcome: 'IKKEFUNNET' },
  };
}
