import {
  type AnyErpRequest,
  type DecidedProtocol,
  isRequestOf,
  protocolOf,
  type RequestTypeOf,
} from '../protocol/erp-protocols.js';
import { decideComment } from '../rules/decide-comment.js';
import { decideDeferral } from '../rules/decide-deferral.js';
import { decideInstalments } from '../rules/decide-instalments.js';
import type { Decision, DecisionContext } from '../rules/decision.js';

/** The rules of each protocol the ERP decides, for every version of its request. */
const DECIDERS: {
  [P in DecidedProtocol]: (
    request: Extract<AnyErpRequest, { meldingType: RequestTypeOf<P> }>,
    ctx: DecisionContext,
  ) => Promise<Decision>;
} = {
  'no.ks.fiks.faktura.betalingsutsettelse': decideDeferral,
  'no.ks.fiks.faktura.avdrag': decideInstalments,
  'no.ks.fiks.faktura.kommentar': decideComment,
};

function decideIn<P extends DecidedProtocol>(
  protocol: P,
  request: AnyErpRequest,
  ctx: DecisionContext,
): Promise<Decision> {
  if (!isRequestOf(request, protocol))
    throw new TypeError(`${request.meldingType} is not a ${protocol} request`);
  return DECIDERS[protocol](request, ctx);
}

/** Decides a validated request by the rules of its protocol (in `ctx.tx`). */
export function decide(request: AnyErpRequest, ctx: DecisionContext): Promise<Decision> {
  return decideIn(protocolOf(request.meldingType), request, ctx);
}
