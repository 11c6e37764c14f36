import { pointerFromSegments } from '@fiks-faktura/sdk';
import { identifierRule } from './identifier-rules.js';
import type { BranchContext, MutationCandidate, MutationKind } from './mutation.js';
import type { PayloadEdit } from './payload-edit.js';
import type { SchemaNode, SchemaSet } from './schema-set.js';
import {
  formatBreakers,
  jsonType,
  longerStrings,
  outsideEnum,
  patternBreakers,
  sampleValue,
  wrongTypeValue,
} from './value-candidates.js';

/** The property name an unknown-property mutation adds. */
export const UNKNOWN_PROPERTY = 'ukjentFelt';

interface WalkContext {
  readonly schemas: SchemaSet;
  readonly branches: readonly BranchContext[];
  /** Edits that put a sample value where the base payload has none (an optional field), applied first. */
  readonly seed: readonly PayloadEdit[];
  readonly out: MutationCandidate[];
}

/**
 * Every way to break a request that the schema of `rootFile` offers, found by walking the schema
 * beside the valid `payload`, in the schema's own order (so the same schemas always give the same
 * list): at each field its type, enum, pattern, format and bounds, the check digits of rule-1
 * identifiers; at each object its required properties, a property where it is closed, the `oneOf`
 * it must match exactly one branch of; then its properties in schema order, and the `oneOf`
 * branch or `if`/`then`/`else` branch the payload takes. Optional fields the payload lacks are
 * walked with a sample value.
 */
export function mutationCandidates(
  schemas: SchemaSet,
  rootFile: string,
  payload: unknown,
): MutationCandidate[] {
  const root = schemas.file(rootFile);
  if (root === undefined) return [];
  const ctx: WalkContext = { schemas, branches: [], seed: [], out: [] };
  walk(ctx, root, rootFile, payload, []);
  // A field reached twice (an `allOf` part, a branch that repeats a keyword) is broken once.
  const seen = new Set<string>();
  return ctx.out.filter((c) => {
    const key = `${c.kind} ${c.felt}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function walk(
  ctx: WalkContext,
  node: SchemaNode,
  file: string,
  value: unknown,
  tokens: readonly string[],
  lastName?: string,
): void {
  const { node: schema, base, refName } = ctx.schemas.resolve(node, file);
  if (typeof schema === 'boolean') return;
  const pointer = pointerFromSegments(tokens);
  const add = (kind: MutationKind, what: string, variants: PayloadEdit[][], felt = pointer) =>
    ctx.out.push({
      kind,
      felt,
      what,
      variants: variants.map((v) => [...ctx.seed, ...v]),
      branches: ctx.branches,
    });
  const set = (v: unknown, at = pointer): PayloadEdit => ({ op: 'set', pointer: at, value: v });

  const type = schema['type'];
  if (typeof type === 'string' && tokens.length > 0) {
    const wrong = wrongTypeValue(type);
    add('type', `har feil type (${jsonType(wrong)}, ikke ${type})`, [[set(wrong)]]);
  }
  const enumValues = schema['enum'];
  if (Array.isArray(enumValues) && enumValues.every((v) => typeof v === 'string')) {
    const outside = outsideEnum(enumValues);
    add('enum', `har en verdi utenfor kodelisten (${outside})`, [[set(outside)]]);
  }
  if (typeof schema['const'] === 'string') {
    const outside = outsideEnum([schema['const']]);
    add('const', `har en annen verdi enn ${schema['const']}`, [[set(outside)]]);
  }
  if (typeof value === 'string') stringMutations(schema, value, add, set);
  if (typeof value === 'number') numberMutations(schema, value, add, set);
  if (Array.isArray(value)) arrayMutations(ctx, schema, base, value, tokens, add, set);
  if (typeof value === 'string') {
    const rule = identifierRule(refName ?? lastName);
    if (rule?.valid(value) === true) {
      ctx.out.push({
        kind: 'checkDigit',
        felt: pointer,
        what: `feil kontrollsiffer (${rule.checkDigit})`,
        variants: [[...ctx.seed, { op: 'breakCheckDigit', pointer }]],
        branches: ctx.branches,
        identifier: rule,
      });
    }
  }
  if (typeof value === 'object' && value !== null && !Array.isArray(value))
    objectMutations(ctx, schema, base, value as Record<string, unknown>, tokens, add, set);
}

type Add = (kind: MutationKind, what: string, variants: PayloadEdit[][], felt?: string) => void;
type SetValue = (value: unknown, at?: string) => PayloadEdit;

function stringMutations(schema: Record<string, unknown>, value: string, add: Add, set: SetValue): void {
  const pattern = schema['pattern'];
  if (typeof pattern === 'string')
    add(
      'pattern',
      pattern.length <= 20 ? `bryter mønsteret ${pattern}` : 'bryter mønsteret',
      patternBreakers(value).map((v) => [set(v)]),
    );
  const format = schema['format'];
  if (typeof format === 'string') {
    const breakers = formatBreakers(format, value);
    add(
      'format',
      `er ikke gyldig ${format} (${breakers[0] ?? '–'})`,
      breakers.map((v) => [set(v)]),
    );
  }
  const min = schema['minLength'];
  if (typeof min === 'number' && min > 0)
    add('minLength', `er kortere enn ${min} tegn`, [[set(value.slice(0, min - 1))]]);
  const max = schema['maxLength'];
  if (typeof max === 'number')
    add(
      'maxLength',
      `er lengre enn ${max} tegn`,
      longerStrings(value, max + 1).map((v) => [set(v)]),
    );
}

function numberMutations(schema: Record<string, unknown>, value: number, add: Add, set: SetValue): void {
  const step = schema['type'] === 'integer' || Number.isInteger(value) ? 1 : 0.5;
  const min = schema['minimum'];
  if (typeof min === 'number') add('minimum', `er mindre enn ${min}`, [[set(min - step)]]);
  const exclusiveMin = schema['exclusiveMinimum'];
  if (typeof exclusiveMin === 'number')
    add('exclusiveMinimum', `er ikke større enn ${exclusiveMin}`, [[set(exclusiveMin)]]);
  const max = schema['maximum'];
  if (typeof max === 'number') add('maximum', `er større enn ${max}`, [[set(max + step)]]);
  const exclusiveMax = schema['exclusiveMaximum'];
  if (typeof exclusiveMax === 'number')
    add('exclusiveMaximum', `er ikke mindre enn ${exclusiveMax}`, [[set(exclusiveMax)]]);
}

function arrayMutations(
  ctx: WalkContext,
  schema: Record<string, unknown>,
  base: string,
  value: unknown[],
  tokens: readonly string[],
  add: Add,
  set: SetValue,
): void {
  const pointer = pointerFromSegments(tokens);
  const min = schema['minItems'];
  if (typeof min === 'number' && min > 0)
    add('minItems', `har færre enn ${min} elementer`, [[set(value.slice(0, min - 1))]]);
  const max = schema['maxItems'];
  if (typeof max === 'number' && value.length > 0)
    add('maxItems', `har flere enn ${max} elementer`, [[{ op: 'fillArray', pointer, length: max + 1 }]]);
  const items = schema['items'];
  if (items !== undefined && typeof items !== 'boolean')
    for (const [i, item] of value.entries())
      walk(ctx, items as SchemaNode, base, item, [...tokens, String(i)]);
}

function objectMutations(
  ctx: WalkContext,
  schema: Record<string, unknown>,
  base: string,
  value: Record<string, unknown>,
  tokens: readonly string[],
  add: Add,
  set: SetValue,
): void {
  const pointer = pointerFromSegments(tokens);
  const properties = (schema['properties'] ?? {}) as Record<string, SchemaNode>;
  const required = Array.isArray(schema['required']) ? (schema['required'] as string[]) : [];
  for (const name of required) {
    if (name in value)
      add(
        'required',
        'mangler',
        [[{ op: 'remove', pointer: pointerFromSegments([...tokens, name]) }]],
        pointerFromSegments([...tokens, name]),
      );
  }
  if (schema['additionalProperties'] === false && !(UNKNOWN_PROPERTY in properties)) {
    const at = pointerFromSegments([...tokens, UNKNOWN_PROPERTY]);
    add(
      'additionalProperties',
      `har et felt skjemaet ikke tillater (${UNKNOWN_PROPERTY})`,
      [[set('x', at)]],
      at,
    );
  }
  const oneOf = schema['oneOf'];
  const chosen = Array.isArray(oneOf)
    ? matchingBranch(ctx, oneOf as SchemaNode[], base, value, pointer)
    : undefined;
  if (Array.isArray(oneOf) && chosen !== undefined)
    oneOfViolations(ctx, oneOf as SchemaNode[], base, value, tokens, chosen);
  for (const [name, propertySchema] of Object.entries(properties)) {
    const at = [...tokens, name];
    if (name in value) {
      walk(ctx, propertySchema, base, value[name], at, name);
      continue;
    }
    if (required.includes(name)) continue;
    const sample = sampleValue(ctx.schemas, propertySchema, base);
    if (sample === undefined) continue;
    walk(
      { ...ctx, seed: [...ctx.seed, { op: 'set', pointer: pointerFromSegments(at), value: sample }] },
      propertySchema,
      base,
      sample,
      at,
      name,
    );
  }
  if (Array.isArray(oneOf) && chosen !== undefined) {
    const branch: BranchContext = { pointer, branches: oneOf as SchemaNode[], base, chosen };
    walk({ ...ctx, branches: [...ctx.branches, branch] }, (oneOf as SchemaNode[])[chosen]!, base, value, [
      ...tokens,
    ]);
  }
  const condition = schema['if'];
  if (condition !== undefined) {
    const holds = ctx.schemas.errorsOf(condition as SchemaNode, base, value, pointer).length === 0;
    const branch = holds ? schema['then'] : schema['else'];
    if (branch !== undefined) walk(ctx, branch as SchemaNode, base, value, [...tokens]);
  }
  for (const part of Array.isArray(schema['allOf']) ? (schema['allOf'] as SchemaNode[]) : [])
    walk(ctx, part, base, value, [...tokens]);
}

/** The one `oneOf` branch `value` matches, or undefined. */
function matchingBranch(
  ctx: WalkContext,
  branches: readonly SchemaNode[],
  base: string,
  value: unknown,
  pointer: string,
): number | undefined {
  const matches = branches
    .map((b, i) => (ctx.schemas.errorsOf(b, base, value, pointer).length === 0 ? i : -1))
    .filter((i) => i >= 0);
  return matches.length === 1 ? matches[0] : undefined;
}

/** For each other branch: add its required properties (sample values) beside the chosen branch's, so no branch or both match. */
function oneOfViolations(
  ctx: WalkContext,
  branches: readonly SchemaNode[],
  base: string,
  value: Record<string, unknown>,
  tokens: readonly string[],
  chosen: number,
): void {
  branches.forEach((node, i) => {
    if (i === chosen) return;
    const { node: branch, base: branchBase } = ctx.schemas.resolve(node, base);
    if (typeof branch === 'boolean') return;
    const required = Array.isArray(branch['required']) ? (branch['required'] as string[]) : [];
    const properties = (branch['properties'] ?? {}) as Record<string, SchemaNode>;
    const missing = required.filter((name) => !(name in value));
    if (missing.length === 0) return;
    const edits: PayloadEdit[] = [];
    for (const name of missing) {
      const sample =
        properties[name] === undefined ? 'x' : sampleValue(ctx.schemas, properties[name], branchBase);
      if (sample === undefined) return;
      edits.push({ op: 'set', pointer: pointerFromSegments([...tokens, name]), value: sample });
    }
    const have = Object.keys(value).join(', ');
    const pointer = pointerFromSegments(tokens);
    ctx.out.push({
      kind: 'oneOf',
      felt: pointer,
      what: `har både ${have} og ${missing.join(', ')} (ett alternativ, ikke flere)`,
      variants: [[...ctx.seed, ...edits]],
      branches: [...ctx.branches, { pointer, branches, base, chosen: undefined }],
    });
  });
}
