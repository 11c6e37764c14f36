import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { createAjv, readableFieldPath } from '@fiks-faktura/sdk';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { ReportError } from './report-error.js';

/** One entry of an expected-failures file. */
export interface ExpectedFailureEntry {
  /** A case id or a glob on case ids (`*`, `?`). */
  case: string;
  /** Why the case is known to fail; never blank. */
  reason: string;
  /** The check ids (or globs) expected to fail; any other failing check still fails the run. */
  checks?: string[];
}

/** A vendor's known gaps, as read by {@link loadExpectedFailures}. */
export interface ExpectedFailures {
  /** The file they were read from (for messages). */
  path: string;
  entries: ExpectedFailureEntry[];
}

/** Path of the schema of expected-failures files. */
export const expectedFailuresSchemaPath = join(protocolsRoot, 'conformance', 'expected-failures.schema.json');

let validator: ValidateFunction | undefined;

function validate(json: unknown): ErrorObject[] {
  validator ??= createAjv().compile(JSON.parse(readFileSync(expectedFailuresSchemaPath, 'utf8')) as object);
  return validator(json) ? [] : [...(validator.errors ?? [])];
}

/** One line per schema violation, naming the field. */
function describe(error: ErrorObject): string {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return `${readableFieldPath(error.instancePath, String(params['missingProperty']))} is required`;
    case 'additionalProperties':
      return `${readableFieldPath(error.instancePath, String(params['additionalProperty']))} is not a known field (case, reason, checks)`;
    case 'pattern':
    case 'minLength':
      return `${readableFieldPath(error.instancePath)} must not be blank`;
    default:
      return `${readableFieldPath(error.instancePath)} ${error.message ?? error.keyword}`;
  }
}

/** Checks parsed JSON against `expected-failures.schema.json`; `EXPECTED_FAILURES_INVALID` lists every error. */
export function parseExpectedFailures(json: unknown, path: string): ExpectedFailures {
  const problems = [...new Set(validate(json).map(describe))];
  if (problems.length > 0) {
    throw new ReportError(
      'EXPECTED_FAILURES_INVALID',
      `${path} does not match expected-failures.schema.json: ${problems.join('; ')}`,
      { details: { path, problems } },
    );
  }
  const entries = (json as { entries: ExpectedFailureEntry[] }).entries.map((e) => ({
    case: e.case,
    reason: e.reason,
    ...(e.checks === undefined ? {} : { checks: [...e.checks] }),
  }));
  return { path, entries };
}

/**
 * The expected-failures file at `path` (`--expect-failures FILE`), validated against
 * `protocols/conformance/expected-failures.schema.json`. Throws `EXPECTED_FAILURES_INVALID`
 * naming the file and listing every faulty field.
 */
export function loadExpectedFailures(path: string): ExpectedFailures {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ReportError(
      'EXPECTED_FAILURES_INVALID',
      `${path} cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
      { cause: error },
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ReportError('EXPECTED_FAILURES_INVALID', `${path} is not JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  return parseExpectedFailures(json, path);
}
