import { randomUUID } from 'node:crypto';
import type { ProtocolCatalog } from '@fiks-faktura/sdk';
import type { RecordedExchange, RecordedRequest } from '../model/recorded-exchange.js';
import type { ResolvedCase, ResolvedStep } from '../model/resolved-case.js';
import type { ConformanceTarget } from './conformance-target.js';
import { followUpStep } from './follow-up.js';
import type { ReplyCollector } from './reply-collector.js';
import { type SendOutcome, sendStep } from './request-sender.js';

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
  /** Told when a step's request is sent and when its first answer arrives (or does not), for live views. */
  onStep?: (progress: StepProgress) => void;
}

/** A step's progress as it happens: its request sent, then answered (or not within the deadline and grace). */
export interface StepProgress {
  caseId: string;
  step: number;
  attempt: number;
  requestType: string;
  phase: 'sent' | 'answered' | 'unanswered';
  /** Epoch ms: when the request was sent, and when this phase was reached. */
  sentAt: number;
  at: number;
  deadlineMs: number;
  /** The first answer's type, once answered. */
  replyType?: string;
}

const DEFAULT_DEADLINE_MS = 10_000;

/** The step as it is sent: a resend carries the payload of the step it repeats. */
function stepToSend(testCase: ResolvedCase, step: ResolvedStep): ResolvedStep {
  if (step.kind !== 'resend' || step.resendOf === undefined) return step;
  const original = testCase.steps[step.resendOf - 1];
  if (original === undefined) return step;
  const { expiresUnread: _expired, copies: _copies, ...request } = original;
  return {
    ...request,
    kind: 'resend',
    resendOf: step.resendOf,
    ...(step.redeliver === true ? { redeliver: true } : {}),
    expect: step.expect,
  };
}

interface SentStep {
  step: number;
  request?: RecordedRequest;
  sentAt: number;
  acceptedAt?: number;
  deadlineMs: number;
  harnessError?: { code: string; message: string };
  /** A follow-up that could not be sent: which value an earlier answer lacked. */
  notSent?: string;
  /** The replies of this step are the request's replies [from, until) in arrival order: a redelivered request's answers are split at the redelivery. */
  from?: number;
  until?: number;
  /** The broker redelivered the request: the platform's timeline belongs to the first delivery. */
  redelivered?: boolean;
  /** A burst step's other copies. */
  copies?: { request: RecordedRequest; sentAt: number; acceptedAt: number }[];
}

/** The time to live of a request that is to expire unread: Fiks IO's minimum. */
const EXPIRING_TTL_MS = 1_000;

/** Redelivers an earlier step's request; its answers from now on belong to this step. */
async function redeliverStep(
  ctx: CaseRunContext,
  index: number,
  step: ResolvedStep,
  sent: SentStep[],
  deadlineMs: number,
): Promise<SentStep> {
  const original = sent.find((s) => s.step === step.resendOf);
  const control = ctx.target.platformControl;
  const sentAt = Date.now();
  if (original?.request === undefined || control === undefined)
    return {
      step: index + 1,
      sentAt,
      deadlineMs,
      harnessError: {
        code: 'REDELIVERY_UNAVAILABLE',
        message: `step ${step.resendOf} has no request to redeliver, or the platform cannot redeliver`,
      },
    };
  // Counted before: an answer to the redelivery may arrive before the call returns.
  const answered = ctx.collector.repliesTo(original.request.meldingId).length;
  try {
    await control.redeliver(original.request.meldingId);
  } catch (error) {
    return {
      step: index + 1,
      sentAt,
      deadlineMs,
      harnessError: {
        code: 'REDELIVERY_FAILED',
        message: `The platform did not redeliver step ${step.resendOf}'s request: ${(error as Error).message}`,
      },
    };
  }
  original.until = answered;
  return {
    step: index + 1,
    request: original.request,
    sentAt,
    acceptedAt: Date.now(),
    deadlineMs,
    from: answered,
    redelivered: true,
  };
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
    let step = stepToSend(testCase, declared);
    const deadlineMs = ctx.deadlineMs ?? catalog.entry(step.requestType)?.deadlineMs ?? DEFAULT_DEADLINE_MS;
    if (step.fromAnswer !== undefined) {
      const built = followUpStep(step, (n) => {
        const earlier = sent.find((s) => s.step === n)?.request;
        return earlier === undefined ? undefined : collector.repliesTo(earlier.meldingId)[0];
      });
      if ('missing' in built) {
        sent.push({ step: index + 1, sentAt: Date.now(), deadlineMs, notSent: built.missing });
        break;
      }
      step = built.step;
    }
    if (step.redeliver === true) {
      const redelivered = await redeliverStep(ctx, index, step, sent, deadlineMs);
      sent.push(redelivered);
      if (redelivered.harnessError !== undefined) break;
      const waitMs = deadlineMs + ctx.lateGraceMs;
      await collector.firstReply(redelivered.request!.meldingId, waitMs, redelivered.from);
      continue;
    }
    const outcomes =
      (step.copies ?? 1) > 1
        ? await sendBurst(ctx, step, deadlineMs)
        : [await sendExpiring(ctx, step, deadlineMs)];
    const refused = outcomes.find((o) => !o.ok);
    if (refused !== undefined && !refused.ok) {
      sent.push({ step: index + 1, sentAt: refused.sentAt, deadlineMs, harnessError: refused.error });
      break;
    }
    const [outcome, ...others] = outcomes as Extract<SendOutcome, { ok: true }>[];
    if (outcome === undefined) break;
    const copies = others.map((o) => ({ request: o.request, sentAt: o.sentAt, acceptedAt: o.acceptedAt }));
    sent.push({
      step: index + 1,
      request: outcome.request,
      sentAt: outcome.sentAt,
      acceptedAt: outcome.acceptedAt,
      deadlineMs,
      ...(copies.length === 0 ? {} : { copies }),
    });
    await Promise.all(
      copies.map((c) =>
        collector.firstReply(c.request.meldingId, deadlineMs - (Date.now() - c.sentAt) + ctx.lateGraceMs),
      ),
    );
    const waitMs =
      (step.expiresUnread === true ? EXPIRING_TTL_MS : deadlineMs) -
      (Date.now() - outcome.sentAt) +
      ctx.lateGraceMs;
    const progress = {
      caseId: testCase.id,
      step: index + 1,
      attempt,
      requestType: outcome.request.meldingType,
      sentAt: outcome.sentAt,
      deadlineMs,
    };
    ctx.onStep?.({ ...progress, phase: 'sent', at: outcome.sentAt });
    const first = await collector.firstReply(outcome.request.meldingId, waitMs);
    ctx.onStep?.(
      first === undefined
        ? { ...progress, phase: 'unanswered', at: Date.now() }
        : { ...progress, phase: 'answered', at: first.receivedAt, replyType: first.meldingType },
    );
    // The request has expired by now (its answer is Fiks IO's tidsavbrudd); a failed release leaves nothing behind.
    if (step.expiresUnread === true)
      await target.platformControl
        ?.releaseDelivery(target.vendorKontoId, heldKlientMeldingId(step))
        .catch(() => undefined);
  }
  await new Promise((resolve) => setTimeout(resolve, ctx.settleMs));
  return Promise.all(sent.map((s) => exchangeOf(s, attempt, ctx)));
}

/**
 * What a request that is to expire unread is held by: its `klientMeldingId` (its `foresporselId`),
 * so the cases running beside it are not held; without one, every request to the vendor is.
 */
function heldKlientMeldingId(step: ResolvedStep): string | undefined {
  const id = (step.payload as { foresporselId?: unknown } | undefined)?.foresporselId;
  return step.omitPayload !== true && typeof id === 'string' ? id : undefined;
}

/**
 * Sends the step's request; one that is to expire unread is sent with the shortest time to live
 * while the platform holds delivery to the vendor (released once its answer, tidsavbrudd, is in).
 */
async function sendExpiring(
  ctx: CaseRunContext,
  step: ResolvedStep,
  deadlineMs: number,
): Promise<SendOutcome> {
  const { target, catalog } = ctx;
  if (step.expiresUnread !== true)
    return sendStep(target.harness, catalog, target.vendorKontoId, step, deadlineMs);
  const sentAt = Date.now();
  if (target.platformControl === undefined)
    return {
      ok: false,
      sentAt,
      error: {
        code: 'PLATFORM_CONTROL_UNAVAILABLE',
        message: 'The platform cannot hold delivery to the vendor',
      },
    };
  try {
    await target.platformControl.holdDelivery(target.vendorKontoId, heldKlientMeldingId(step));
  } catch (error) {
    return { ok: false, sentAt, error: { code: 'HOLD_FAILED', message: (error as Error).message } };
  }
  const outcome = await sendStep(
    target.harness,
    catalog,
    target.vendorKontoId,
    step,
    deadlineMs,
    EXPIRING_TTL_MS,
  );
  if (!outcome.ok)
    await target.platformControl
      .releaseDelivery(target.vendorKontoId, heldKlientMeldingId(step))
      .catch(() => undefined);
  return outcome;
}

/**
 * A burst: `copies` copies of the step's request sent at once, the first as written, each other
 * with its own fresh `foresporselId` (where the payload has one, and so its own `klientMeldingId`).
 */
async function sendBurst(
  ctx: CaseRunContext,
  step: ResolvedStep,
  deadlineMs: number,
): Promise<SendOutcome[]> {
  const { target, catalog } = ctx;
  const variants = Array.from({ length: step.copies ?? 1 }, (_, i) => {
    const payload = step.payload as Record<string, unknown> | undefined;
    if (i === 0 || payload === undefined || typeof payload['foresporselId'] !== 'string') return step;
    return { ...step, payload: { ...payload, foresporselId: randomUUID() } };
  });
  return Promise.all(
    variants.map((v) => sendStep(target.harness, catalog, target.vendorKontoId, v, deadlineMs)),
  );
}

async function exchangeOf(sent: SentStep, attempt: number, ctx: CaseRunContext): Promise<RecordedExchange> {
  const { target } = ctx;
  const replies = (sent.request === undefined ? [] : ctx.collector.repliesTo(sent.request.meldingId)).slice(
    sent.from ?? 0,
    sent.until,
  );
  const first = replies[0];
  const observed = target.platformTimeline !== undefined && sent.redelivered !== true;
  const points =
    sent.request === undefined || !observed
      ? {}
      : await target.platformTimeline!.pointsOf(sent.request.meldingId, first?.meldingId);
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
      source: observed ? 'emulator' : 'harness',
    },
    deadlineMs: sent.deadlineMs,
    harnessKontoId: target.harness.connection.kontoId,
    vendorKontoId: target.vendorKontoId,
    ...(sent.harnessError === undefined ? {} : { harnessError: sent.harnessError }),
    ...(sent.notSent === undefined ? {} : { notSent: sent.notSent }),
    ...(sent.copies === undefined
      ? {}
      : {
          burst: sent.copies.map((c) => {
            const replies = ctx.collector.repliesTo(c.request.meldingId);
            return {
              request: c.request,
              replies,
              timeline: {
                sentAt: c.sentAt,
                acceptedAt: c.acceptedAt,
                ...(replies[0] === undefined ? {} : { answerReceivedAt: replies[0].receivedAt }),
                source: 'harness' as const,
              },
            };
          }),
        }),
  };
}
