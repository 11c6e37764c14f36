import type { ErpRequestType, Fakturareferanse } from '../protocol/erp-protocols.js';
import { type FeilmeldingReply, feilmeldingReply, NOT_FOUND_TEXT } from '../protocol/feilmelding-reply.js';
import type { DecisionContext } from './decision.js';

/** The `ikkefunnet` answer: identical for a missing invoice and for someone else's. */
export function notFoundDecision<T extends ErpRequestType>(
  ctx: DecisionContext,
  requestType: T,
  faktura: Fakturareferanse,
): {
  reply: FeilmeldingReply<T, 'ikkefunnet'>;
  audit: { actor: string; invoiceNumber: string; outcome: string };
} {
  return {
    reply: feilmeldingReply(ctx.catalog, requestType, 'ikkefunnet', NOT_FOUND_TEXT, { origin: ctx.origin }),
    audit: { actor: 'ukjent', invoiceNumber: faktura.fakturanummer, outcome: 'IKKEFUNNET' },
  };
}
