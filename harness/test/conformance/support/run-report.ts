// Reading a run's report.json and checking it against the report's JSON Schema.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { readFixtureLedger } from '@fiks-faktura/reference-erp';
import Ajv2020 from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { reportSchemaPath } from '../../../src/conformance/report/index.js';

/** The parts of report.json these tests read. */
export interface ReportView {
  target: string;
  timingSource: string;
  cases: {
    id: string;
    verdict: string;
    reason?: string;
    checks: { id: string; verdict: string; message: string }[];
  }[];
}

/** Reads report.json from `dir`, validated against the schema (throws listing every error). */
export async function readValidReport(dir: string): Promise<{ report: ReportView; text: string }> {
  const text = await readFile(join(dir, 'report.json'), 'utf8');
  const report = JSON.parse(text) as unknown;
  const ajv = new Ajv2020.default({ allErrors: true, strict: false });
  addFormats.default(ajv);
  const validate = ajv.compile(JSON.parse(await readFile(reportSchemaPath, 'utf8')) as object);
  if (!validate(report)) throw new Error(`report.json fails its schema: ${ajv.errorsText(validate.errors)}`);
  const view = report as { target: string; timing: { source: string }; cases: ReportView['cases'] };
  return { report: { target: view.target, timingSource: view.timing.source, cases: view.cases }, text };
}

/** Cases that did not pass, with their first failing checks, for assertion messages. */
export function notPassing(report: ReportView): string {
  return report.cases
    .filter((c) => c.verdict !== 'pass')
    .map(
      (c) =>
        `${c.id} ${c.verdict}${c.reason ? ` (${c.reason})` : ''}: ${c.checks
          .filter((k) => k.verdict === 'fail' || k.verdict === 'error')
          .slice(0, 3)
          .map((k) => `${k.id}: ${k.message}`)
          .join('; ')}`,
    )
    .join('\n');
}

/** Every personal identifier of the fixture ledger (fødselsnummer), which must never appear in a report. */
export function fixtureFoedselsnumre(): string[] {
  return readFixtureLedger()
    .betalere.map((b) => b.foedselsnummer)
    .filter((f): f is string => f !== undefined);
}
