import type { AsiceContents, AsiceFile } from '../asice/asice-reader.js';
import type { FiksIoClient } from '../client/fiks-io-client.js';
import type { ReceivedMessage } from '../client/received-message.js';
import { isFiksError } from '../errors/fiks-error.js';
import type { MessageTypeEntry, RequestType } from '../generated/registry.js';
import type { MessageReceiver } from '../transport/message-receiver.js';
import { feilmeldingPayload } from './feilmelding-payload.js';
import type { IdempotencyStore, StoredAnswer } from './idempotency-store.js';
import { jsonPayloadFile, readJsonPayload } from './json-payload.js';
import type { ErrorReplyKind, ProtocolCatalog } from './protocol-catalog.js';
import { ProtocolError } from './protocol-error.js';
import type { RequestHandler } from './protocol-types.js';
import { schemaInvalid } from './schema-problems.js';

/** What happened to one received message, for logs and timelines. */
export interface ResponderEvent {
  meldingId: string;
  meldingType: string;
  /** `answered`: a reply was sent (then acked); `replayed`: a stored answer was sent again; `ignored`: nothing to answer (acked); `requeued`: the answer could not be sent. */
  outcome: 'answered' | 'replayed' | 'ignored' | 'requeued';
  replyType?: string;
  /** The reply's `meldingId`, when one was sent. */
  replyMeldingId?: string;
}

/** Settings of a {@link ProtocolResponder}. */
export interface ProtocolResponderOptions {
  idempotency?: IdempotencyStore;
  /** Handler failures, unanswerable messages and failed sends. Never receives secrets. */
  onError?: (error: Error, context: { meldingId: string; meldingType: string; errorId?: string }) => void;
  onEvent?: (event: ResponderEvent) => void;
}

type AnyHandler = RequestHandler<RequestType>;

const GENERIC_SERVER_ERROR =
  'Forespørselen kunne ikke behandles på grunn av en intern feil. Prøv igjen senere.';

/**
 * Answers protocol requests arriving on the own account with typed handlers, one per request type.
 * Every request is opened (decrypted, signature and digests verified, the signer known: a trusted
 * certificate or the sending account's catalog certificate), read and validated against its
 * schema before its handler sees it; a request that fails any of that is answered with the
 * protocol's `feilmelding.ugyldigforespoersel` (validator findings in `detaljer`). A handler that
 * throws, or returns a reply the catalogue does not allow or the schema rejects, yields
 * `feilmelding.serverfeil` with no internals. A message is acknowledged only after its answer was
 * accepted by Fiks IO; when sending fails it is requeued, so the answer is tried again.
 */
export class ProtocolResponder {
  readonly #client: FiksIoClient;
  readonly #catalog: ProtocolCatalog;
  readonly #options: ProtocolResponderOptions;
  readonly #handlers = new Map<string, AnyHandler>();
  #receiver: MessageReceiver | undefined;

  constructor(client: FiksIoClient, catalog: ProtocolCatalog, options: ProtocolResponderOptions = {}) {
    this.#client = client;
    this.#catalog = catalog;
    this.#options = options;
  }

  /** Registers the handler of one request type (a type the catalogue lists as a request). */
  handle<T extends RequestType>(meldingType: T, handler: RequestHandler<T>): this {
    const entry = this.#catalog.require(meldingType);
    if (entry.kind !== 'request')
      throw new ProtocolError('NOT_A_REQUEST', `${meldingType} is a reply type; only requests get handlers`, {
        details: { meldingType },
      });
    this.#handlers.set(meldingType, handler as unknown as AnyHandler);
    return this;
  }

  /** Starts consuming the account's queue. */
  async start(): Promise<MessageReceiver> {
    this.#receiver = await this.#client.subscribe((message) => this.#process(message), {
      onError: (error) => this.#options.onError?.(error, { meldingId: '', meldingType: '' }),
    });
    return this.#receiver;
  }

  /** Stops consuming; requests being answered finish first. */
  async close(options: { graceMs?: number } = {}): Promise<void> {
    await this.#receiver?.close(options);
  }

  /** Answers one received message, then settles it. */
  async #process(message: ReceivedMessage): Promise<void> {
    const entry = this.#catalog.entry(message.meldingType);
    if (
      message.platformMessage !== undefined ||
      message.svarPaMelding !== undefined ||
      entry?.kind === 'reply'
    ) {
      await this.#ignore(message, `${message.meldingType} is not a request; a responder does not expect it`);
      return;
    }
    const stored = await this.#options.idempotency?.find({ meldingId: message.meldingId });
    if (stored !== undefined) {
      await this.#send(message, stored, 'replayed');
      return;
    }
    const answer = await this.#answer(message, entry);
    if (answer === undefined) return;
    await this.#send(message, answer.reply, answer.replayed ? 'replayed' : 'answered', answer.foresporselId);
  }

  async #answer(
    message: ReceivedMessage,
    entry: MessageTypeEntry | undefined,
  ): Promise<{ reply: StoredAnswer; replayed: boolean; foresporselId?: string } | undefined> {
    const invalid = (feilmelding: string, detaljer?: { felt: string; melding: string }[]) =>
      this.#errorReply(message, 'ugyldigforespoersel', feilmelding, detaljer);
    if (entry === undefined || !this.#handlers.has(entry.type)) {
      const reply = invalid(`Meldingstypen ${message.meldingType} støttes ikke av mottakeren`);
      if (reply === undefined) await this.#ignore(message, `unknown message type ${message.meldingType}`);
      return reply === undefined ? undefined : { reply, replayed: false };
    }
    let payload: unknown;
    let attachments: AsiceFile[];
    let contents: AsiceContents;
    try {
      contents = await message.openPayload();
    } catch (error) {
      return { reply: invalid(unopenable(error))!, replayed: false };
    }
    // Outside the try: a catalog that cannot be reached is no fault of the request (requeued).
    const untrusted = await this.#untrustedSigner(message, contents);
    if (untrusted !== undefined) return { reply: invalid(unopenable(untrusted))!, replayed: false };
    try {
      payload = readJsonPayload(entry, contents);
      const payloadName = entry.payloadFileName ?? 'payload.json';
      attachments = contents.files.filter((f) => f.name !== payloadName);
    } catch (error) {
      return { reply: invalid(unopenable(error))!, replayed: false };
    }
    const validation = this.#catalog.validate(entry.type, payload);
    if (!validation.valid)
      return {
        reply: invalid(
          'Forespørselen følger ikke skjemaet',
          validation.errors.map((e) => ({ felt: e.felt, melding: e.melding })),
        )!,
        replayed: false,
      };
    const foresporselId = foresporselIdOf(payload);
    const stored =
      foresporselId === undefined
        ? undefined
        : await this.#options.idempotency?.find({ meldingId: message.meldingId, foresporselId });
    if (stored !== undefined) return { reply: stored, replayed: true, foresporselId };

    const handler = this.#handlers.get(entry.type)!;
    let reply: StoredAnswer;
    try {
      reply = await handler({
        meldingType: entry.type as RequestType,
        payload: payload as never,
        message,
        attachments,
      });
    } catch (error) {
      return { reply: this.#serverError(message, error as Error), replayed: false, ...withId(foresporselId) };
    }
    const problem = this.#replyProblem(entry, reply);
    if (problem !== undefined)
      return { reply: this.#serverError(message, problem), replayed: false, ...withId(foresporselId) };
    return { reply, replayed: false, ...withId(foresporselId) };
  }

  /**
   * The signer must be known: the certificate the Fiks IO catalog publishes for the sending
   * account, or one the client trusts (its `trustedSigners`, or its reader's `open.trusted`, which
   * the container reader already enforced). Returns why it is not, or undefined.
   */
  async #untrustedSigner(
    message: ReceivedMessage,
    contents: AsiceContents,
  ): Promise<ProtocolError | undefined> {
    const { signature } = contents;
    if (signature.status !== 'verified')
      return new ProtocolError('SIGNATURE_MISSING', 'The container is not signed');
    if (contents.checks.signerTrusted === true) return undefined;
    if (await this.#client.isKnownSigner(message.avsenderKontoId, signature.signer)) return undefined;
    return new ProtocolError(
      'SIGNER_UNKNOWN',
      `The container is signed by a certificate that is not the one published for the sending account ${message.avsenderKontoId}, nor a trusted one`,
      { details: { avsenderKontoId: message.avsenderKontoId } },
    );
  }

  #replyProblem(request: MessageTypeEntry, reply: StoredAnswer): ProtocolError | undefined {
    if (!(request.allowedReplies as readonly string[]).includes(reply.meldingType))
      return new ProtocolError(
        'REPLY_TYPE_NOT_ALLOWED',
        `The handler of ${request.type} answered ${reply.meldingType}, which its catalogue does not allow`,
        { details: { meldingType: request.type, replyType: reply.meldingType } },
      );
    const validation = this.#catalog.validate(reply.meldingType, reply.payload);
    if (!validation.valid)
      return schemaInvalid(
        `The ${reply.meldingType} payload the handler of ${request.type} produced`,
        reply.payload,
        validation.errors,
        { replyType: reply.meldingType },
      );
    return undefined;
  }

  #serverError(message: ReceivedMessage, error: Error): StoredAnswer {
    const reply = this.#errorReply(message, 'serverfeil', GENERIC_SERVER_ERROR)!;
    const errorId = (reply.payload as { errorId: string }).errorId;
    this.#options.onError?.(error, {
      meldingId: message.meldingId,
      meldingType: message.meldingType,
      errorId,
    });
    return reply;
  }

  #errorReply(
    message: ReceivedMessage,
    kind: ErrorReplyKind,
    feilmelding: string,
    detaljer?: { felt: string; melding: string }[],
  ): StoredAnswer | undefined {
    const meldingType = this.#catalog.errorReplyType(message.meldingType, kind);
    if (meldingType === undefined) return undefined;
    const correlationId = message.klientKorrelasjonsId ?? message.meldingId;
    return {
      meldingType,
      payload: feilmeldingPayload(feilmelding, { correlationId, ...(detaljer ? { detaljer } : {}) }),
    };
  }

  async #send(
    message: ReceivedMessage,
    reply: StoredAnswer,
    outcome: 'answered' | 'replayed',
    foresporselId?: string,
  ): Promise<void> {
    const replyEntry = this.#catalog.require(reply.meldingType);
    try {
      if (outcome === 'answered')
        await this.#options.idempotency?.save(
          { meldingId: message.meldingId, ...withId(foresporselId) },
          reply,
        );
      const sent = await message.reply(reply.meldingType, [jsonPayloadFile(replyEntry, reply.payload)]);
      await message.ack();
      this.#options.onEvent?.({
        meldingId: message.meldingId,
        meldingType: message.meldingType,
        outcome,
        replyType: reply.meldingType,
        replyMeldingId: sent.meldingId,
      });
    } catch (error) {
      this.#options.onError?.(error as Error, {
        meldingId: message.meldingId,
        meldingType: message.meldingType,
      });
      await message.nackWithRequeue().catch(() => undefined);
      this.#options.onEvent?.({
        meldingId: message.meldingId,
        meldingType: message.meldingType,
        outcome: 'requeued',
      });
    }
  }

  async #ignore(message: ReceivedMessage, reason: string): Promise<void> {
    this.#options.onError?.(new ProtocolError('MESSAGE_NOT_ANSWERABLE', reason), {
      meldingId: message.meldingId,
      meldingType: message.meldingType,
    });
    await message.ack();
    this.#options.onEvent?.({
      meldingId: message.meldingId,
      meldingType: message.meldingType,
      outcome: 'ignored',
    });
  }
}

/** The Norwegian `feilmelding` of a request that could not be opened or trusted. */
function unopenable(error: unknown): string {
  const reason = isFiksError(error) ? `${error.code}: ${error.message}` : 'payload could not be opened';
  return `Forespørselen kunne ikke åpnes (${reason})`;
}

function foresporselIdOf(payload: unknown): string | undefined {
  const id = (payload as { foresporselId?: unknown } | null)?.foresporselId;
  return typeof id === 'string' ? id : undefined;
}

function withId(foresporselId: string | undefined): { foresporselId?: string } {
  return foresporselId === undefined ? {} : { foresporselId };
}
