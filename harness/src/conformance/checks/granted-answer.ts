import type { ReplyType } from '@fiks-faktura/sdk';
import type { StepUnderJudgement } from './check-definition.js';
import { readableAnswer } from './judged-answer.js';
import { field } from './vendor-answer.js';

/** A normal answer of a given type with its `utfall`, and the request it answers. */
export interface DecidedAnswer {
  readonly payload: unknown;
  readonly request: unknown;
  readonly utfall: unknown;
}

/** The answer when it is of `replyType` (with its outcome), else undefined. */
export function decidedAnswer(judged: StepUnderJudgement, replyType: ReplyType): DecidedAnswer | undefined {
  const answer = readableAnswer(judged);
  if (answer?.reply.meldingType !== replyType) return undefined;
  return {
    payload: answer.payload,
    request: judged.exchange.request.payload,
    utfall: field(answer.payload, 'utfall'),
  };
}
