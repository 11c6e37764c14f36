import type { KeyObject, X509Certificate } from 'node:crypto';
import type { SendtMelding } from '@fiks-faktura/sdk';

/** A JSON payload as the vendor read or wrote it. */
export type JsonPayload = Record<string, unknown>;

/** A request as the vendor's system received it. */
export interface MutantRequest {
  readonly meldingId: string;
  readonly meldingType: string;
  /** The payload as it arrived (undefined when the message had none or it did not parse). */
  readonly payload: JsonPayload | undefined;
}

/** How a reply leaves the wrapper: everything the sound vendor would send, each part replaceable. */
export interface ReplyOverrides {
  meldingType?: string;
  payload?: JsonPayload;
  /** The payload file's name in the container. */
  fileName?: string;
  /** `svarPaMelding` of the reply (the sound vendor: the request's `meldingId`). */
  svarPaMelding?: string;
  /** Signs the container with this key and certificate instead of the vendor's. */
  signer?: { certificate: X509Certificate; privateKey: KeyObject };
  /** Seals a container that no sound vendor sends: without a signature, or with a file its manifest's digest does not match. */
  container?: 'unsigned' | 'digest-mismatch';
}

/** The answer the reference ERP gave to one request, for a mutant to pass on, change or withhold. */
export interface MutantAnswer {
  readonly request: MutantRequest;
  readonly meldingType: string;
  /** The answer's JSON payload (a copy: a mutant may change it and send it). */
  readonly payload: JsonPayload;
  readonly fileName: string;
  /** Sends the answer, with `overrides` applied, exactly as the sound vendor's client would otherwise. */
  send(overrides?: ReplyOverrides): Promise<SendtMelding>;
  /** What a withheld answer reports to the ERP: as if sent, though nothing left. */
  withhold(): SendtMelding;
}

/** One run's behaviour of a mutant; a fresh one per run, so state never leaks between runs. */
export interface MutantBehaviour {
  /** Replaces the request payload the ERP reads; `undefined` leaves it as it arrived. */
  read?(request: MutantRequest): JsonPayload | undefined;
  /** Sends (or not) the ERP's answer; without it the answer goes out unchanged. */
  answer?(answer: MutantAnswer): Promise<SendtMelding>;
}

/**
 * A deliberately broken variant of the reference invoicing system: one small, named fault,
 * applied from outside the ERP by wrapping its Fiks IO client. The self-test runs the suite
 * against it and expects at least one case to fail (or, for `expect: 'warning'`, to warn).
 */
export interface Mutant {
  /** Stable kebab-case name, e.g. `answers-twice`. */
  readonly name: string;
  /** The fault in one line. */
  readonly description: string;
  /** Case ids (with `*` wildcards) run against it; default every case. Slow mutants name few. */
  readonly cases?: readonly string[];
  /** `failure` (the default): some case must fail; `warning`: some check must warn and no case fail. */
  readonly expect?: 'failure' | 'warning';
  create(): MutantBehaviour;
}
