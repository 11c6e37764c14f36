import type { ProtocolCatalog } from '@fiks-faktura/sdk';
import type { RecordedExchange, RecordedRequest } from '../model/recorded-exchange.js';
import type { ResolvedCase, ResolvedStep } from '../model/resolved-case.js';
import type { ConformanceTarget } from './conformance-target.js';
import type { ReplyCollector } from './reply-collector.js';
import { sendStep } from './request-sender.js';

/** What running a case needs. */
export interface CaseRunContext {
  target: ConformanceTarget;
  catalog: ProtocolCatalog;
  collector: ReplyCollector;
  /** After the deadline, how much longer to wait so a late answer is seen as late, not as missing. */
  lateGraceMs: number;
  /** After the last step's answer, how long to keep listening for a second or stray answer. */
  settleMs: number;
  /** Replaces the catalogue's answer deadline (`svarfristMs`) of every request type. */
  deadlineMs?: number;
}

const DEFAULT_DEADLINE_MS = 10_000;

/** The step as it is sent: a resend carries the payload of the step it repeats. */
function stepToSend(testCase: ResolvedCase, step: ResolvedStep): ResolvedStep {
  if (step.kind !== 'resend' || step.resendOf === undefined) return step;
  const original = testCase.steps[step.resendOf - 1];
  if (original === undefined) return step;
  return { ...original, kind: 'resend', resendOf: step.resendOf, expect: step.expect };
}

interface SentStep {
  step: number;
  request?: RecordedRequest;
  sentAt: number;
  acceptedAt?: number;
  deadlineMs: number;
  harnessError?: { code: string; message: string };
}

/**
 * Runs one attempt of a case: its steps in order, each sent and its first answer awaited (up to
 * the deadline and a grace to recognise a late answer), then a short settle window for second
 * answers. Returns one recorded exchange per step that was attempted; a step that could not be
 * sent ends the case with a harness error (later steps depend on the earlier answers).
 */
export async function runCaseAttempt(
  testCase: ResolvedCase,
  attempt: number,
  ctx: CaseRunContext,
): Promise<RecordedExchange[]> {
  const { target, catalog, collector } = ctx;
  const sent: SentStep[] = [];
  for (const [index, declared] of testCase.steps.entries()) {
    const step = stepToSend(testCase, declared);
    const deadlineMs = ctx.deadlineMs ?? catalog.entry(step.requestType)?.deadlineMs ?? DEFAULT_DEADLINE_MS;
    const outcome = await sendStep(target.harness, catalog, target.vendorKontoId, step, deadlineMs);
    if (!outcome.ok) {
      sent.push({ step: index + 1, sentAt: outcome.sentAt, deadlineMs, harnessError: outcome.error });
      break;
    }
    sent.push({
      step: index + 1,
      request: outcome.request,
      sentAt: outcome.sentAt,
      acceptedAt: outcome.acceptedAt,
      deadlineMs,
    });
    const waitMs = deadlineMs - (Date.now() - outcome.sentAt) + ctx.lateGraceMs;
    await collector.firstReply(outcome.request.meldingId, waitMs);
  }
  await new Promise((resolve) => setTimeout(resolve, ctx.settleMs));
  return Promise.all(sent.map((s) => exchangeOf(s, attempt, ctx)));
}

async function exchangeOf(sent: SentStep, attempt: number, ctx: CaseRunContext): Promise<RecordedExchange> {
  const { target } = ctx;
  const replies = sent.request === undefined ? [] : ctx.collector.repliesTo(sent.request.meldingId);
  const first = replies[0];
  const points =
    sent.request === undefined || target.platformTimeline === undefined
      ? {}
      : await target.platformTimeline.pointsOf(sent.request.meldingId, first?.meldingId);
  const acceptedAt = points.acceptedAt ?? sent.acceptedAt;
  return {
    step: sent.step,
    attempt,
    request: sent.request ?? {
      meldingId: '',
      meldingType: '',
      payload: undefined,
      attachments: [],
      headers: {},
    },
    replies,
    timeline: {
      sentAt: sent.sentAt,
      ...(acceptedAt === undefined ? {} : { acceptedAt }),
      ...(points.deliveredAt === undefined ? {} : { deliveredAt: points.deliveredAt }),
      ...(points.answerAcceptedAt === undefined ? {} : { answerAcceptedAt: points.answerAcceptedAt }),
      ...(first === undefined ? {} : { answerReceivedAt: first.receivedAt }),
      source: target.platformTimeline === undefined ? 'harness' : 'emulator',
    },
    deadlineMs: sent.deadlineMs,
    harnessKontoId: target.harness.connection.kontoId,
    vendorKontoId: target.vendorKontoId,
    ...(sent.harnessError === undefined ? {} : { harnessError: sent.harnessError }),
  };
}
