// What the self-test's tests share: the suite resolved for today, and a run of a few cases
// against the reference ERP, sound or wrapped by a mutant.
import { type CalendarDate, ProtocolCatalog, parseCalendarDate } from '@fiks-faktura/sdk';
import type { ResolvedCase } from '../../src/conformance/model/resolved-case.js';
import { loadProfile, loadSuite, resolveCase } from '../../src/conformance/suite/index.js';
import { selectCasesByGlob } from '../../src/selftest/case-selection.js';

export const today: CalendarDate = parseCalendarDate(new Date().toISOString().slice(0, 10));
export const catalog = ProtocolCatalog.load();
export const strictCatalog = ProtocolCatalog.load({ strict: true });

let suite: ResolvedCase[] | undefined;

/** The committed cases (not the generated ones) whose ids match `globs`. */
export function casesMatching(globs: readonly string[]): ResolvedCase[] {
  suite ??= loadSuite({ generated: false }).cases.map((c) =>
    resolveCase(c, { today, profile: loadProfile() }),
  );
  return selectCasesByGlob(suite, globs);
}

/** What every run of the tests shares. */
export const runOptions = { today, catalog, strictCatalog } as const;
