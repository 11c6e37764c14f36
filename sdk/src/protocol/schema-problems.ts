import type { PayloadError } from '../protocol-spec/payload-validator.js';
import { describeFoundValue } from '../validation/found-value.js';
import { valueAtPointer } from '../validation/json-pointer.js';
import { ProtocolError } from './protocol-error.js';

/** One field of a payload that fails its schema: where, what the schema expects, what was found. */
export interface SchemaProblem {
  /** The field as a JSON pointer (`/faktura/0/beloep`); `/` alone is the whole payload. */
  path: string;
  /** What it must do, without the leading "must": `be string`, `be present (required)`. */
  expected: string;
  found: string;
}

/** What the field must do, in Ajv's words without the leading "must" (`be string`, `match format "date"`). */
function expectation(error: PayloadError): string {
  if (error.keyword === 'required') return 'be present (required)';
  if (error.keyword === 'unevaluatedProperties' || error.keyword === 'additionalProperties')
    return 'be absent (the schema has no such field)';
  return error.melding.replace(/^must /, '');
}

/** Each failing field of a payload, with what was expected and what was found. */
export function schemaProblems(errors: readonly PayloadError[], payload: unknown): SchemaProblem[] {
  const seen = new Set<string>();
  const problems: SchemaProblem[] = [];
  for (const error of errors) {
    const path = error.felt === '' ? '/' : error.felt;
    const problem = {
      path,
      expected: expectation(error),
      found: describeFoundValue(valueAtPointer(payload, error.felt)),
    };
    const key = `${problem.path} ${problem.expected}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  return problems;
}

/** `path: must be X, found Y; …`, one line for an error message. */
export function describeSchemaProblems(problems: readonly SchemaProblem[]): string {
  return problems.map((p) => `${p.path}: must ${p.expected}, found ${p.found}`).join('; ');
}

/**
 * `SCHEMA_INVALID` for `what` (`The X payload`, `The X answer`): the message lists every failing
 * field, `details.problems` holds them one by one and `details.errors` the validator's own output.
 */
export function schemaInvalid(
  what: string,
  payload: unknown,
  errors: readonly PayloadError[],
  details: Record<string, unknown>,
): ProtocolError {
  const problems = schemaProblems(errors, payload);
  return new ProtocolError(
    'SCHEMA_INVALID',
    `${what} fails its schema in ${problems.length} field(s): ${describeSchemaProblems(problems)}`,
    { details: { ...details, errors, problems } },
  );
}
