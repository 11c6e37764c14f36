import type { MessageTypeEntry } from '@fiks-faktura/sdk';
import type { RecordedReply } from '../model/recorded-exchange.js';
import type { StepUnderJudgement } from './check-definition.js';
import { vendorAnswer } from './vendor-answer.js';

/** The vendor's answer to a step when the rules can read it: a catalogue type with a parsed payload. */
export interface ReadableAnswer {
  readonly reply: RecordedReply;
  readonly entry: MessageTypeEntry;
  readonly payload: unknown;
}

/** The step's answer as the normative rules read it, or undefined when there is nothing to read. */
export function readableAnswer(
  judged: Pick<StepUnderJudgement, 'exchange' | 'context'>,
): ReadableAnswer | undefined {
  const reply = vendorAnswer(judged.exchange);
  if (reply === undefined || reply.opened?.ok !== true || reply.opened.payload === undefined)
    return undefined;
  const entry = judged.context.catalog.entry(reply.meldingType);
  return entry === undefined ? undefined : { reply, entry, payload: reply.opened.payload };
}
