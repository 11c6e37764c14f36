import type { CalendarDate, ProtocolCatalog } from '@fiks-faktura/sdk';
import type { Clock } from '../clock.js';
import type { ErpConfig } from '../config/erp-config.js';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { writeAuditEntry } from '../ledger/audit-log.js';
import {
  findDecision,
  isSameRequest,
  type StoredDecision,
  storeDecision,
  storeMessageAnswer,
} from '../ledger/decision-record.js';
import { type AnyErpRequest, type ErpReply, isReplyTo } from '../protocol/erp-protocols.js';
import { feilmeldingReply, type RequestOrigin } from '../protocol/feilmelding-reply.js';
import { type RequestFingerprint, requestFingerprint } from '../protocol/request-fingerprint.js';
import type { Decision, DecisionContext } from '../rules/decision.js';
import { identifierProblems, type RequestAttachment } from '../rules/request-checks.js';
import type { Database } from '../store/database.js';
import { decide } from './decide.js';

/** The answer to one request, and whether it was given before. */
export interface ErpAnswer {
  reply: ErpReply;
  /** The request's `foresporselId`. */
  foresporselId: string;
  /** True when this is the stored answer to the same request, sent again (a resend). */
  resend: boolean;
  /**
   * True when the reply is the decision stored under `foresporselId` (new or resent): once it is
   * sent, `markAnswerSent` releases the decision's Innsyn updates. False for a clash or `serverfeil`.
   */
  decided: boolean;
}

/** What answering needs from the ERP. */
export interface AnswerDeps {
  db: Database;
  config: ErpConfig;
  catalog: ProtocolCatalog;
  clock: Clock;
  newId: () => string;
  today: (now: Date) => CalendarDate;
}

/** Thrown inside a decision transaction when another one stored an answer first. */
class AlreadyDecided extends Error {}

const CLASH_TEXT =
  'foresporselId er allerede brukt av en annen forespørsel. Send forespørselen på nytt med en ny foresporselId.';
const KLIENT_MELDING_ID_TEXT =
  'foresporselId må være lik klientMeldingId i Fiks IO-meldingen. Send forespørselen på nytt med samme verdi i begge.';
const SERVER_ERROR_TEXT = 'Fakturasystemet kunne ikke behandle forespørselen nå. Prøv igjen senere.';
const CHECK_DIGIT_TEXT = 'Forespørselen har identifikatorer med feil kontrollsiffer; se detaljer.';

/**
 * Answers a validated request exactly once per `foresporselId`:
 * 1. rule 2 of every protocol: a `klientMeldingId` header other than the `foresporselId` is
 *    `ugyldigforespoersel` naming `/foresporselId` (kept per message, not as a decision);
 * 2. a decision stored for the same Fiks IO message (a redelivery), or under the same
 *    `foresporselId` for the same requester, request type and content (see
 *    `requestFingerprint`), is returned as it was (`resend: true`; the service logs it);
 * 3. a decision stored under the `foresporselId` for anything else is a clash:
 *    `ugyldigforespoersel` saying the id is taken, revealing nothing of the first request;
 * 4. otherwise the request is decided in one transaction: rule 1 of every protocol (identifier
 *    check digits, `ugyldigforespoersel` naming each field) before any ledger lookup, then the
 *    protocol's rules; the answer is stored with the request's fingerprint, the audit entry and
 *    the bookings. A concurrent twin that stored first wins; its answer is compared as in 2–3.
 * A failure is answered `serverfeil`, audited with its code, and not stored.
 */
export async function answerOnce(
  deps: AnswerDeps,
  request: AnyErpRequest,
  context: RequestOrigin & { attachments?: readonly RequestAttachment[] },
): Promise<ErpAnswer> {
  const { foresporselId } = request.payload;
  const fingerprint = requestFingerprint(request.payload, context.attachments);
  try {
    if (context.klientMeldingId !== undefined && context.klientMeldingId !== foresporselId)
      return await refuse(deps, request, context, {
        text: KLIENT_MELDING_ID_TEXT,
        melding: 'Er ikke lik klientMeldingId i Fiks IO-meldingen.',
        outcome: 'UGYLDIG:KLIENTMELDINGID',
      });
    const stored = await findDecision(deps.db, foresporselId, context.meldingId);
    if (stored !== null) return await replay(deps, request, context, fingerprint, stored);
    try {
      return {
        reply: await decideAndStore(deps, request, context, fingerprint),
        foresporselId,
        resend: false,
        decided: true,
      };
    } catch (error) {
      if (!(error instanceof AlreadyDecided)) throw error;
      const first = await findDecision(deps.db, foresporselId, context.meldingId);
      if (first === null)
        throw new ReferenceErpError(
          'DECISION_LOST',
          'A concurrent decision was stored but cannot be read back.',
        );
      return await replay(deps, request, context, fingerprint, first);
    }
  } catch (error) {
    return {
      reply: await serverError(deps, request, context, error),
      foresporselId,
      resend: false,
      decided: false,
    };
  }
}

async function replay(
  deps: AnswerDeps,
  request: AnyErpRequest,
  context: RequestOrigin,
  fingerprint: RequestFingerprint,
  stored: StoredDecision & { sameMessage: boolean },
): Promise<ErpAnswer> {
  const { foresporselId } = request.payload;
  const same = stored.sameMessage || isSameRequest(stored, request.meldingType, fingerprint);
  if (same && isReplyTo(request.meldingType, stored.reply)) {
    return { reply: stored.reply, foresporselId, resend: true, decided: true };
  }
  return refuse(deps, request, context, {
    text: CLASH_TEXT,
    melding: 'Denne foresporselId er allerede brukt.',
    outcome: 'UGYLDIG:FORESPOERSELID_I_BRUK',
  });
}

/**
 * Refuses a request about its `foresporselId` without deciding it: `ugyldigforespoersel` with
 * `detaljer` naming `/foresporselId`, kept per Fiks IO message (a redelivery gets it again) and
 * audited; nothing is stored under the `foresporselId`, which may belong to another request.
 */
async function refuse(
  deps: AnswerDeps,
  request: AnyErpRequest,
  context: RequestOrigin,
  why: { text: string; melding: string; outcome: string },
): Promise<ErpAnswer> {
  const { foresporselId } = request.payload;
  const reply = feilmeldingReply(deps.catalog, request.meldingType, 'ugyldigforespoersel', why.text, {
    origin: context,
    detaljer: [{ felt: '/foresporselId', melding: why.melding }],
  });
  const now = deps.clock.now();
  await deps.db.transaction(async (tx) => {
    if (context.meldingId !== undefined)
      await storeMessageAnswer(
        tx,
        { meldingId: context.meldingId, requestType: request.meldingType, reply },
        now,
      );
    await writeAuditEntry(
      tx,
      { actor: 'ukjent', action: request.meldingType, foresporselId, outcome: why.outcome },
      now,
    );
  });
  return { reply, foresporselId, resend: false, decided: false };
}

async function decideAndStore(
  deps: AnswerDeps,
  request: AnyErpRequest,
  context: RequestOrigin & { attachments?: readonly RequestAttachment[] },
  fingerprint: RequestFingerprint,
): Promise<ErpReply> {
  const now = deps.clock.now();
  const { foresporselId } = request.payload;
  return deps.db.transaction(async (tx) => {
    const ctx: DecisionContext = {
      tx,
      config: deps.config,
      catalog: deps.catalog,
      today: deps.today(now),
      now,
      newId: deps.newId,
      origin: context,
      attachments: context.attachments ?? [],
    };
    const problems = identifierProblems(request.payload);
    const decision: Decision =
      problems.length > 0
        ? {
            reply: feilmeldingReply(
              deps.catalog,
              request.meldingType,
              'ugyldigforespoersel',
              CHECK_DIGIT_TEXT,
              {
                origin: context,
                detaljer: problems,
              },
            ),
            audit: { actor: 'ukjent', outcome: 'UGYLDIG:KONTROLLSIFFER' },
          }
        : await decide(request, ctx);
    const first = await storeDecision(
      tx,
      {
        foresporselId,
        ...(context.meldingId === undefined ? {} : { meldingId: context.meldingId }),
        requestType: request.meldingType,
        fingerprint,
        reply: decision.reply,
      },
      now,
    );
    if (!first) throw new AlreadyDecided();
    await writeAuditEntry(tx, { ...decision.audit, action: request.meldingType, foresporselId }, now);
    return decision.reply;
  });
}

async function serverError(
  deps: AnswerDeps,
  request: AnyErpRequest,
  context: RequestOrigin,
  error: unknown,
): Promise<ErpReply> {
  const reply = feilmeldingReply(deps.catalog, request.meldingType, 'serverfeil', SERVER_ERROR_TEXT, {
    origin: context,
  });
  const code = error instanceof ReferenceErpError ? error.code : 'UNEXPECTED';
  await writeAuditEntry(
    deps.db,
    {
      actor: 'system',
      action: request.meldingType,
      foresporselId: request.payload.foresporselId,
      outcome: 'SERVERFEIL',
      details: { errorId: reply.payload.errorId, code },
    },
    deps.clock.now(),
  ).catch(() => undefined);
  return reply;
}
