import { valueAtFragmentPointer } from '@fiks-faktura/sdk';
import type { LintContext, LintFinding } from '../lint-context.js';

/** CODE_LIST_ENUM_MISMATCH: each `brukesAv` entry points at a subschema whose `enum` has exactly the list's codes. */
export function codeListEnumMismatch(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const schemas = new Map(version.schemas.map((s) => [s.fileName, s.schema]));
    return version.codeLists.flatMap((list) => {
      const codes = new Set(list.kodeliste.map((k) => k.kodeverdi));
      return list.brukesAv.flatMap(({ schema, peker }) => {
        const finding = (message: string) => [
          { file: list.file.path, code: 'CODE_LIST_ENUM_MISMATCH', message },
        ];
        const target = schemas.get(schema);
        if (target === undefined) return finding(`brukesAv names schema ${schema}, which does not exist`);
        const subschema = valueAtFragmentPointer(target, peker) as { enum?: unknown } | undefined;
        if (subschema === undefined)
          return finding(`brukesAv pointer ${peker} does not resolve in ${schema}`);
        if (!Array.isArray(subschema?.enum)) return finding(`${schema}${peker} has no enum`);
        const values = new Set(subschema.enum.map(String));
        const missing = [...codes].filter((c) => !values.has(c));
        const extra = [...values].filter((v) => !codes.has(v));
        if (missing.length === 0 && extra.length === 0) return [];
        const parts = [
          missing.length > 0 ? `the enum lacks ${missing.join(', ')}` : '',
          extra.length > 0 ? `the code list lacks ${extra.join(', ')}` : '',
        ].filter((p) => p !== '');
        return finding(`${schema}${peker}: ${parts.join('; ')}`);
      });
    });
  });
}
