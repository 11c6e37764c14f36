import type { CheckResult } from '../model/check-result.js';
import type { ExchangeTimeline } from '../model/recorded-exchange.js';
import { type CheckDefinition, type StepUnderJudgement, suiteClause } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';

/** The citizen's wait: from sending the request to the answer in hand, within the request type's deadline. */
export const DEADLINE: CheckDefinition = {
  id: 'deadline',
  severity: 'failure',
  spec: suiteClause('deadline'),
  title: "The answer arrived within the request type's deadline (sent → answer received)",
};

/** Platform and vendor time apart, where the emulator supplied the platform's points. */
function split(timeline: ExchangeTimeline): string {
  const { deliveredAt, answerAcceptedAt, sentAt, answerReceivedAt } = timeline;
  if (timeline.source !== 'emulator' || deliveredAt === undefined || answerAcceptedAt === undefined)
    return '';
  const vendor = answerAcceptedAt - deliveredAt;
  const total = (answerReceivedAt ?? answerAcceptedAt) - sentAt;
  return ` (the vendor's own time ${vendor} ms, Fiks IO ${total - vendor} ms)`;
}

/**
 * Judges the deadline of one step: no answer and a late answer fail, and so does a request the
 * platform could not deliver (the vendor did not acknowledge it). A request that expired unread
 * (`tidsavbrudd`) is the platform's report, not the vendor's answer: the step is an error, never
 * the vendor's failure, unless the step expects exactly that.
 */
export function deadlineCheck(judged: StepUnderJudgement): CheckResult[] {
  const { step, exchange } = judged;
  const outcome = outcomeOf(DEADLINE, judged);
  const first = exchange.replies[0];
  const limit = exchange.deadlineMs;
  if (first === undefined) {
    return [
      outcome.fail(
        `no answer within ${limit} ms to ${exchange.request.meldingType} (meldingId ${exchange.request.meldingId}).`,
      ),
    ];
  }
  if (first.platformMessage !== undefined) {
    if (step.expect.replyTypes.includes(first.meldingType)) {
      return [
        outcome.pass(
          `Fiks IO reported ${first.platformMessage} (${first.meldingType}), as the step expects.`,
        ),
      ];
    }
    if (first.platformMessage === 'tidsavbrudd')
      return [
        outcome.error(
          `not judged: Fiks IO reports that the request expired unread (tidsavbrudd, ${first.meldingType}, sent by the platform, not by the vendor); it never reached the vendor's system within ${limit} ms, so the vendor cannot be judged on it. Check that the vendor's system consumes its queue, and the platform.`,
        ),
      ];
    return [
      outcome.fail(
        `no answer: Fiks IO reports that it could not deliver the request (serverfeil, ${first.meldingType}); the vendor's system did not acknowledge it.`,
      ),
    ];
  }
  const receivedAt = exchange.timeline.answerReceivedAt ?? first.receivedAt;
  const elapsed = receivedAt - exchange.timeline.sentAt;
  const detail = split(exchange.timeline);
  return elapsed <= limit
    ? [outcome.pass(`answered in ${elapsed} ms, within the deadline of ${limit} ms${detail}.`)]
    : [outcome.fail(`answered in ${elapsed} ms, later than the deadline of ${limit} ms${detail}.`)];
}
