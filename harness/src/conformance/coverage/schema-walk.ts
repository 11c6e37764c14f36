import { escapePointerSegment, valueAtFragmentPointer } from '@fiks-faktura/sdk';

/**
 * Walks a protocol version's JSON Schemas from one message type's schema down to every subschema
 * that applies to some place of the payload, following `$ref`s across the version's schema files.
 * What the coverage counts (fields, enum values, conditional branches) is read off the places
 * this walk visits, so the protocol surface comes from the schemas alone.
 */

/** Where a subschema lives: its schema file (the `$id`, which is its file name) and a JSON pointer in it. */
export interface SchemaLocation {
  file: string;
  pointer: string;
}

/** A subschema the walk reached, and the payload place it applies to (`[]` for an array's items). */
export interface VisitedSchema {
  node: Readonly<Record<string, unknown>>;
  location: SchemaLocation;
  /** Property names from the payload's root; `[]` stands for every item of an array. */
  instancePath: readonly string[];
  /** Set when the subschema is a property's schema: that property's name. */
  property?: string;
}

type SchemaFiles = ReadonlyMap<string, Readonly<Record<string, unknown>>>;

function isSchemaObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `ref` (`file.json#/pointer`, `#/pointer` or `file.json`) seen from `from`, as a location. */
function resolveRef(ref: string, from: SchemaLocation): SchemaLocation {
  const hash = ref.indexOf('#');
  const file = hash === 0 ? from.file : hash < 0 ? ref : ref.slice(0, hash);
  return { file, pointer: hash < 0 ? '' : ref.slice(hash + 1) };
}

/**
 * Calls `visit` for every subschema reached from the schema file `entry`: the entry itself,
 * `$ref` targets, `properties` (one level deeper in the payload), `items` (`[]`), and the
 * alternatives of `allOf`/`anyOf`/`oneOf` and `then`/`else` (same place). A `$ref` already being
 * followed at the same place is not followed again, so recursive schemas end.
 */
export function walkSchema(files: SchemaFiles, entry: string, visit: (visited: VisitedSchema) => void): void {
  const walk = (
    node: unknown,
    location: SchemaLocation,
    instancePath: readonly string[],
    following: ReadonlySet<string>,
    property?: string,
  ): void => {
    if (!isSchemaObject(node)) return;
    visit({ node, location, instancePath, ...(property === undefined ? {} : { property }) });
    const at = (suffix: string): SchemaLocation => ({ ...location, pointer: `${location.pointer}${suffix}` });
    if (typeof node.$ref === 'string') {
      const target = resolveRef(node.$ref, location);
      const key = `${target.file}#${target.pointer}@${instancePath.join('.')}`;
      if (!following.has(key)) {
        const targetNode = valueAtFragmentPointer(files.get(target.file), target.pointer);
        walk(targetNode, target, instancePath, new Set([...following, key]), property);
      }
    }
    if (isSchemaObject(node.properties)) {
      for (const [key, child] of Object.entries(node.properties))
        walk(child, at(`/properties/${escapePointerSegment(key)}`), [...instancePath, key], following, key);
    }
    if (isSchemaObject(node.items)) walk(node.items, at('/items'), [...instancePath, '[]'], following);
    for (const keyword of ['allOf', 'anyOf', 'oneOf'] as const) {
      const alternatives = node[keyword];
      if (Array.isArray(alternatives))
        for (const [i, alt] of alternatives.entries())
          walk(alt, at(`/${keyword}/${i}`), instancePath, following);
    }
    for (const keyword of ['then', 'else'] as const)
      walk(node[keyword], at(`/${keyword}`), instancePath, following);
  };
  walk(files.get(entry), { file: entry, pointer: '' }, [], new Set());
}

/** The values at `instancePath` in `payload` (every item where the path says `[]`); absent places give nothing. */
export function valuesAt(payload: unknown, instancePath: readonly string[]): unknown[] {
  let current: unknown[] = [payload];
  for (const step of instancePath) {
    const next: unknown[] = [];
    for (const value of current) {
      if (step === '[]') {
        if (Array.isArray(value)) next.push(...value);
      } else if (isSchemaObject(value) && Object.hasOwn(value, step) && value[step] !== undefined) {
        next.push(value[step]);
      }
    }
    current = next;
  }
  return current;
}
