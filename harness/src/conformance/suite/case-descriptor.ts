import { SERVERFEIL, TIDSAVBRUDD } from '@fiks-faktura/sdk';
import type { RequestFault } from '../faults/request-fault.js';
import type { AnswerValue, Assertion, Situation } from '../model/resolved-case.js';
import type { PayloadEdit } from './generated/payload-edit.js';

/**
 * The shape of a case's `case.json` (normatively `protocols/conformance/case.schema.json`).
 * Message types may be written in full or relative to the protocol version (`opprett` means
 * `<protocol>.<version>.opprett`).
 */
export interface CaseDescriptor {
  id: string;
  title: string;
  situation: Situation;
  spec: string[];
  books: boolean;
  requires?: Requirement[];
  steps: StepDescriptor[];
}

/** A condition on the profile under which the case can run; unmet, the case is skipped. */
export interface Requirement {
  /** Dotted path into the profile, e.g. `instalments.maxInstalments`. */
  profile: string;
  lessThan?: number;
  greaterThan?: number;
  atMost?: number;
  atLeast?: number;
  equals?: unknown;
  /** The profile value (an array) contains this. */
  contains?: unknown;
  /** A null profile value ("no such limit") satisfies the condition. */
  orNull?: boolean;
  /** true: the profile value must be set (not null); false: it must be null. */
  present?: boolean;
  /** Why the case needs it, in words. */
  because?: string;
}

/** A file sent beside the payload. */
export interface AttachmentDescriptor {
  /** The file in the case folder. */
  file: string;
  /** The name in the ASiC-E (default: `file`). */
  name?: string;
  mimeType: string;
}

/** A new request. */
export interface SendDescriptor {
  type: string;
  /** The payload template file in the case folder (absent with `omitPayload`). */
  payload?: string;
  attachments?: AttachmentDescriptor[];
  headers?: Record<string, string>;
  omitPayload?: boolean;
  /** The type is deliberately not in the catalogue (a fault case); lint checks that it is not. */
  unknownType?: boolean;
  /** The platform holds delivery until the request expires unread (expect `tidsavbrudd`). */
  expiresUnread?: boolean;
  /** A burst: this many copies of the request at once. */
  copies?: number;
  /** Seal the request so the tjener cannot trust it. */
  fault?: RequestFault;
  /** A follow-up: values of earlier answers put into the payload before sending. */
  fromAnswer?: AnswerValue[];
}

/** An assertion as written in `case.json`: it may apply only under some profiles. */
export interface CaseAssertion extends Assertion {
  /** Conditions on the profile under which the assertion applies; unmet, it is left out. */
  when?: Requirement[];
}

/** What a step expects back. */
export interface ExpectDescriptor {
  replyType?: string;
  replyTypes?: string[];
  assertions: CaseAssertion[];
}

/** One step: send a request, or send step N's request again as a new message. */
export type StepDescriptor = ({ send: SendDescriptor } | { resend: number } | { redeliver: number }) & {
  expect: ExpectDescriptor;
  /** The filled payload deliberately breaks the request schema (an F case); lint exempts it. */
  breaksSchema?: boolean;
};

/** A case as read from disk, before resolution. */
export interface SuiteCase {
  id: string;
  /** Full protocol name, e.g. `no.ks.fiks.faktura.avdrag`. */
  protocol: string;
  version: string;
  /** The case folder relative to the protocols root (`<protocol>/<version>/conformance/<name>`). */
  source: string;
  descriptor: CaseDescriptor;
  /** Every other file of the case folder, by name. */
  files: ReadonlyMap<string, Buffer>;
  /** Generated (e.g. from the schemas) rather than read from a case folder. */
  generated?: boolean;
  /** A generated case: the hand-written case whose request it starts from, and what it breaks. */
  generatedFrom?: { base: string; kind: string; felt: string };
  /** Applied to every filled payload of the case (a generated case's one broken thing). */
  payloadEdits?: readonly PayloadEdit[];
}

/** `<protocol>.<version>.<type>` unless the type is written in full. */
export function fullMessageType(c: Pick<SuiteCase, 'protocol' | 'version'>, type: string): string {
  if (type === TIDSAVBRUDD || type === SERVERFEIL) return type;
  // A full type string stands as written: the case's own protocol, or another one's (a follow-up).
  return type.startsWith('no.ks.fiks.') ? type : `${c.protocol}.${c.version}.${type}`;
}

/** The short protocol name of case ids: the last part of the full name (`avdrag`). */
export function shortProtocolName(protocol: string): string {
  return protocol.slice(protocol.lastIndexOf('.') + 1);
}
