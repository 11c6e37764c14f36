import { dottedFieldPath } from '@fiks-faktura/sdk';
import type { IdentifierRule } from './identifier-rules.js';
import type { PayloadEdit } from './payload-edit.js';
import type { SchemaNode } from './schema-set.js';

/** What a generated negative case breaks. */
export type MutationKind =
  | 'required'
  | 'type'
  | 'enum'
  | 'const'
  | 'pattern'
  | 'format'
  | 'minLength'
  | 'maxLength'
  | 'minItems'
  | 'maxItems'
  | 'minimum'
  | 'maximum'
  | 'exclusiveMinimum'
  | 'exclusiveMaximum'
  | 'additionalProperties'
  | 'oneOf'
  | 'checkDigit';

/** A `oneOf` the mutated field sits in: the other branches' errors are expected noise, not a second reason. */
export interface BranchContext {
  /** The instance the `oneOf` applies to (JSON Pointer). */
  readonly pointer: string;
  readonly branches: readonly SchemaNode[];
  /** The schema file the branches are written in (for their `$ref`s). */
  readonly base: string;
  /** The branch the valid base payload matches; undefined when the mutation breaks the `oneOf` itself. */
  readonly chosen: number | undefined;
}

/** One way to break a request, found by walking its schema beside a valid payload. */
export interface MutationCandidate {
  readonly kind: MutationKind;
  /** The broken field, a JSON Pointer into the request (for `required` and unknown properties: the property). */
  readonly felt: string;
  /** What is wrong with it, in Norwegian, for the case title (`mangler`, `feil kontrollsiffer`). */
  readonly what: string;
  /** The edits to try, in order: the first that breaks the request for this reason alone is used. */
  readonly variants: readonly (readonly PayloadEdit[])[];
  /** The `oneOf`s the field sits in (outermost first). */
  readonly branches: readonly BranchContext[];
  /** For `checkDigit`: the rule-1 identifier. */
  readonly identifier?: IdentifierRule;
}

/** A candidate that could be made to break the request for its reason alone. */
export interface ConfirmedMutation {
  readonly candidate: MutationCandidate;
  readonly edits: readonly PayloadEdit[];
}

/** A candidate no variant of which breaks the request for its reason alone: never emitted, listed with why. */
export interface DroppedMutation {
  /** The full request type. */
  readonly requestType: string;
  readonly kind: MutationKind | 'base';
  readonly felt: string;
  readonly reason: string;
}

/** `innbygger.foedselsnummer`, `vedlegg[0].filnavn`: a pointer as people read field names. */
export function fieldLabel(pointer: string): string {
  return pointer === '' ? 'forespørselen' : dottedFieldPath(pointer);
}
