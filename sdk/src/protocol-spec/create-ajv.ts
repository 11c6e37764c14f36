import { Ajv2020 } from 'ajv/dist/2020.js';
import * as ajvFormats from 'ajv-formats';

// ajv-formats is CommonJS; under NodeNext its default export is the namespace's `default`.
const addFormats = (ajvFormats as unknown as { default: (ajv: Ajv2020) => Ajv2020 }).default;

/**
 * An Ajv for the protocols' JSON Schemas: draft 2020-12, formats asserted (ajv-formats), all
 * errors collected, tolerant of annotation keywords it does not know.
 */
export function createAjv(): Ajv2020 {
  const ajv = new Ajv2020({ allErrors: true, strict: false, logger: false });
  addFormats(ajv);
  return ajv;
}
