import type { ProtocolCatalog } from '@fiks-faktura/sdk';
import { confirmMutation } from './confirm-mutation.js';
import type { ConfirmedMutation, DroppedMutation } from './mutation.js';
import type { SchemaSet } from './schema-set.js';
import { mutationCandidates } from './schema-walk.js';

/** What {@link generateMutations} works on: one request type, its schema and a valid payload of it. */
export interface MutationSource {
  /** The full request type, as the catalogue names it. */
  readonly requestType: string;
  /** The file name (`$id`) of the request type's schema in `schemas`. */
  readonly schemaFile: string;
  /** A schema-valid payload of the type, whose identifiers pass rule 1. */
  readonly base: unknown;
  readonly catalog: ProtocolCatalog;
  readonly schemas: SchemaSet;
}

/**
 * Every mutation of `base` that breaks the request for one reason alone, in the order of the
 * schema walk, and those that could not be made to, each with why.
 */
export function generateMutations(source: MutationSource): {
  confirmed: ConfirmedMutation[];
  dropped: DroppedMutation[];
} {
  const confirmed: ConfirmedMutation[] = [];
  const dropped: DroppedMutation[] = [];
  for (const candidate of mutationCandidates(source.schemas, source.schemaFile, source.base)) {
    const outcome = confirmMutation(candidate, source);
    if ('confirmed' in outcome) confirmed.push(outcome.confirmed);
    else
      dropped.push({
        requestType: source.requestType,
        kind: candidate.kind,
        felt: candidate.felt,
        reason: outcome.dropped,
      });
  }
  return { confirmed, dropped };
}
