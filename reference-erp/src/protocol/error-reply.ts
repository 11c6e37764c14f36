import { type ErrorKind, errorReplyType } from './message-types.js';
import type { FieldProblem, Reply } from './messages.js';

/**
 * A `feilmelding.<kind>` answer to `requestType` in KS's shape: `{errorId, feilmelding,
 * correlationId?, detaljer?}`. `correlationId` carries the request's `foresporselId`.
 */
export function errorReply(
  requestType: string,
  kind: ErrorKind,
  fields: { errorId: string; feilmelding: string; correlationId?: string; detaljer?: FieldProblem[] },
): Reply {
  return {
    meldingType: errorReplyType(requestType, kind),
    payload: {
      errorId: fields.errorId,
      feilmelding: fields.feilmelding,
      ...(fields.correlationId === undefined ? {} : { correlationId: fields.correlationId }),
      ...(fields.detaljer === undefined || fields.detaljer.length === 0 ? {} : { detaljer: fields.detaljer }),
    },
  };
}

/** The text of every `ikkefunnet` answer: the same whether the invoice is missing or someone else's. */
export const NOT_FOUND_TEXT =
  'Fant ingen faktura med dette fakturanummeret som tilhører deg. Kontroller fakturanummeret.';
