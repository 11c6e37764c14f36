import type { CheckResult } from '../model/check-result.js';
import { type CheckDefinition, protocolClause, type StepUnderJudgement } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';
import { vendorAnswer } from './vendor-answer.js';

/** The payload file has the catalogue's name for the reply type. */
export const PAYLOAD_FILE_NAME: CheckDefinition = {
  id: 'payload.file-name',
  severity: 'failure',
  spec: protocolClause('message-types'),
  title: "The payload file has the catalogue's name for the reply type",
};

/** The answer's ASiC-E holds the payload file the catalogue names (and none when it names none). */
export function payloadFileNameCheck(judged: StepUnderJudgement): CheckResult[] {
  const answer = vendorAnswer(judged.exchange);
  const entry = answer === undefined ? undefined : judged.context.catalog.entry(answer.meldingType);
  if (answer === undefined || entry === undefined) return [];
  const outcome = outcomeOf(PAYLOAD_FILE_NAME, judged);
  const expected = entry.payloadFileName;
  if (!entry.hasPayload || expected === undefined || expected === null) {
    return answer.harPayload
      ? [outcome.fail(`${answer.meldingType} carries no payload in the catalogue, but the reply has one.`)]
      : [outcome.pass(`${answer.meldingType} carries no payload, and the reply has none.`)];
  }
  if (!answer.harPayload || answer.opened === undefined)
    return [outcome.fail(`the reply has no payload; ${answer.meldingType} carries ${expected}.`)];
  if (!answer.opened.ok) return [outcome.skip('the reply could not be opened, so its files were not read.')];
  const names = answer.opened.files.map((f) => f.name);
  if (names.includes(expected)) return [outcome.pass(`the payload file is ${expected}.`)];
  return [
    outcome.fail(
      `the catalogue names the payload file of ${answer.meldingType} ${expected}; the reply holds ${
        names.length === 0 ? 'no files' : names.join(', ')
      }.`,
    ),
  ];
}
