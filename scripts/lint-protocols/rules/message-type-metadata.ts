import type { LintContext, LintFinding } from '../lint-context.js';

/** REQUEST_WITHOUT_DEADLINE: every request has `svarfristMs` (the answer deadline the harness enforces). */
export function requestWithoutDeadline(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    return catalogue.meldingstyper
      .filter((t) => t.kind === 'request' && t.svarfristMs === undefined)
      .map((t) => ({
        file: catalogue.file.path,
        code: 'REQUEST_WITHOUT_DEADLINE',
        message: `${t.id} is a request without svarfristMs`,
      }));
  });
}

/** MESSAGE_TYPE_WITHOUT_ROLE: every message type says who sends it (`avsenderRolle` klient or tjener). */
export function messageTypeWithoutRole(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    return catalogue.meldingstyper
      .filter((t) => t.avsenderRolle === undefined)
      .map((t) => ({
        file: catalogue.file.path,
        code: 'MESSAGE_TYPE_WITHOUT_ROLE',
        message: `${t.id} has no avsenderRolle (klient or tjener)`,
      }));
  });
}
