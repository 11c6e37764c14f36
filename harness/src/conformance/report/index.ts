/**
 * The reports of a conformance run: `report.json` (schema `report.schema.json`), `junit.xml`,
 * `report.html`, the live console progress, the run's verdict and exit code, expected failures,
 * `--repeat` attempts combined, and the masking of personal data in everything written.
 */
import { fileURLToPath } from 'node:url';

export { applyExpectedFailures } from './apply-expected-failures.js';
export { buildRunReport, caseReport } from './build-run-report.js';
export { countsAsFailure, exitCodeOfCases } from './case-outcome.js';
export { combineAttempts } from './combine-attempts.js';
export { ConsoleProgress } from './console-progress.js';
export { consoleStyle, wantsColour } from './console-style.js';
export { durationsOf } from './exchange-report.js';
export {
  type ExpectedFailureEntry,
  type ExpectedFailures,
  expectedFailuresSchemaPath,
  loadExpectedFailures,
  parseExpectedFailures,
} from './expected-failures.js';
export { renderHtmlReport } from './html/render-html-report.js';
export { writeJunitXml } from './junit-xml.js';
export {
  ASTERISKS,
  FOEDSELSNUMMER_MASK,
  maskFoedselsnumreInText,
  maskPersonalData,
  NAME_MASK,
  type PersonalDataMasks,
} from './mask-personal-data.js';
export { ReportError, type ReportErrorCode } from './report-error.js';
export type * from './run-report.js';
export { durationStats, timingByRequestType } from './timing-stats.js';
export { type ReportFormat, reportFormats, writeReports } from './write-reports.js';

/** Path of the JSON Schema of `report.json`. */
export const reportSchemaPath: string = fileURLToPath(new URL('./report.schema.json', import.meta.url));
