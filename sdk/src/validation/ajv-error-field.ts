import type { ErrorObject } from 'ajv/dist/2020.js';
import { escapePointerSegment } from './json-pointer.js';

/**
 * The field an Ajv error is about, as a JSON pointer: its `instancePath`, extended by the property
 * a `required`, `unevaluatedProperties` or `additionalProperties` error names (Ajv reports those
 * at the parent object).
 */
export function ajvErrorField(error: Pick<ErrorObject, 'instancePath' | 'params'>): string {
  const params = error.params as Record<string, unknown>;
  const property = params['missingProperty'] ?? params['unevaluatedProperty'] ?? params['additionalProperty'];
  return typeof property === 'string'
    ? `${error.instancePath}/${escapePointerSegment(property)}`
    : error.instancePath;
}
