import type { LintContext, LintFinding } from '../lint-context.js';

/** SCHEMA_MISSING: a message type with a payload must have `schemas/<id>.schema.json`. */
export function messageTypeWithoutSchema(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    const schemas = new Set(version.schemas.map((s) => s.fileName));
    return catalogue.meldingstyper
      .filter((t) => t.harPayload && !schemas.has(`${t.id}.schema.json`))
      .map((t) => ({
        file: catalogue.file.path,
        code: 'SCHEMA_MISSING',
        message: `${t.id} has a payload but no schemas/${t.id}.schema.json`,
      }));
  });
}

/** True for the shared schemas that belong to no single type: `*.felles.*` and `<prefix>.feilmelding.schema.json`. */
function isSharedSchema(fileName: string, prefix: string): boolean {
  return fileName.includes('.felles.') || fileName === `${prefix}.feilmelding.schema.json`;
}

/** SCHEMA_WITHOUT_TYPE: every schema that is not shared must belong to a message type of the catalogue. */
export function schemaWithoutMessageType(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    const types = new Set(
      catalogue.meldingstyper.filter((t) => t.harPayload).map((t) => `${t.id}.schema.json`),
    );
    const prefix = `${version.protocol}.${version.version}`;
    return version.schemas
      .filter((s) => !types.has(s.fileName) && !isSharedSchema(s.fileName, prefix))
      .map((s) => ({
        file: s.file.path,
        code: 'SCHEMA_WITHOUT_TYPE',
        message: `no message type with a payload in meldingstyper.json uses this schema; add the type, or name a shared schema ${prefix}.felles.*`,
      }));
  });
}
