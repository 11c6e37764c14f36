import type { CheckResult } from '../model/check-result.js';
import type { RecordedReply, RecordedRequest } from '../model/recorded-exchange.js';
import { type CheckDefinition, type StepUnderJudgement, suiteClause } from './check-definition.js';
import { outcomeOf } from './check-outcome.js';

/** In a burst, every request gets its own answer and no answer belongs to another request. */
export const BURST_CORRELATION: CheckDefinition = {
  id: 'burst.correlation',
  severity: 'failure',
  spec: suiteClause('messaging-faults'),
  title:
    'In a burst every request got exactly one answer, to its own meldingId, echoing its own foresporselId (nothing mis-correlated)',
};

/** In a burst, the 99th percentile of the citizens' waits is within the deadline. */
export const BURST_DEADLINE: CheckDefinition = {
  id: 'burst.deadline-p99',
  severity: 'failure',
  spec: suiteClause('messaging-faults'),
  title:
    "In a burst the 99th percentile of the waits (sent → answer received) is within the request type's deadline",
};

interface Copy {
  request: RecordedRequest;
  replies: RecordedReply[];
  sentAt: number;
}

function foresporselIdOf(value: unknown): string | undefined {
  const id = (value as { foresporselId?: unknown } | null | undefined)?.foresporselId;
  return typeof id === 'string' ? id : undefined;
}

/** The nearest-rank percentile of sorted values. */
function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function copiesOf(judged: StepUnderJudgement): Copy[] {
  const { exchange } = judged;
  return [
    { request: exchange.request, replies: exchange.replies, sentAt: exchange.timeline.sentAt },
    ...(exchange.burst ?? []).map((c) => ({
      request: c.request,
      replies: c.replies,
      sentAt: c.timeline.sentAt,
    })),
  ];
}

/** What is wrong with one copy's answers, or undefined. */
function miscorrelation(copy: Copy, i: number): string | undefined {
  const vendorReplies = copy.replies.filter((r) => r.platformMessage === undefined);
  const label = `copy ${i + 1} (meldingId ${copy.request.meldingId})`;
  if (vendorReplies.length !== 1) return `${label} got ${vendorReplies.length} answers`;
  const reply = vendorReplies[0]!;
  if (reply.svarPaMelding?.toLowerCase() !== copy.request.meldingId.toLowerCase())
    return `${label} was answered with svarPaMelding ${reply.svarPaMelding ?? 'unset'}`;
  const asked = foresporselIdOf(copy.request.payload);
  const opened = reply.opened?.ok === true ? reply.opened.payload : undefined;
  const echoed = foresporselIdOf(opened);
  if (asked !== undefined && echoed !== undefined && echoed !== asked)
    return `${label} asked with foresporselId ${asked}, but its answer (${reply.meldingType}) is for ${echoed}`;
  return undefined;
}

/** A burst step: every copy answered once, by its own answer. */
export function burstCorrelationCheck(judged: StepUnderJudgement): CheckResult[] {
  if (judged.exchange.burst === undefined) return [];
  const outcome = outcomeOf(BURST_CORRELATION, judged);
  const copies = copiesOf(judged);
  const problems = copies.flatMap((c, i) => miscorrelation(c, i) ?? []);
  if (problems.length === 0)
    return [outcome.pass(`all ${copies.length} requests of the burst got exactly their own answer.`)];
  const shown = problems.slice(0, 5).join('; ');
  const more = problems.length > 5 ? `; and ${problems.length - 5} more` : '';
  return [outcome.fail(`${problems.length} of ${copies.length} requests of the burst: ${shown}${more}.`)];
}

/** A burst step: the p99 of the waits within the deadline; a copy without answer counts as over it. */
export function burstDeadlineCheck(judged: StepUnderJudgement): CheckResult[] {
  const { exchange } = judged;
  if (exchange.burst === undefined) return [];
  const outcome = outcomeOf(BURST_DEADLINE, judged);
  const limit = exchange.deadlineMs;
  const waits = copiesOf(judged)
    .map((c) => {
      const first = c.replies.find((r) => r.platformMessage === undefined);
      return first === undefined ? Number.POSITIVE_INFINITY : first.receivedAt - c.sentAt;
    })
    .sort((a, b) => a - b);
  const p99 = percentile(waits, 99);
  const p50 = percentile(waits, 50);
  const shown = (ms: number) => (Number.isFinite(ms) ? `${ms} ms` : 'no answer');
  const summary = `${waits.length} requests at once: p50 ${shown(p50)}, p99 ${shown(p99)}, max ${shown(waits.at(-1)!)}`;
  return p99 <= limit
    ? [outcome.pass(`${summary}, within the deadline of ${limit} ms.`)]
    : [outcome.fail(`${summary}; the p99 is over the deadline of ${limit} ms.`)];
}
