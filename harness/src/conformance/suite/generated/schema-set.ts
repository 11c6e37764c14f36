import {
  ajvErrorField,
  createAjv,
  fragmentPointerSegments,
  type loadProtocolSpecs,
  valueAtFragmentPointer,
} from '@fiks-faktura/sdk';
import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';

/** One protocol version as the SDK reads it. */
export type ProtocolVersionSpec = ReturnType<typeof loadProtocolSpecs>[number];

/** A JSON Schema object (boolean schemas are kept as they are). */
export type SchemaNode = Readonly<Record<string, unknown>> | boolean;

/** One error of a subschema, in the shape the SDK's validator reports (`felt` a JSON Pointer). */
export interface SubschemaError {
  readonly felt: string;
  readonly keyword: string;
}

/**
 * The JSON Schemas of one protocol version, by file name (their `$id`): `$ref`s resolved across
 * files, and any subschema (a `oneOf` branch, an `if`) compiled on demand with the same Ajv
 * settings as the SDK's validator (draft 2020-12, formats asserted, all errors).
 */
export class SchemaSet {
  readonly #files: ReadonlyMap<string, Record<string, unknown>>;
  readonly #ajv: Ajv2020;
  readonly #compiled = new Map<string, ValidateFunction>();

  constructor(spec: Pick<ProtocolVersionSpec, 'schemas'>) {
    this.#files = new Map(spec.schemas.map((s) => [s.fileName, s.schema as Record<string, unknown>]));
    this.#ajv = createAjv();
    for (const [fileName, schema] of this.#files) this.#ajv.addSchema({ ...schema, $id: fileName });
  }

  /** The root schema of a file, or undefined. */
  file(fileName: string): SchemaNode | undefined {
    return this.#files.get(fileName);
  }

  /**
   * The schema a node stands for: a `$ref` (`<file>#<pointer>` or `#<pointer>` within `base`)
   * followed, its sibling keywords laid over the target. Returns the node and the file it is in.
   */
  resolve(node: SchemaNode, base: string): { node: SchemaNode; base: string; refName?: string } {
    let current = node;
    let file = base;
    let refName: string | undefined;
    for (let depth = 0; depth < 32; depth++) {
      if (typeof current === 'boolean' || typeof current['$ref'] !== 'string') break;
      const ref = current['$ref'];
      const hash = ref.indexOf('#');
      const target = hash < 0 ? ref : ref.slice(0, hash);
      const pointer = hash < 0 ? '' : ref.slice(hash + 1);
      if (target !== '') file = target;
      const found = valueAtFragmentPointer(this.#files.get(file), pointer);
      if (found === undefined) break;
      refName = fragmentPointerSegments(pointer)?.at(-1) ?? refName;
      const { $ref: _ref, ...siblings } = current;
      current = typeof found === 'boolean' ? found : { ...(found as Record<string, unknown>), ...siblings };
    }
    return { node: current, base: file, ...(refName === undefined ? {} : { refName }) };
  }

  /**
   * The errors of `value` against a subschema of `base` (its `$ref`s resolve as in the file),
   * `felt` prefixed with `at`. Empty when the value is valid.
   */
  errorsOf(node: SchemaNode, base: string, value: unknown, at: string): SubschemaError[] {
    const key = `${base}\0${JSON.stringify(node)}`;
    let validate = this.#compiled.get(key);
    if (validate === undefined) {
      validate = this.#ajv.compile(typeof node === 'boolean' ? node : rebase(node, base));
      this.#compiled.set(key, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? [])
      .filter((e) => e.keyword !== 'if')
      .map((e) => ({ felt: `${at}${ajvErrorField(e)}`, keyword: e.keyword }));
  }
}

/** A subschema with local `#…` refs made absolute to its file, and no `$id` of its own. */
function rebase(node: Readonly<Record<string, unknown>>, base: string): Record<string, unknown> {
  const { $id: _id, ...rest } = node;
  const walk = (value: unknown): unknown => {
    if (Array.isArray(value)) return value.map(walk);
    if (typeof value !== 'object' || value === null) return value;
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [
        k,
        k === '$ref' && typeof v === 'string' && v.startsWith('#') ? `${base}${v}` : walk(v),
      ]),
    );
  };
  return walk(rest) as Record<string, unknown>;
}
