import type { AsiceFile } from '../asice/asice-reader.js';
import type { ReceivedMessage } from '../client/received-message.js';
import type { AllowedReplyOf, PayloadMap, PayloadOf, RequestType } from '../generated/registry.js';

type Payload<T> = T extends keyof PayloadMap ? PayloadOf<T> : never;

/** A reply a handler may give to request `T`: one of the catalogue's allowed replies, with its payload. */
export type ProtocolReply<T extends RequestType> = {
  [R in AllowedReplyOf<T>]: { meldingType: R; payload: Payload<R> };
}[AllowedReplyOf<T>];

/** A validated answer to request `T`, as the requester resolves it. */
export type ProtocolAnswer<T extends RequestType> = {
  [R in AllowedReplyOf<T>]: {
    meldingType: R;
    payload: Payload<R>;
    /** The answer's own `meldingId`. */
    meldingId: string;
    /** The request's `meldingId`. */
    svarPaMelding: string;
    /** From sending the request to having the answer opened and validated. */
    elapsedMs: number;
    message: ReceivedMessage;
  };
}[AllowedReplyOf<T>];

/** A validated request, as a handler receives it. */
export interface ProtocolRequest<T extends RequestType> {
  meldingType: T;
  payload: Payload<T>;
  message: ReceivedMessage;
  /** Files that came beside the payload file (attachments). */
  attachments: AsiceFile[];
}

/** Answers one request type. Its reply type is checked against the catalogue. */
export type RequestHandler<T extends RequestType> = (
  request: ProtocolRequest<T>,
) => Promise<ProtocolReply<T>>;
