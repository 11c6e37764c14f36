/**
 * A conformance case as the runner and the checks see it: its descriptor read from
 * `protocols/<protocol>/v<N>/conformance/<case>/case.json`, with every template placeholder
 * resolved (fixture ledger, data map, profile, the run's day). Nothing here is read from disk or
 * computed at judging time except `sameAsStep` assertions, which compare two recorded answers.
 */

import type { RequestFault } from '../faults/request-fault.js';

/** KS's situations: N = normal, F = error (feil). */
export type Situation = 'N' | 'F';

/** Where an expectation comes from: the protocol itself, the municipality's declared profile, or the fixture ledger's data. */
export type AssertionBasis = 'protocol' | 'profile' | 'fixture';

/** The operators of a reply assertion. */
export type AssertionOp =
  | 'equals'
  | 'notEquals'
  | 'in'
  | 'exists'
  | 'absent'
  | 'pattern'
  | 'lessThan'
  | 'greaterThan'
  | 'between'
  | 'length'
  | 'sameAsStep';

/**
 * One assertion on a reply payload. `path` is a JSONPath subset: `$`, `.name`, `[n]` and `[*]`
 * (every element). Every value the path selects must satisfy the operator; `exists` needs at
 * least one, `absent` none.
 */
export interface Assertion {
  path: string;
  op: AssertionOp;
  /** equals, notEquals, pattern (a regular expression source), lessThan, greaterThan, length. */
  value?: unknown;
  /** in: the allowed values; between: [min, max], inclusive. */
  values?: unknown[];
  /** sameAsStep: the 1-based step whose answer must hold the same value (at `otherPath`, default `path`). */
  step?: number;
  otherPath?: string;
  /** The clause this assertion enforces, e.g. `no.ks.fiks.faktura.avdrag/v1/README.md#rule-5`. */
  spec: string;
  basis: AssertionBasis;
  /** Why, in words a vendor understands; shown when the assertion fails. */
  description?: string;
}

/** A file sent beside the payload file. */
export interface ResolvedAttachment {
  name: string;
  mimeType: string;
  data: Buffer;
}

/** A value of an earlier step's answer put into this step's request before it is sent. */
export interface AnswerValue {
  /** The 1-based earlier step whose first answer holds the value. */
  step: number;
  /** Where in that answer's payload (JSONPath subset, one value). */
  path: string;
  /** Where in this step's payload it goes (JSONPath subset of names and indexes). */
  into: string;
}

/** What a step expects back. */
export interface StepExpectation {
  /** The reply must be one of these types (usually exactly one). */
  replyTypes: string[];
  assertions: Assertion[];
}

/** One message the case sends, and what it expects. */
export interface ResolvedStep {
  /** `send`: a new request; `resend`: the request of step `resendOf` again, as a new message (new meldingId, same payload). */
  kind: 'send' | 'resend';
  /** 1-based step number of the request to send again (only for `resend`). */
  resendOf?: number;
  requestType: string;
  /** The payload sent as the catalogue's payload file; undefined with `omitPayload`. */
  payload: unknown;
  /** Send the message without any payload (a fault case). */
  omitPayload?: boolean;
  /** The request type is deliberately one the catalogue does not know (a fault case). */
  unknownType?: boolean;
  /**
   * The platform holds delivery to the vendor until the request's time to live (the minimum, 1 s)
   * has run out: it expires unread, and Fiks IO answers `tidsavbrudd` (emulator only).
   */
  expiresUnread?: boolean;
  /** With `kind: 'resend'`: the broker delivers step `resendOf`'s message again (same meldingId, flagged redelivered) instead of a new message (emulator only). */
  redeliver?: boolean;
  /**
   * A burst: send this many copies of the request at once (each but the first with its own fresh
   * `foresporselId`, where the payload has one). The first copy is the step's exchange; the others
   * are recorded beside it (`RecordedExchange.burst`).
   */
  copies?: number;
  /** Seal the request with this fault, so the tjener cannot trust it (see `faults/request-fault.ts`). */
  fault?: RequestFault;
  /** A follow-up: values of earlier answers put into the payload just before sending. */
  fromAnswer?: AnswerValue[];
  attachments: ResolvedAttachment[];
  /** Extra Fiks IO headers (`headere`). */
  headers: Record<string, string>;
  expect: StepExpectation;
}

/** A case ready to run. */
export interface ResolvedCase {
  /** Quotable id, e.g. `avdrag.opprett.N03`. */
  id: string;
  /** Full protocol name, e.g. `no.ks.fiks.faktura.avdrag`. */
  protocol: string;
  /** Protocol version folder, e.g. `v1`. */
  version: string;
  title: string;
  situation: Situation;
  /** The clauses of the specification the case as a whole exercises. */
  spec: string[];
  /** True when the case changes the vendor's ledger (a grant, a plan, a disputed invoice): run after the read-only cases. */
  books: boolean;
  /** The fixture invoices the case refers to (by fixture invoice number), for ordering and lint. */
  invoices: string[];
  steps: ResolvedStep[];
  /** Set when the case cannot run as resolved (e.g. the profile makes it impossible): the reason. */
  skip?: string;
  /** Generated (not hand-written) cases. */
  generated?: boolean;
  /** The folder the case was read from (for messages). */
  source: string;
}
