import { valueAtFragmentPointer } from '@fiks-faktura/sdk';
import type { SchemaSpec } from '../../../sdk/src/protocol-spec/index.js';
import type { LintContext, LintFinding } from '../lint-context.js';

/** SCHEMA_ID_MISMATCH: a schema's `$id` must equal its file name. */
export function schemaIdMismatch(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) =>
    version.schemas
      .filter((s) => s.schema['$id'] !== s.fileName)
      .map((s) => ({
        file: s.file.path,
        code: 'SCHEMA_ID_MISMATCH',
        message: `$id is ${JSON.stringify(s.schema['$id'] ?? null)}; it must be the file name "${s.fileName}"`,
      })),
  );
}

function* refsIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* refsIn(item);
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) {
      if (key === '$ref' && typeof child === 'string') yield child;
      else if (key !== 'enum' && key !== 'const' && key !== 'examples') yield* refsIn(child);
    }
}

function* anchorsIn(value: unknown): Generator<string> {
  if (Array.isArray(value)) for (const item of value) yield* anchorsIn(item);
  else if (typeof value === 'object' && value !== null)
    for (const [key, child] of Object.entries(value)) {
      if (key === '$anchor' && typeof child === 'string') yield child;
      else yield* anchorsIn(child);
    }
}

/** Why a `$ref` does not resolve among the sibling schemas, or `undefined` when it does. */
function refProblem(
  ref: string,
  from: SchemaSpec,
  siblings: ReadonlyMap<string, SchemaSpec>,
): string | undefined {
  const hash = ref.indexOf('#');
  const target = hash === -1 ? ref : ref.slice(0, hash);
  const fragment = hash === -1 ? '' : ref.slice(hash + 1);
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.includes('/'))
    return `$ref ${ref} must name a sibling schema file, not a path or URL`;
  const schema = target === '' ? from : siblings.get(target);
  if (schema === undefined) return `$ref ${ref}: there is no schemas/${target}`;
  if (fragment === '' || fragment.startsWith('/')) {
    if (valueAtFragmentPointer(schema.schema, fragment) === undefined)
      return `$ref ${ref}: ${schema.fileName} has nothing at ${fragment}`;
    return undefined;
  }
  return [...anchorsIn(schema.schema)].includes(fragment)
    ? undefined
    : `$ref ${ref}: ${schema.fileName} has no $anchor ${fragment}`;
}

/** REF_UNRESOLVED: every `$ref` names a sibling schema file (optionally with a JSON pointer) that exists. */
export function refUnresolved(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const siblings = new Map(version.schemas.map((s) => [s.fileName, s]));
    return version.schemas.flatMap((schema) =>
      [...new Set(refsIn(schema.schema))].flatMap((ref) => {
        const problem = refProblem(ref, schema, siblings);
        return problem === undefined
          ? []
          : [{ file: schema.file.path, code: 'REF_UNRESOLVED', message: problem }];
      }),
    );
  });
}
