import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createAjv } from '@fiks-faktura/sdk';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';

/** The schemas of the suite's own files, kept in `protocols/conformance/`. */
export type SuiteSchemaName = 'case' | 'profile' | 'data-map' | 'exemptions';

const compiled = new Map<string, ValidateFunction>();

/** The compiled validator of `protocols/conformance/<name>.schema.json` under `protocolsDir`. */
export function suiteSchemaValidator(protocolsDir: string, name: SuiteSchemaName): ValidateFunction {
  const path = join(protocolsDir, 'conformance', `${name}.schema.json`);
  let validate = compiled.get(path);
  if (validate === undefined) {
    const ajv = createAjv();
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
