import { type FeilmeldingPayload, feilmeldingPayload, type ProtocolCatalog } from '@fiks-faktura/sdk';
import { type ErpRequestType, type ReplyOf, replyTypeOf } from './erp-protocols.js';

/** The three error replies every protocol has. */
export type FeilmeldingKind = NonNullable<Parameters<ProtocolCatalog['errorReplyType']>[1]>;

/** One field-level problem (`detaljer` of `ugyldigforespoersel`), `felt` a JSON Pointer into the request. */
export type FieldProblem = { felt: string; melding: string };

/** KS's error payload, as the generated error payload types take it (`detaljer` never empty). */
export type FeilmeldingBody = {
  errorId: string;
  feilmelding: string;
  correlationId?: string;
  detaljer?: [FieldProblem, ...FieldProblem[]];
};

/** A `feilmelding.<kind>` reply to a request of type `T`. */
export type FeilmeldingReply<T extends ErpRequestType, K extends FeilmeldingKind> = {
  meldingType: ReplyOf<T, `feilmelding.${K}`>;
  payload: FeilmeldingBody;
};

/** Where a request came from: the Fiks IO headers the error replies' `correlationId` is taken from. */
export interface RequestOrigin {
  /** The request's Fiks IO `meldingId`. */
  meldingId?: string;
  /** The request's `klientKorrelasjonsId` header. */
  klientKorrelasjonsId?: string;
  /** The request's `klientMeldingId` header, which rule 2 of every protocol sets to `foresporselId`. */
  klientMeldingId?: string;
}

/**
 * The `correlationId` of an error reply, by the SDK responder's rule: the request's
 * `klientKorrelasjonsId`, else its `meldingId` (undefined for a direct call with neither).
 */
export function correlationIdOf(origin: RequestOrigin): string | undefined {
  return origin.klientKorrelasjonsId ?? origin.meldingId;
}

function body(payload: FeilmeldingPayload): FeilmeldingBody {
  const { detaljer, ...rest } = payload;
  const [first, ...more] = detaljer ?? [];
  return first === undefined ? rest : { ...rest, detaljer: [first, ...more] };
}

/**
 * The protocol's `feilmelding.<kind>` answer to a request of `requestType`: the type from the
 * catalogue (`errorReplyType`), the payload from the SDK's `feilmeldingPayload` (a fresh
 * `errorId`), the `correlationId` by {@link correlationIdOf}.
 */
export function feilmeldingReply<T extends ErpRequestType, K extends FeilmeldingKind>(
  catalog: ProtocolCatalog,
  requestType: T,
  kind: K,
  feilmelding: string,
  options: { origin?: RequestOrigin; detaljer?: readonly FieldProblem[] } = {},
): FeilmeldingReply<T, K> {
  const suffix: `feilmelding.${K}` = `feilmelding.${kind}`;
  const meldingType = replyTypeOf(requestType, suffix, catalog.errorReplyType(requestType, kind) ?? '');
  const correlationId = correlationIdOf(options.origin ?? {});
  return {
    meldingType,
    payload: body(
      feilmeldingPayload(feilmelding, {
        correlationId,
        ...(options.detaljer === undefined ? {} : { detaljer: options.detaljer }),
      }),
    ),
  };
}

/** The text of every `ikkefunnet` answer: the same whether the invoice is missing or someone else's. */
export const NOT_FOUND_TEXT =
  'Fant ingen faktura med dette fakturanummeret som tilhører deg. Kontroller fakturanummeret.';
