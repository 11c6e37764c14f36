import { readFileSync } from 'node:fs';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';
import { reportSchemaPath } from '../../../src/conformance/report/index.js';

// ajv-formats is CommonJS; under NodeNext its default export is the namespace's `default`.
const addFormats = (ajvFormats as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

let validator: ValidateFunction | undefined;

/** The schema violations of `report` against `report.schema.json` (strict Ajv), empty when valid. */
export function reportSchemaErrors(report: unknown): string[] {
  if (validator === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictTypes: false });
    addFormats(ajv);
    validator = ajv.compile(JSON.parse(readFileSync(reportSchemaPath, 'utf8')) as object);
  }
  return validator(JSON.parse(JSON.stringify(report)))
    ? []
    : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
