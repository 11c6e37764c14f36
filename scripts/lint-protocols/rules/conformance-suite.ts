import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  type CaseDescriptor,
  loadProfile,
  loadSuite,
  type Profile,
  type ResolvedCase,
  type ResolvedLedger,
  resolveCase,
  resolveLedger,
  type Suite,
  SuiteError,
} from '../../../harness/src/conformance/suite/index.js';
import { readFixtureLedger } from '../../../protocols/fixtures/ledger.js';
import type { CalendarDate } from '../../../sdk/src/rules/calendar-date.js';
import type { LintContext, LintFinding } from '../lint-context.js';

/** The day the lint resolves cases on (any day works; the suite tests try many). */
export const LINT_DAY = '2026-03-02' as CalendarDate;

/** The suite as the conformance lint rules see it: loaded once per lint run. */
export interface LoadedSuite {
  suite: Suite | undefined;
  /** Problems that stopped the suite from loading. */
  loadFindings: LintFinding[];
  profile: Profile | undefined;
  ledger: ResolvedLedger | undefined;
  /** Each case resolved on {@link LINT_DAY} with the root's default profile, or the error. */
  resolved: Map<
    string,
    { descriptor: CaseDescriptor; source: string; resolved?: ResolvedCase; error?: SuiteError }
  >;
}

const cache = new WeakMap<LintContext, LoadedSuite>();

/** True when the root has a conformance suite to lint (its schemas, or any case folder). */
export function hasSuite(context: LintContext): boolean {
  return (
    existsSync(join(context.root, 'conformance', 'case.schema.json')) ||
    context.versions.some((v) => existsSync(join(v.absolutePath, 'conformance')))
  );
}

/** Loads (once per context) the suite, the root's default profile and fixture ledger, and resolves every case. */
export function loadedSuite(context: LintContext): LoadedSuite {
  const cached = cache.get(context);
  if (cached !== undefined) return cached;
  const result: LoadedSuite = {
    suite: undefined,
    loadFindings: [],
    profile: undefined,
    ledger: undefined,
    resolved: new Map(),
  };
  cache.set(context, result);
  if (!hasSuite(context)) return result;
  try {
    result.suite = loadSuite({ root: context.root });
  } catch (error) {
    result.loadFindings = findingsOf(error, 'conformance');
    return result;
  }
  const profilePath = join(context.root, 'conformance', 'default-profile.json');
  try {
    result.profile = loadProfile(profilePath);
  } catch (error) {
    result.loadFindings = findingsOf(error, 'conformance/default-profile.json');
    return result;
  }
  const ledgerPath = join(context.root, 'fixtures', 'ledger.json');
  if (existsSync(ledgerPath)) {
    try {
      result.ledger = resolveLedger(LINT_DAY, undefined, readFixtureLedger(ledgerPath));
    } catch {
      // The fixture rules report an unreadable ledger.
    }
  }
  for (const c of result.suite.cases) {
    const entry: LoadedSuite['resolved'] extends Map<string, infer V> ? V : never = {
      descriptor: c.descriptor,
      source: c.source,
    };
    try {
      entry.resolved = resolveCase(c, {
        today: LINT_DAY,
        profile: result.profile,
        ...(result.ledger === undefined ? {} : { ledger: result.ledger }),
        now: () => new Date('2026-03-02T08:00:00Z'),
      });
    } catch (error) {
      if (!(error instanceof SuiteError)) throw error;
      entry.error = error;
    }
    result.resolved.set(c.id, entry);
  }
  return result;
}

/** A suite error as findings: one per listed problem (`<file>: <message>`), else one. */
function findingsOf(error: unknown, fallbackFile: string): LintFinding[] {
  if (!(error instanceof SuiteError)) throw error;
  const problems = error.details?.['problems'];
  if (Array.isArray(problems) && problems.length > 0) {
    return problems.map((problem) => {
      const text = String(problem);
      const colon = text.indexOf(': ');
      return colon > 0
        ? { file: text.slice(0, colon), code: error.code, message: text.slice(colon + 2) }
        : { file: fallbackFile, code: error.code, message: text };
    });
  }
  return [{ file: fallbackFile, code: error.code, message: error.message }];
}

/** The JSON of `<version>/conformance/exemptions.json`, or undefined. */
export function readExemptions(absoluteVersionPath: string):
  | {
      replyTypes?: { type: string; reason: string }[];
      aarsakskoder?: { kodeverdi: string; reason: string }[];
    }
  | undefined {
  const path = join(absoluteVersionPath, 'conformance', 'exemptions.json');
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8'));
}
