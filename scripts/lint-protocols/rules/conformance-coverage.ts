import type { Assertion } from '../../../harness/src/conformance/model/resolved-case.js';
import { countCases, loadSuite, payersOf } from '../../../harness/src/conformance/suite/index.js';
import type { LintContext, LintFinding } from '../lint-context.js';
import { hasSuite, LINT_DAY, loadedSuite, readExemptions } from './conformance-suite.js';

const AARSAK_PATH = '$.aarsak.kodeverdi';

function expectedCodes(assertion: Assertion): unknown[] {
  if (assertion.path !== AARSAK_PATH) return [];
  if (assertion.op === 'equals') return [assertion.value];
  if (assertion.op === 'in') return assertion.values ?? [];
  return [];
}

/**
 * CASE_COVERAGE_REPLY_TYPE / CASE_COVERAGE_AARSAKSKODE: in a protocol version with a suite, every
 * reply type of the catalogue and every `aarsakskoder` value is expected by at least one case,
 * unless `conformance/exemptions.json` exempts it with a reason; EXEMPTION_STALE: an exempted
 * type or code that a case expects after all.
 */
export function conformanceCoverage(context: LintContext): LintFinding[] {
  if (!hasSuite(context)) return [];
  const loaded = loadedSuite(context);
  if (loaded.suite === undefined) return [];
  const findings: LintFinding[] = [];
  for (const version of context.versions) {
    const cases = [...loaded.resolved.values()].filter(
      (e) =>
        e.resolved !== undefined &&
        e.resolved.protocol === version.protocol &&
        e.resolved.version === version.version,
    );
    if (cases.length === 0) continue;
    let exemptions: ReturnType<typeof readExemptions>;
    try {
      exemptions = readExemptions(version.absolutePath);
    } catch {
      continue; // EXEMPTIONS_INVALID reports it
    }
    const file = `${version.path}/conformance`;
    const steps = cases.flatMap((e) => e.resolved?.steps ?? []);
    const expectedTypes = new Set(steps.flatMap((s) => s.expect.replyTypes));
    const expectedCodeSet = new Set(
      steps.flatMap((s) => s.expect.assertions.flatMap(expectedCodes)).map(String),
    );
    const exemptTypes = new Set((exemptions?.replyTypes ?? []).map((x) => x.type));
    const exemptCodes = new Set((exemptions?.aarsakskoder ?? []).map((x) => x.kodeverdi));
    const replyTypes = new Set((version.catalogue?.meldingstyper ?? []).flatMap((t) => t.kanSvareMed ?? []));
    for (const type of (version.catalogue?.meldingstyper ?? []).filter((t) => replyTypes.has(t.id))) {
      const expected = expectedTypes.has(type.id);
      if (!expected && !exemptTypes.has(type.id)) {
        findings.push({
          file,
          code: 'CASE_COVERAGE_REPLY_TYPE',
          message: `no case expects the reply type ${type.id} (add a case, or exempt it with a reason in exemptions.json)`,
        });
      }
      if (expected && exemptTypes.has(type.id)) {
        findings.push({
          file,
          code: 'EXEMPTION_STALE',
          message: `${type.id} is exempted, yet a case expects it: drop the exemption`,
        });
      }
    }
    const aarsak = version.codeLists.find((l) => l.file.path.endsWith('.aarsakskoder.json'));
    for (const { kodeverdi } of aarsak?.kodeliste ?? []) {
      const expected = expectedCodeSet.has(kodeverdi);
      if (!expected && !exemptCodes.has(kodeverdi)) {
        findings.push({
          file,
          code: 'CASE_COVERAGE_AARSAKSKODE',
          message: `no case expects aarsak.kodeverdi ${kodeverdi} (add a case, or exempt it with a reason in exemptions.json)`,
        });
      }
      if (expected && exemptCodes.has(kodeverdi)) {
        findings.push({
          file,
          code: 'EXEMPTION_STALE',
          message: `${kodeverdi} is exempted, yet a case expects it: drop the exemption`,
        });
      }
    }
  }
  return findings;
}

/** CASE_BOOKING_CONFLICT: no two booking cases refer to the same fixture invoice (each would find the ledger changed by the other). */
export function conformanceBookingConflicts(context: LintContext): LintFinding[] {
  const owner = new Map<string, string>();
  const findings: LintFinding[] = [];
  for (const entry of loadedSuite(context).resolved.values()) {
    const resolved = entry.resolved;
    if (resolved === undefined || !resolved.books) continue;
    for (const invoice of resolved.invoices) {
      const other = owner.get(invoice);
      if (other !== undefined) {
        findings.push({
          file: `${entry.source}/case.json`,
          code: 'CASE_BOOKING_CONFLICT',
          message: `books on fixture invoice ${invoice}, which the booking case ${other} also uses`,
        });
      } else owner.set(invoice, resolved.id);
    }
  }
  return findings;
}

/**
 * CASE_COMMENT_LIMIT: the comment cases together send each fixture payer fewer comments than the
 * default profile's `comments.maxPerPayerPerDay` (every step counts, resends included).
 */
export function conformanceCommentLimit(context: LintContext): LintFinding[] {
  const loaded = loadedSuite(context);
  const profile = loaded.profile;
  if (loaded.suite === undefined || profile === undefined) return [];
  const perPayer = new Map<string, { count: number; cases: string[] }>();
  for (const c of loaded.suite.cases) {
    // A generated case's request is invalid: refused with ugyldigforespoersel, it is no comment to count.
    if (!c.protocol.endsWith('.kommentar') || c.generated === true) continue;
    let payers: string[];
    try {
      payers = payersOf(c, {
        today: LINT_DAY,
        profile,
        ...(loaded.ledger === undefined ? {} : { ledger: loaded.ledger }),
      });
    } catch {
      continue; // reported by conformanceCaseResolves
    }
    for (const payer of payers) {
      const tally = perPayer.get(payer) ?? { count: 0, cases: [] };
      tally.count += c.descriptor.steps.length;
      tally.cases.push(c.id);
      perPayer.set(payer, tally);
    }
  }
  const limit = profile.comments.maxPerPayerPerDay;
  return [...perPayer.entries()]
    .filter(([, tally]) => tally.count >= limit)
    .map(([payer, tally]) => ({
      file: 'conformance/default-profile.json',
      code: 'CASE_COMMENT_LIMIT',
      message: `the comment cases send payer ${payer} ${tally.count} comments (${tally.cases.join(', ')}); the profile allows ${limit} per day, and the suite must stay under it`,
    }));
}

/**
 * `conformance cases: <protocol>/<version>: n N, n F, n generated, n in all` lines for the suite
 * under `root` (N and F hand-written; generated: the negative cases generated from the schemas,
 * all F), then `n dropped` for the mutations the generator could not make fail alone (nothing
 * when the suite has no cases, or it does not load: the lint reports why).
 */
export function conformanceSummary(root: string): string[] {
  let suite: ReturnType<typeof loadSuite>;
  try {
    suite = loadSuite({ root });
  } catch {
    return [];
  }
  const lines = countCases(suite.cases).map(
    (row) =>
      `conformance cases: ${row.protocol}/${row.version}: ${row.N} N, ${row.F} F, ${row.generated} generated, ${row.N + row.F + row.generated} in all`,
  );
  const dropped = suite.dropped?.length ?? 0;
  return suite.cases.length === 0
    ? []
    : [
        ...lines,
        `conformance cases: ${suite.cases.length} in all (${dropped} schema mutation(s) dropped: fiks-conformance list --dropped)`,
      ];
}
