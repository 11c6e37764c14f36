import { createLintContext, type LintFinding } from './lint-context.js';
import { lintRules } from './lint-rules.js';

/** Runs every lint rule over a protocols root; findings sorted by file, then rule order. */
export function lintProtocols(root: string): LintFinding[] {
  const context = createLintContext(root);
  const findings = lintRules.flatMap((rule) => rule(context));
  return findings
    .map((finding, order) => ({ finding, order }))
    .sort((a, b) =>
      a.finding.file < b.finding.file ? -1 : a.finding.file > b.finding.file ? 1 : a.order - b.order,
    )
    .map((x) => x.finding);
}

/** One output line: `<file>: <RULE_CODE> <message>`. */
export function formatFinding(finding: LintFinding): string {
  return `${finding.file}: ${finding.code} ${finding.message}`;
}
