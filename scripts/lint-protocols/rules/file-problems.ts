import type { LintContext, LintFinding } from '../lint-context.js';

/** FILE_HAS_BOM: every file must be UTF-8 without a byte order mark. */
export function fileHasBom(context: LintContext): LintFinding[] {
  return [...context.versions.flatMap((v) => v.files), ...context.fixtures]
    .filter((f) => f.hasBom)
    .map((f) => ({
      file: f.path,
      code: 'FILE_HAS_BOM',
      message: 'starts with a UTF-8 byte order mark; save without BOM',
    }));
}

/**
 * What the loader could not read: JSON_INVALID, CATALOGUE_MISSING, CATALOGUE_INVALID,
 * CODE_LIST_INVALID, INVALID_EXAMPLE_INDEX_INVALID, SCHEMA_INVALID.
 */
export function unreadableFiles(context: LintContext): LintFinding[] {
  const fixtures = context.fixtures
    .filter((f) => f.parseError !== undefined)
    .map((f) => ({ file: f.path, code: 'JSON_INVALID', message: `not valid JSON: ${f.parseError}` }));
  return [...context.versions.flatMap((v) => v.problems), ...fixtures];
}
