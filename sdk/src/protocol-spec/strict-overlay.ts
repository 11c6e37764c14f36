// The conformance harness's strict overlay: a copy of a schema that rejects properties the
// specification does not name. It uses `unevaluatedProperties: false` (2020-12), which sees
// through `$ref`, `allOf`, `oneOf` and `if`/`then`, so properties declared in a sibling subschema
// are not reported; a plain `additionalProperties: false` would reject them.

type Json = unknown;

/** Keywords whose subschemas describe the same instance as their parent (in-place applicators). */
const IN_PLACE = new Set(['allOf', 'anyOf', 'oneOf', 'not', 'if', 'then', 'else', 'dependentSchemas']);
/** Keywords whose subschemas describe a child instance (a property value or an array item). */
const CHILD_MAP = new Set(['properties', 'patternProperties']);
const CHILD_ONE = new Set(['items', 'additionalProperties', 'contains', 'unevaluatedItems']);

function isObject(value: Json): value is Record<string, Json> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function overlay(schema: Json, ownsInstance: boolean): Json {
  if (!isObject(schema)) return schema;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (CHILD_MAP.has(key) && isObject(value))
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, overlay(v, true)]));
    else if (key === 'prefixItems' && Array.isArray(value)) out[key] = value.map((v) => overlay(v, true));
    else if (CHILD_ONE.has(key)) out[key] = overlay(value, true);
    else if (key === '$defs' && isObject(value))
      // A definition describes whatever instance refers to it; the referring schema owns that instance.
      out[key] = Object.fromEntries(Object.entries(value).map(([k, v]) => [k, overlay(v, false)]));
    else if (IN_PLACE.has(key))
      out[key] = Array.isArray(value)
        ? value.map((v) => overlay(v, false))
        : isObject(value) && key === 'dependentSchemas'
          ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, overlay(v, false)]))
          : overlay(value, false);
    else out[key] = value;
  }
  if (ownsInstance && !('additionalProperties' in out) && !('unevaluatedProperties' in out))
    out['unevaluatedProperties'] = false;
  return out;
}

/**
 * Returns a strict copy of a schema: every schema that owns an instance (the root, property values,
 * array items) gets `unevaluatedProperties: false` unless it already limits its properties.
 * The keyword only applies to objects, so it is harmless on strings and arrays.
 */
export function withStrictOverlay<T extends Record<string, unknown>>(schema: T): T {
  return overlay(schema, true) as T;
}
