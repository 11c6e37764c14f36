import { randomUUID } from 'node:crypto';
import { ProtocolCatalog } from '@fiks-faktura/sdk';
import { type Clock, norwegianDateOf, systemClock } from '../clock.js';
import { DEFAULT_ERP_CONFIG, type ErpConfig } from '../config/erp-config.js';
import { ReferenceErpError } from '../errors/reference-erp-error.js';
import {
  findAnswerToMessage,
  markDecisionAnswerSent,
  storeMessageAnswer,
} from '../ledger/decision-record.js';
import {
  markInnsynPublished,
  type OutboxEntry,
  pendingInnsynUpdates,
  releaseInnsynUpdates,
} from '../ledger/innsyn-outbox.js';
import type { Invoice } from '../ledger/invoice.js';
import { findOpenItems } from '../ledger/open-items.js';
import { type IncomingPayment, type PaymentResult, postPayment } from '../ledger/post-payment.js';
import {
  type AnyErpRequest,
  type ErpReply,
  type ErpRequestType,
  erpRequestTypes,
  type Innbygger,
  isErpRequest,
  isErpRequestType,
  isReplyTo,
} from '../protocol/erp-protocols.js';
import { feilmeldingReply, type RequestOrigin } from '../protocol/feilmelding-reply.js';
import type { RequestAttachment } from '../rules/request-checks.js';
import { MessageAnswerStore } from '../service/message-answer-store.js';
import type { Database } from '../store/database.js';
import { migrate } from '../store/migrate.js';
import { answerOnce, type ErpAnswer } from './answer-once.js';

/** How to open the reference ERP. */
export interface ReferenceErpOptions {
  db: Database;
  /** Default: {@link DEFAULT_ERP_CONFIG}. */
  config?: ErpConfig;
  /** Default: the machine's clock. */
  clock?: Clock;
  /**
   * The message-type table and schemas requests are validated against (the same one the SDK's
   * responder uses); default: loaded from the protocols workspace.
   */
  catalog?: ProtocolCatalog;
  /** New UUIDs (planId, henvendelseId); default `crypto.randomUUID`. */
  newId?: () => string;
}

/** Where a request came from, and the files beside its payload. */
export interface RequestContext extends RequestOrigin {
  /** The files of the ASiC-E other than the payload file (kommentar's `vedlegg`). */
  attachments?: readonly RequestAttachment[];
}

export type { ErpAnswer } from './answer-once.js';

/**
 * The reference invoicing system: answers the invoice protocols from its ledger. Every answer is
 * committed (with its bookings, audit entry and pending Innsyn updates) before it is returned,
 * stored under the request's `foresporselId` with who asked and a hash of what was asked, so the
 * same request again — even concurrently — gets the identical answer and nothing is booked twice,
 * while the same `foresporselId` from someone else, for another request type or with other
 * content is refused (`ugyldigforespoersel`) without revealing the first request.
 */
export class ReferenceErp {
  readonly db: Database;
  readonly config: ErpConfig;
  /** The catalogue requests are validated against and error reply types come from. */
  readonly catalog: ProtocolCatalog;
  readonly #clock: Clock;
  readonly #newId: () => string;

  private constructor(options: ReferenceErpOptions) {
    this.db = options.db;
    this.config = options.config ?? DEFAULT_ERP_CONFIG;
    this.#clock = options.clock ?? systemClock;
    this.catalog = options.catalog ?? ProtocolCatalog.load();
    this.#newId = options.newId ?? randomUUID;
  }

  /** Migrates the database and returns a ready ERP. */
  static async open(options: ReferenceErpOptions): Promise<ReferenceErp> {
    await migrate(options.db);
    return new ReferenceErp(options);
  }

  /**
   * The request types the ERP answers: every request type of every protocol it decides, as the
   * generated registry lists them.
   */
  static get requestTypes(): readonly ErpRequestType[] {
    return erpRequestTypes();
  }

  /**
   * For direct callers (tests, benches, tools): validates `payload` against the schema of
   * `messageType` through {@link ReferenceErp.catalog} (as the SDK's responder does) and answers
   * it with {@link ReferenceErp.answer}. A schema failure is answered `ugyldigforespoersel` with
   * the validator's findings in `detaljer`. With a `meldingId`, the answer already given to that
   * message is returned as it is. Throws `MESSAGE_TYPE_UNSUPPORTED` for a type that is not one of
   * {@link ReferenceErp.requestTypes}.
   */
  async handle(messageType: string, payload: unknown, context: RequestContext = {}): Promise<ErpReply> {
    if (!isErpRequestType(messageType)) {
      throw new ReferenceErpError(
        'MESSAGE_TYPE_UNSUPPORTED',
        `The reference ERP does not answer ${messageType}; it answers ${ReferenceErp.requestTypes.join(', ')}.`,
        { details: { messageType } },
      );
    }
    const { meldingId } = context;
    if (meldingId !== undefined) {
      const given = await findAnswerToMessage(this.db, meldingId);
      if (given !== null && isReplyTo(messageType, given.reply)) return given.reply;
    }
    const request = { meldingType: messageType, payload };
    const validation = this.catalog.validate(messageType, payload);
    if (!validation.valid || !isErpRequest(request)) {
      const reply = feilmeldingReply(
        this.catalog,
        messageType,
        'ugyldigforespoersel',
        'Forespørselen følger ikke skjemaet',
        { origin: context, detaljer: validation.valid ? [] : validation.errors },
      );
      if (meldingId !== undefined)
        await storeMessageAnswer(this.db, { meldingId, requestType: messageType, reply }, this.#clock.now());
      return reply;
    }
    return (await this.answer(request, context)).reply;
  }

  /**
   * Answers one validated request (the SDK responder's handlers call this): the stored answer
   * when the same request was answered before (`resend: true`), `ugyldigforespoersel` when its
   * `foresporselId` belongs to another request, else a new decision committed in one
   * transaction. A failure is answered `serverfeil` (audited, not stored, so a retry may
   * succeed).
   */
  answer(request: AnyErpRequest, context: RequestContext = {}): Promise<ErpAnswer> {
    return answerOnce(
      {
        db: this.db,
        config: this.config,
        catalog: this.catalog,
        clock: this.#clock,
        newId: this.#newId,
        today: (now) => norwegianDateOf(now),
      },
      request,
      context,
    );
  }

  /**
   * The SDK responder's idempotency store for answers the ERP did not decide (schema failures):
   * kept per Fiks IO message; `decidedByErp` tells which messages the ERP stored itself.
   */
  messageAnswerStore(decidedByErp: (meldingId: string) => boolean): MessageAnswerStore {
    return new MessageAnswerStore(this.db, this.#clock, decidedByErp);
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
