import {
  type AllowedReplyOf,
  type MessageTypeEntry,
  messageTypes,
  type PayloadOf,
  type ProtocolReply,
} from '@fiks-faktura/sdk';
import { ReferenceErpError } from '../errors/reference-erp-error.js';

/** The protocols (every version) the reference ERP decides. */
export const DECIDED_PROTOCOLS = [
  'no.ks.fiks.faktura.betalingsutsettelse',
  'no.ks.fiks.faktura.avdrag',
  'no.ks.fiks.faktura.kommentar',
] as const satisfies readonly MessageTypeEntry['protocol'][];

/** One of {@link DECIDED_PROTOCOLS}. */
export type DecidedProtocol = (typeof DECIDED_PROTOCOLS)[number];

/** The request types of protocol `P`, every version, as the generated registry lists them. */
export type RequestTypeOf<P extends DecidedProtocol> = Extract<
  MessageTypeEntry,
  { kind: 'request'; protocol: P }
>['type'];

/** Every request type the ERP answers. */
export type ErpRequestType = RequestTypeOf<DecidedProtocol>;

/** The payment deferral request types. */
export type DeferralRequestType = RequestTypeOf<'no.ks.fiks.faktura.betalingsutsettelse'>;
/** The instalment plan request types. */
export type InstalmentRequestType = RequestTypeOf<'no.ks.fiks.faktura.avdrag'>;
/** The comment request types. */
export type CommentRequestType = RequestTypeOf<'no.ks.fiks.faktura.kommentar'>;

/** A validated request of type `T`, as the deciders get it. */
export interface ErpRequest<T extends ErpRequestType> {
  meldingType: T;
  payload: PayloadOf<T>;
}

/** A validated request of any type the ERP decides, discriminated by `meldingType`. */
export type AnyErpRequest = { [T in ErpRequestType]: ErpRequest<T> }[ErpRequestType];

/** An answer to any request the ERP decides: a generated reply type with its generated payload. */
export type ErpReply = ProtocolReply<ErpRequestType>;

/**
 * An answer to a request of type `T` (the generated `ProtocolReply<T>`), spelled as a union over
 * the reply types so that it is covariant: an answer to one request type is an {@link ErpReply}.
 */
export type ReplyTo<T extends ErpRequestType> = {
  [R in AllowedReplyOf<T>]: { meldingType: R; payload: PayloadOf<R> };
}[AllowedReplyOf<T>];

/** Who asks: filled in by the portal from the login (the generated `innbygger`). */
export type Innbygger = PayloadOf<ErpRequestType>['innbygger'];

/** Which invoice a request is about (the generated `faktura`). */
export type Fakturareferanse = PayloadOf<ErpRequestType>['faktura'];

/** The reply types allowed for request `T` whose type string ends with `suffix`. */
export type ReplyOf<T extends ErpRequestType, Suffix extends string> = Extract<
  AllowedReplyOf<T>,
  `${string}.${Suffix}`
>;

/** True when `meldingType` is a request of a protocol the ERP decides. */
export function isErpRequestType(meldingType: string): meldingType is ErpRequestType {
  return erpRequestTypes().includes(meldingType as ErpRequestType);
}

/** The protocol a request type belongs to. */
export function protocolOf(meldingType: ErpRequestType): DecidedProtocol {
  const entry = messageTypes.find((e) => e.type === meldingType);
  return entry!.protocol as DecidedProtocol;
}

function isReplyOf<T extends ErpRequestType, S extends string>(
  requestType: T,
  suffix: S,
  replyType: string | undefined,
): replyType is ReplyOf<T, S> {
  if (replyType === undefined) return false;
  const entry = messageTypes.find((e) => e.type === requestType);
  return (
    replyType.endsWith(`.${suffix}`) &&
    (entry?.allowedReplies as readonly string[] | undefined)?.includes(replyType) === true
  );
}

/**
 * The reply type of `requestType` ending in `.<suffix>` (`resultat`, `kvittering`,
 * `feilmelding.ikkefunnet`, …), from the registry's allowed replies; `candidate` (e.g. the
 * catalogue's error reply type) is checked against them instead when given.
 */
export function replyTypeOf<T extends ErpRequestType, S extends string>(
  requestType: T,
  suffix: S,
  candidate?: string,
): ReplyOf<T, S> {
  const entry = messageTypes.find((e) => e.type === requestType);
  const found =
    candidate ??
    (entry?.allowedReplies as readonly string[] | undefined)?.find((r) => r.endsWith(`.${suffix}`));
  if (!isReplyOf(requestType, suffix, found))
    throw new ReferenceErpError(
      'REPLY_TYPE_UNKNOWN',
      `The registry allows no reply ending in .${suffix} to ${requestType}.`,
      { details: { requestType, suffix } },
    );
  return found;
}

let requestTypes: readonly ErpRequestType[] | undefined;

/**
 * Every request type of every protocol the ERP decides, read from the generated registry: a new
 * protocol version adds its request types here without any edit.
 */
export function erpRequestTypes(): readonly ErpRequestType[] {
  requestTypes ??= messageTypes
    .filter(
      (entry): entry is Extract<MessageTypeEntry, { type: ErpRequestType }> =>
        entry.kind === 'request' && (DECIDED_PROTOCOLS as readonly string[]).includes(entry.protocol),
    )
    .map((entry) => entry.type);
  return requestTypes;
}

/**
 * True when `request` is of a type the ERP decides. Its payload must have passed the schema of its
 * type already (the responder's validation, or `ReferenceErp.handle`'s through the same catalogue):
 * this guard checks the type only, so nothing is validated twice.
 */
export function isErpRequest(request: { meldingType: string; payload: unknown }): request is AnyErpRequest {
  return isErpRequestType(request.meldingType);
}

/** True when `request` belongs to `protocol`. */
export function isRequestOf<P extends DecidedProtocol>(
  request: AnyErpRequest,
  protocol: P,
): request is Extract<AnyErpRequest, { meldingType: RequestTypeOf<P> }> {
  return protocolOf(request.meldingType) === protocol;
}

/** True when `reply` (e.g. read back from the store) is a reply the registry allows to `requestType`. */
export function isReplyTo(
  requestType: ErpRequestType,
  reply: { meldingType: string; payload: unknown },
): reply is ErpReply {
  const entry = messageTypes.find((e) => e.type === requestType);
  return (entry?.allowedReplies as readonly string[] | undefined)?.includes(reply.meldingType) === true;
}
