import type { LintContext, LintFinding } from '../lint-context.js';

/** REPLY_TYPE_UNDEFINED: every type named in `kanSvareMed` or `erSvarPaa` must be in the catalogue. */
export function replyTypeUndefined(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    const defined = new Set(catalogue.meldingstyper.map((t) => t.id));
    return catalogue.meldingstyper.flatMap((t) =>
      [
        ...t.kanSvareMed.map((ref) => ['kanSvareMed', ref] as const),
        ...t.erSvarPaa.map((ref) => ['erSvarPaa', ref] as const),
      ]
        .filter(([, ref]) => !defined.has(ref))
        .map(([field, ref]) => ({
          file: catalogue.file.path,
          code: 'REPLY_TYPE_UNDEFINED',
          message: `${t.id} ${field} names ${ref}, which the catalogue does not define`,
        })),
    );
  });
}

/** REPLY_ASYMMETRIC: A `kanSvareMed` B exactly when B `erSvarPaa` A. */
export function replyAsymmetric(context: LintContext): LintFinding[] {
  return context.versions.flatMap((version) => {
    const catalogue = version.catalogue;
    if (catalogue === undefined) return [];
    const byId = new Map(catalogue.meldingstyper.map((t) => [t.id, t]));
    const findings: LintFinding[] = [];
    for (const t of catalogue.meldingstyper) {
      for (const reply of t.kanSvareMed) {
        const other = byId.get(reply);
        if (other !== undefined && !other.erSvarPaa.includes(t.id))
          findings.push({
            file: catalogue.file.path,
            code: 'REPLY_ASYMMETRIC',
            message: `${t.id} kanSvareMed ${reply}, but ${reply} erSvarPaa does not list ${t.id}`,
          });
      }
      for (const request of t.erSvarPaa) {
        const other = byId.get(request);
        if (other !== undefined && !other.kanSvareMed.includes(t.id))
          findings.push({
            file: catalogue.file.path,
            code: 'REPLY_ASYMMETRIC',
            message: `${t.id} erSvarPaa ${request}, but ${request} kanSvareMed does not list ${t.id}`,
          });
      }
    }
    return findings;
  });
}
