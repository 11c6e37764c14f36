import {
  type ExampleSpec,
  type PayloadError,
  ProtocolSpecError,
  type ProtocolVersionSpec,
} from '../../../sdk/src/protocol-spec/index.js';
import type { LintContext, LintFinding } from '../lint-context.js';

function knownTypes(version: ProtocolVersionSpec): Set<string> {
  return new Set((version.catalogue?.meldingstyper ?? []).filter((t) => t.harPayload).map((t) => t.id));
}

/** The validation errors of an example, or a finding when its schema cannot be used. */
function validate(
  context: LintContext,
  version: ProtocolVersionSpec,
  example: ExampleSpec,
): { errors: readonly PayloadError[] } | { compileFailure: string } {
  try {
    const result = context.validatorFor(version).validatePayload(example.messageType, example.file.json);
    return { errors: result.valid ? [] : result.errors };
  } catch (error) {
    if (error instanceof ProtocolSpecError) return { compileFailure: error.message };
    throw error;
  }
}

const describe = (errors: readonly PayloadError[]) =>
  errors.map((e) => `${e.keyword} at ${e.instancePath || '/'} (${e.melding})`).join('; ');

/** EXAMPLE_UNKNOWN_TYPE: every `examples/<folder>` names a message type with a payload. */
export function exampleForUnknownType(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    if (version.catalogue === undefined) return [];
    const types = knownTypes(version);
    const folders = new Set([
      ...version.examples.map((e) => e.messageType),
      ...version.invalidExampleIndexes.map((i) => i.messageType),
    ]);
    return [...folders]
      .filter((folder) => !types.has(folder))
      .map((folder) => ({
        file: `${version.path}/examples/${folder}`,
        code: 'EXAMPLE_UNKNOWN_TYPE',
        message: `${folder} is not a message type with a payload in meldingstyper.json`,
      }));
  });
}

/**
 * Every example of a known type against its schema. EXAMPLE_VALID_FAILS: a valid example fails;
 * EXAMPLE_INVALID_PASSES: an invalid one passes; EXAMPLE_INVALID_WRONG_REASON: an invalid one
 * fails, but not with its index entry's keyword at its instancePath (a `required` error matches
 * either the object's path or the missing property's path); SCHEMA_COMPILE_FAILED: the schema
 * cannot be compiled, so its examples cannot be checked.
 */
export function examplesAgainstSchemas(context: LintContext): LintFinding[] {
  const findings: LintFinding[] = [];
  for (const version of context.versions) {
    const types = knownTypes(version);
    const entries = new Map(
      version.invalidExampleIndexes.flatMap((index) =>
        index.entries.map((entry) => [`${index.messageType}/${entry.file}`, entry] as const),
      ),
    );
    const compileFailures = new Set<string>();
    for (const example of version.examples) {
      if (!types.has(example.messageType)) continue;
      const outcome = validate(context, version, example);
      if ('compileFailure' in outcome) {
        if (!compileFailures.has(example.messageType))
          findings.push({
            file: `${version.path}/schemas/${example.messageType}.schema.json`,
            code: 'SCHEMA_COMPILE_FAILED',
            message: outcome.compileFailure,
          });
        compileFailures.add(example.messageType);
        continue;
      }
      const { errors } = outcome;
      const file = example.file.path;
      if (example.expectValid) {
        if (errors.length > 0)
          findings.push({
            file,
            code: 'EXAMPLE_VALID_FAILS',
            message: `fails its schema: ${describe(errors)}`,
          });
        continue;
      }
      if (errors.length === 0) {
        findings.push({
          file,
          code: 'EXAMPLE_INVALID_PASSES',
          message: 'is in invalid/ but passes its schema',
        });
        continue;
      }
      const entry = entries.get(`${example.messageType}/${example.fileName}`);
      if (entry === undefined) continue; // reported by invalidExampleIndexMismatch
      const matches = errors.some(
        (e) =>
          e.keyword === entry.keyword &&
          (e.instancePath === entry.instancePath || e.felt === entry.instancePath),
      );
      if (!matches)
        findings.push({
          file,
          code: 'EXAMPLE_INVALID_WRONG_REASON',
          message: `index.json expects ${entry.keyword} at ${entry.instancePath || '/'}, but it fails with: ${describe(errors)}`,
        });
    }
  }
  return findings;
}

/** EXAMPLE_NOT_INDEXED / INDEX_ENTRY_WITHOUT_FILE: `invalid/index.json` lists exactly the invalid examples. */
export function invalidExampleIndexMismatch(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const folders = new Set(version.examples.filter((e) => !e.expectValid).map((e) => e.messageType));
    for (const index of version.invalidExampleIndexes) folders.add(index.messageType);
    return [...folders].flatMap((folder) => {
      const indexPath = `${version.path}/examples/${folder}/invalid/index.json`;
      const index = version.invalidExampleIndexes.find((i) => i.messageType === folder);
      const listed = new Set(index?.entries.map((e) => e.file) ?? []);
      const present = new Set(
        version.examples.filter((e) => !e.expectValid && e.messageType === folder).map((e) => e.fileName),
      );
      // A malformed or unreadable index.json is reported by the loader; do not repeat it per file.
      const indexUnreadable = index === undefined && version.files.some((f) => f.path === indexPath);
      if (indexUnreadable) return [];
      return [
        ...[...present]
          .filter((name) => !listed.has(name))
          .map((name) => ({
            file: `${version.path}/examples/${folder}/invalid/${name}`,
            code: 'EXAMPLE_NOT_INDEXED',
            message: `is not listed in invalid/index.json (add {file, rule, keyword, instancePath})`,
          })),
        ...[...listed]
          .filter((name) => !present.has(name))
          .map((name) => ({
            file: indexPath,
            code: 'INDEX_ENTRY_WITHOUT_FILE',
            message: `lists ${name}, which is not in invalid/`,
          })),
      ];
    });
  });
}
