import type { LintContext, LintFinding } from '../lint-context.js';

/**
 * TYPE_NAME_INVALID: every type string is `<protocol folder>.<version folder>.<name>`, with the
 * name in lower-case segments of a–z, 0–9 (Norwegian letters transliterated: ø→oe, å→aa, æ→ae).
 */
export function typeNameInvalid(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    const prefix = `${version.protocol}.${version.version}.`;
    return catalogue.meldingstyper.flatMap((t) => {
      const problems: string[] = [];
      if (!t.id.startsWith(prefix))
        problems.push(`does not start with ${prefix} (the protocol and version folders)`);
      else if (!/^[a-z0-9]+(\.[a-z0-9]+)*$/.test(t.id.slice(prefix.length)))
        problems.push('must continue in lower-case segments of a-z and 0-9 (ø→oe, å→aa, æ→ae)');
      if (/[^a-z0-9.]/.test(t.id)) problems.push('contains characters other than a-z, 0-9 and dots');
      return problems.map((p) => ({
        file: catalogue.file.path,
        code: 'TYPE_NAME_INVALID',
        message: `${t.id} ${p}`,
      }));
    });
  });
}

/** CATALOGUE_FOLDER_MISMATCH: the catalogue's and code lists' `protokollnavn`/`versjon` equal the folders. */
export function catalogueFolderMismatch(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const documents = [...(version.catalogue === undefined ? [] : [version.catalogue]), ...version.codeLists];
    return documents.flatMap((doc) => {
      const findings: LintFinding[] = [];
      if (doc.protokollnavn !== version.protocol)
        findings.push({
          file: doc.file.path,
          code: 'CATALOGUE_FOLDER_MISMATCH',
          message: `protokollnavn is ${doc.protokollnavn}, but the folder is ${version.protocol}`,
        });
      if (doc.versjon !== version.version)
        findings.push({
          file: doc.file.path,
          code: 'CATALOGUE_FOLDER_MISMATCH',
          message: `versjon is ${doc.versjon}, but the folder is ${version.version}`,
        });
      return findings;
    });
  });
}
