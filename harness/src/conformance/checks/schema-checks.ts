import type { PayloadValidator } from '@fiks-faktura/sdk';
import type { CheckResult } from '../model/check-result.js';
import type { RecordedReply } from '../model/recorded-exchange.js';
import {
  type CheckDefinition,
  protocolClause,
  type StepUnderJudgement,
  suiteClause,
} from './check-definition.js';
import { type CheckOutcome, outcomeOf } from './check-outcome.js';
import { vendorAnswer } from './vendor-answer.js';

/** The payload is valid against the reply type's JSON Schema. */
export const PAYLOAD_SCHEMA: CheckDefinition = {
  id: 'payload.schema',
  severity: 'failure',
  spec: protocolClause('fields'),
  title: "The payload is valid against the reply type's JSON Schema",
};

/** The payload holds no field the specification does not name (a warning: readers are tolerant). */
export const STRICT_OVERLAY: CheckDefinition = {
  id: 'payload.strict-overlay',
  severity: 'warning',
  spec: suiteClause('strict-overlay'),
  title: 'The payload holds no field the specification does not name',
};

type PayloadError = Extract<
  ReturnType<PayloadValidator['validatePayload']>,
  { valid: false }
>['errors'][number];

const UNKNOWN_FIELD_KEYWORDS = new Set(['unevaluatedProperties', 'additionalProperties']);

/** One schema error for a vendor: where, and what was expected there. */
function describe(error: PayloadError): string {
  return `${error.felt || '/'}: ${error.melding} (${error.keyword})`;
}

type Readable = { reply: RecordedReply; payload: unknown } | { skip: string } | { fail: string } | undefined;

/** The answer's payload when there is one to validate, or why there is none. */
function readable(judged: StepUnderJudgement): Readable {
  const reply = vendorAnswer(judged.exchange);
  if (reply === undefined || judged.context.catalog.entry(reply.meldingType) === undefined) return undefined;
  const opened = reply.opened;
  if (opened === undefined) return { skip: 'the reply has no payload to validate (see payload.file-name).' };
  if (!opened.ok) return { skip: 'the reply could not be opened, so its payload was not validated.' };
  if (opened.payload !== undefined) return { reply, payload: opened.payload };
  const hasJson = opened.files.some((f) => f.name.toLowerCase().endsWith('.json'));
  return hasJson
    ? { fail: `the payload is not readable JSON: ${opened.payloadError ?? 'unknown reason'}.` }
    : { skip: 'the reply holds no JSON payload file to validate (see payload.file-name).' };
}

function validate(
  outcome: CheckOutcome,
  run: () => ReturnType<PayloadValidator['validatePayload']>,
): ReturnType<PayloadValidator['validatePayload']> | CheckResult {
  try {
    return run();
  } catch (error) {
    return outcome.error(`the schema could not be applied: ${(error as Error).message}`);
  }
}

/** The payload is schema-valid; every failing field is listed with what was expected. */
export function schemaCheck(judged: StepUnderJudgement): CheckResult[] {
  const found = readable(judged);
  if (found === undefined) return [];
  const outcome = outcomeOf(PAYLOAD_SCHEMA, judged);
  if ('skip' in found) return [outcome.skip(found.skip)];
  if ('fail' in found) return [outcome.fail(found.fail)];
  const type = found.reply.meldingType;
  const result = validate(outcome, () => judged.context.catalog.validate(type, found.payload));
  if ('verdict' in result) return [result];
  if (result.valid) return [outcome.pass(`the payload is valid against the schema of ${type}.`)];
  return [
    outcome.fail(
      `the payload is not valid against the schema of ${type}: ${result.errors.length} error(s): ${result.errors
        .map(describe)
        .join('; ')}.`,
    ),
  ];
}

/** Fields the strict overlay rejects (unknown properties), named one by one. */
export function strictOverlayCheck(judged: StepUnderJudgement): CheckResult[] {
  const found = readable(judged);
  if (found === undefined || !('payload' in found)) return [];
  const outcome = outcomeOf(STRICT_OVERLAY, judged);
  const type = found.reply.meldingType;
  const result = validate(outcome, () => judged.context.strictCatalog.validate(type, found.payload));
  if ('verdict' in result) return [result];
  const unknown = result.valid ? [] : result.errors.filter((e) => UNKNOWN_FIELD_KEYWORDS.has(e.keyword));
  const fields = [...new Set(unknown.map((e) => e.felt))];
  if (fields.length === 0) return [outcome.pass('the payload holds only fields the specification names.')];
  return [
    outcome.fail(
      `the payload holds ${fields.length} field(s) the specification does not name (tolerant readers ignore them): ${fields.join(', ')}.`,
    ),
  ];
}
