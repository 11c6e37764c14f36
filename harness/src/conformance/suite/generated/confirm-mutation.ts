import { type ProtocolCatalog, pointerSegments, valueAtPointer } from '@fiks-faktura/sdk';
import type { ConfirmedMutation, MutationCandidate } from './mutation.js';
import { applyPayloadEdits } from './payload-edit.js';
import type { SchemaSet, SubschemaError } from './schema-set.js';

/** The outcome of {@link confirmMutation}. */
export type Confirmation = { readonly confirmed: ConfirmedMutation } | { readonly dropped: string };

/** What confirming a candidate needs: the request type, its valid base payload, the validator, the schemas. */
export interface ConfirmContext {
  readonly requestType: string;
  readonly base: unknown;
  readonly catalog: ProtocolCatalog;
  readonly schemas: SchemaSet;
}

const show = (e: Pick<SubschemaError, 'felt' | 'keyword'>) => `${e.keyword} at ${e.felt || '/'}`;

/** True when pointer `a` is `b` or one of its ancestors. */
function isAncestorOrSelf(a: string, b: string): boolean {
  const x = pointerSegments(a);
  const y = pointerSegments(b);
  return x.length <= y.length && x.every((t, i) => t === y[i]);
}

/**
 * Tries the candidate's variants in order and keeps the first that breaks the request for the
 * intended reason alone, as the SDK's validator (`ProtocolCatalog.validate`) judges it: its error
 * list holds the intended keyword at the intended field and nothing else, apart from the
 * `oneOf` wrapper errors of the field or its parents and the errors of the `oneOf` branches the
 * base payload does not take (which fail for any payload of the other kind). A check-digit
 * candidate must instead leave the payload schema-valid and fail its rule-1 check.
 */
export function confirmMutation(candidate: MutationCandidate, ctx: ConfirmContext): Confirmation {
  let lastReason = 'no way to break it was found';
  for (const edits of candidate.variants) {
    const mutated = applyPayloadEdits(ctx.base, edits);
    const reason = problemWith(candidate, mutated, ctx);
    if (reason === undefined) return { confirmed: { candidate, edits } };
    lastReason = reason;
  }
  return { dropped: lastReason };
}

/** Why this mutated payload does not break the request for the candidate's reason alone; undefined when it does. */
export function problemWith(
  candidate: MutationCandidate,
  mutated: unknown,
  ctx: ConfirmContext,
): string | undefined {
  const result = ctx.catalog.validate(ctx.requestType, mutated);
  if (candidate.kind === 'checkDigit') {
    if (!result.valid)
      return `the schema rejects it too (${result.errors.map(show).join(', ')}), so the check digit is not its only fault`;
    const value = valueAtPointer(mutated, candidate.felt);
    if (typeof value !== 'string' || candidate.identifier?.valid(value) !== false)
      return 'the rule-1 check still passes';
    return undefined;
  }
  if (result.valid) return 'the payload stays schema-valid';
  const intended = { keyword: candidate.kind, felt: candidate.felt };
  const same = (e: Pick<SubschemaError, 'felt' | 'keyword'>) =>
    e.keyword === intended.keyword && e.felt === intended.felt;
  if (!result.errors.some(same))
    return `Ajv reports ${result.errors.map(show).join(', ')}, not ${show(intended)}`;
  const noise = branchNoise(candidate, mutated, ctx);
  const extra = result.errors.filter(
    (e) =>
      !same(e) &&
      !((e.keyword === 'oneOf' || e.keyword === 'anyOf') && isAncestorOrSelf(e.felt, intended.felt)) &&
      !noise.some((n) => n.keyword === e.keyword && n.felt === e.felt),
  );
  if (extra.length > 0) return `it also breaks ${extra.map(show).join(', ')}`;
  return undefined;
}

/** The errors the `oneOf` branches the payload does not take give for the mutated value. */
function branchNoise(candidate: MutationCandidate, mutated: unknown, ctx: ConfirmContext): SubschemaError[] {
  return candidate.branches.flatMap((b) =>
    b.branches.flatMap((branch, i) =>
      i === b.chosen
        ? []
        : ctx.schemas.errorsOf(branch, b.base, valueAtPointer(mutated, b.pointer), b.pointer),
    ),
  );
}
