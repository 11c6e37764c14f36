import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export is the namespace's `default`.
const addFormats = (ajvFormats as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

/** The schemas of the suite's own files, kept in `protocols/conformance/`. */
export type SuiteSchemaName = 'case' | 'profile' | 'data-map' | 'exemptions';

const compiled = new Map<string, ValidateFunction>();

/** The compiled validator of `protocols/conformance/<name>.schema.json` under `protocolsDir`. */
export function suiteSchemaValidator(protocolsDir: string, name: SuiteSchemaName): ValidateFunction {
  const path = join(protocolsDir, 'conformance', `${name}.schema.json`);
  let validate = compiled.get(path);
  if (validate === undefined) {
    const ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
    addFormats(ajv);
    validate = ajv.compile(JSON.parse(readFileSync(path, 'utf8')) as object);
    compiled.set(path, validate);
  }
  return validate;
}

/** Ajv errors as `<instance path> <message>` lines, every one of them. */
export function describeSchemaErrors(errors: readonly ErrorObject[] | null | undefined): string[] {
  return (errors ?? []).map((e) => {
    const params = e.params as Record<string, unknown>;
    const extra = params['additionalProperty'] ?? params['allowedValues'];
    const detail = extra === undefined ? '' : ` (${Array.isArray(extra) ? extra.join(', ') : String(extra)})`;
    return `${e.instancePath || '/'} ${e.message ?? e.keyword}${detail}`;
  });
}
