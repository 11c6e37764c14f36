import { createAjv } from '../../../sdk/src/protocol-spec/create-ajv.js';
import type { LintContext, LintFinding } from '../lint-context.js';

/** FIXTURE_SCHEMA_INVALID: a fixture file `X.json` must pass its sibling `X.schema.json` when there is one. */
export function fixtureSchemaInvalid(context: LintContext): LintFinding[] {
  const byPath = new Map(context.fixtures.map((f) => [f.path, f]));
  return context.fixtures.flatMap((file) => {
    if (file.path.endsWith('.schema.json') || file.parseError !== undefined) return [];
    const schemaFile = byPath.get(file.path.replace(/\.json$/, '.schema.json'));
    if (schemaFile === undefined || schemaFile.parseError !== undefined) return [];
    const finding = (message: string) => [{ file: file.path, code: 'FIXTURE_SCHEMA_INVALID', message }];
    try {
      const validate = createAjv().compile(schemaFile.json as object);
      if (validate(file.json)) return [];
      return (validate.errors ?? []).flatMap((e) =>
        finding(`${e.instancePath || '/'} ${e.message ?? e.keyword}`),
      );
    } catch (error) {
      return finding(`its schema ${schemaFile.path} does not compile: ${(error as Error).message}`);
    }
  });
}
