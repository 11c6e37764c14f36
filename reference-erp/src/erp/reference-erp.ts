import { randomUUID } from 'node:crypto';
import { loadProtocolSpecs, PayloadValidator } from '@fiks-faktura/sdk';
import { type Clock, norwegianDateOf, systemClock } from '../clock.js';
import { DEFAULT_ERP_CONFIG, type ErpConfig } from '../config/erp-config.js';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import { writeAuditEntry } from '../ledger/audit-log.js';
import { findDecision, markDecisionAnswerSent, storeDecision } from '../ledger/decision-record.js';
import {
  markInnsynPublished,
  type OutboxEntry,
  pendingInnsynUpdates,
  releaseInnsynUpdates,
} from '../ledger/innsyn-outbox.js';
import type { Invoice } from '../ledger/invoice.js';
import { findOpenItems } from '../ledger/open-items.js';
import { type IncomingPayment, type PaymentResult, postPayment } from '../ledger/post-payment.js';
import { errorReply } from '../protocol/error-reply.js';
import { MESSAGE_TYPE } from '../protocol/message-types.js';
import type {
  CommentRequest,
  DeferralRequest,
  Innbygger,
  InstalmentRequest,
  Reply,
} from '../protocol/messages.js';
import { decideComment } from '../rules/decide-comment.js';
import { decideDeferral } from '../rules/decide-deferral.js';
import { decideInstalments } from '../rules/decide-instalments.js';
import type { Decision, DecisionContext } from '../rules/decision.js';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';

/** How to open the reference ERP. */
export interface ReferenceErpOptions {
  db: Database;
  /** Default: {@link DEFAULT_ERP_CONFIG}. */
  config?: ErpConfig;
  /** Default: the machine's clock. */
  clock?: Clock;
  /** Validates requests against the protocol schemas; default: loaded from the protocols workspace. */
  validator?: PayloadValidator;
  /** New UUIDs (planId, henvendelseId, errorId); default `crypto.randomUUID`. */
  newId?: () => string;
}

type Decide = (request: never, ctx: DecisionContext) => Promise<Decision>;

const DECIDERS: Record<string, Decide> = {
  [MESSAGE_TYPE.deferralRequest]: decideDeferral as (
    r: DeferralRequest,
    c: DecisionContext,
  ) => Promise<Decision>,
  [MESSAGE_TYPE.instalmentRequest]: decideInstalments as (
    r: InstalmentRequest,
    c: DecisionContext,
  ) => Promise<Decision>,
  [MESSAGE_TYPE.commentRequest]: decideComment as (
    r: CommentRequest,
    c: DecisionContext,
  ) => Promise<Decision>,
};

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

function foresporselIdOf(payload: unknown): string | undefined {
  const id = (payload as { foresporselId?: unknown } | null)?.foresporselId;
  return typeof id === 'string' && UUID.test(id) ? id : undefined;
}

/** Thrown inside a decision transaction when another one stored the answer first. */
class AlreadyDecided extends Error {}

/**
 * The reference invoicing system: answers the three invoice protocols from its ledger.
 * Every answer is committed (with its bookings, audit entry and pending Innsyn updates) before
 * `handle` returns it, and stored under the request's `foresporselId`, so a repeat — even a
 * concurrent one — gets the identical answer and nothing is booked twice.
 */
export class ReferenceErp {
  readonly db: Database;
  readonly config: ErpConfig;
  readonly #clock: Clock;
  readonly #validator: PayloadValidator;
  readonly #newId: () => string;

  private constructor(options: ReferenceErpOptions) {
    this.db = options.db;
    this.config = options.config ?? DEFAULT_ERP_CONFIG;
    this.#clock = options.clock ?? systemClock;
    this.#validator = options.validator ?? new PayloadValidator(loadProtocolSpecs());
    this.#newId = options.newId ?? randomUUID;
  }

  /** Migrates the database and returns a ready ERP. */
  static async open(options: ReferenceErpOptions): Promise<ReferenceErp> {
    await migrate(options.db);
    return new ReferenceErp(options);
  }

  /** The message types `handle` accepts. */
  static readonly requestTypes: readonly string[] = Object.keys(DECIDERS);

  /**
   * Answers one request: a `.resultat`/`.kvittering`, or a `feilmelding.ikkefunnet`,
   * `.ugyldigforespoersel` (schema violations, with `detaljer`; too many comments a day) or
   * `.serverfeil` (the ERP failed; not stored, so a retry may succeed). Throws
   * `MESSAGE_TYPE_UNSUPPORTED` for a type that is not one of {@link ReferenceErp.requestTypes}.
   */
  async handle(messageType: string, payload: unknown, options: { meldingId?: string } = {}): Promise<Reply> {
    const decide = DECIDERS[messageType];
    if (!decide) {
      throw new ReferenceErpError(
        'MESSAGE_TYPE_UNSUPPORTED',
        `The reference ERP does not answer ${messageType}; it answers ${ReferenceErp.requestTypes.join(', ')}.`,
        { details: { messageType } },
      );
    }
    const foresporselId = foresporselIdOf(payload);
    const { meldingId } = options;
    try {
      const stored = await findDecision(this.db, foresporselId, meldingId);
      if (stored) return stored.reply;
      const validation = this.#validator.validatePayload(messageType, payload);
      const run = validation.valid
        ? (ctx: DecisionContext) => decide(payload as never, ctx)
        : async (): Promise<Decision> => ({
            reply: errorReply(messageType, 'ugyldigforespoersel', {
              errorId: this.#newId(),
              feilmelding: 'Forespørselen følger ikke meldingsformatet; se detaljer.',
              ...(foresporselId === undefined ? {} : { correlationId: foresporselId }),
              detaljer: validation.errors.map(({ felt, melding }) => ({ felt: felt || '/', melding })),
            }),
            audit: { actor: 'ukjent', outcome: 'UGYLDIG' },
          });
      return await this.#decideOnce(messageType, foresporselId, meldingId, run);
    } catch (error) {
      return this.#serverError(messageType, foresporselId, error);
    }
  }

  async #decideOnce(
    messageType: string,
    foresporselId: string | undefined,
    meldingId: string | undefined,
    run: (ctx: DecisionContext) => Promise<Decision>,
  ): Promise<Reply> {
    const now = this.#clock.now();
    try {
      return await this.db.transaction(async (tx) => {
        const ctx: DecisionContext = {
          tx,
          config: this.config,
          today: norwegianDateOf(now),
          now,
          newId: this.#newId,
        };
        const decision = await run(ctx);
        if (foresporselId !== undefined) {
          const first = await storeDecision(
            tx,
            {
              foresporselId,
              ...(meldingId === undefined ? {} : { meldingId }),
              requestType: messageType,
              reply: decision.reply,
            },
            now,
          );
          if (!first) throw new AlreadyDecided();
        }
        await writeAuditEntry(
          tx,
          { ...decision.audit, action: messageType, foresporselId: foresporselId ?? null },
          now,
        );
        return decision.reply;
      });
    } catch (error) {
      if (!(error instanceof AlreadyDecided)) throw error;
      const stored = await findDecision(this.db, foresporselId, meldingId);
      if (!stored)
        throw new ReferenceErpError(
          'DECISION_LOST',
          'A concurrent decision was stored but cannot be read back.',
        );
      return stored.reply;
    }
  }

  async #serverError(messageType: string, foresporselId: string | undefined, error: unknown): Promise<Reply> {
    const errorId = this.#newId();
    const code = error instanceof ReferenceErpError ? error.code : 'UNEXPECTED';
    await writeAuditEntry(
      this.db,
      {
        actor: 'system',
        action: messageType,
        foresporselId: foresporselId ?? null,
        outcome: 'SERVERFEIL',
        details: { errorId, code },
      },
      this.#clock.now(),
    ).catch(() => undefined);
    return errorReply(messageType, 'serverfeil', {
      errorId,
      feilmelding: 'Fakturasystemet kunne ikke behandle forespørselen nå. Prøv igjen senere.',
      ...(foresporselId === undefined ? {} : { correlationId: foresporselId }),
    });
  }

  /**
   * Call once the answer to `foresporselId` has been sent: records it and releases the request's
   * Innsyn updates for publishing. Returns how many updates were released.
   */
  async markAnswerSent(foresporselId: string): Promise<number> {
    const now = this.#clock.now();
    return this.db.transaction(async (tx) => {
      await markDecisionAnswerSent(tx, foresporselId, now);
      return releaseInnsynUpdates(tx, foresporselId, now);
    });
  }

  /** Innsyn updates released for publishing and not yet published, oldest first. */
  pendingInnsynUpdates(limit = 100): Promise<OutboxEntry[]> {
    return pendingInnsynUpdates(this.db, limit);
  }

  /** Records that the given Innsyn updates were published. */
  markInnsynPublished(outboxIds: readonly number[]): Promise<void> {
    return markInnsynPublished(this.db, outboxIds, this.#clock.now());
  }

  /** The requester's unpaid invoices (see {@link findOpenItems}). */
  findOpenItems(payer: Innbygger): Promise<Invoice[]> {
    return findOpenItems(this.db, payer);
  }

  /** Books a payment from the bank on the invoice with its KID (see {@link postPayment}). */
  postPayment(payment: IncomingPayment): Promise<PaymentResult> {
    return postPayment(this.db, payment, this.#clock.now());
  }
}
