import { readFile } from 'node:fs/promises';
import type { AsiceFile, FiksIoClient, ProtocolCatalog } from '@fiks-faktura/sdk';
import { ProtocolResponder, type ResponderEvent } from '@fiks-faktura/sdk';
import type { ReferenceErp } from '../erp/reference-erp.js';
import { type ErpRequestType, erpRequestTypes, isErpRequest } from '../protocol/erp-protocols.js';
import type { RequestAttachment } from '../rules/request-checks.js';

/** What the service did with one message: the responder's event, plus what the ledger did after it. */
export interface ErpServiceEvent extends ResponderEvent {
  /** The request's `foresporselId`, when the ERP decided it. */
  foresporselId?: string;
  /** True when the answer sent is the stored answer to the same request, sent again. */
  resend?: boolean;
  /** Innsyn updates released for publishing once the answer was accepted. */
  innsynReleased?: number;
}

/** How to start the service. */
export interface ErpServiceOptions {
  /** An opened (migrated) reference ERP. */
  erp: ReferenceErp;
  /** A client for the ERP's own Fiks IO account; the service consumes its queue. */
  client: FiksIoClient;
  /** Default: the ERP's own catalogue (`erp.catalog`), so requests are validated once, by it. */
  catalog?: ProtocolCatalog;
  /** Told of each request handled (answered, replayed or refused), for logs and live views. */
  onEvent?: (event: ErpServiceEvent) => void;
  /** Unanswerable messages, failed sends and failed outbox releases. Never receives secrets. */
  onError?: (error: Error, context: { meldingId: string; meldingType: string }) => void;
}

/** A running service. */
export interface ErpService {
  /** The request types answered. */
  readonly requestTypes: readonly ErpRequestType[];
  /**
   * Stops consuming, lets the answers in flight be sent (up to `graceMs`, default 10 000), waits
   * for their Innsyn releases, then closes the client. The ERP's database stays open.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

async function attachmentOf(file: AsiceFile): Promise<RequestAttachment> {
  const content = file.data ?? (file.path === undefined ? Buffer.alloc(0) : await readFile(file.path));
  return { name: file.name, mimeType: file.mimeType, size: file.size, sha256: file.sha256, content };
}

/**
 * Answers the invoice protocols on the client's account with the reference ERP, through the
 * SDK's {@link ProtocolResponder}: one handler per request type of every protocol the ERP decides
 * (read from the generated registry). The responder opens and validates every request (the only
 * validation), then `erp.answer` commits the decision in one transaction (or returns the stored
 * answer of the same request) before the answer is sent; the message is acked only once Fiks IO
 * accepted the answer. After that, the request's Innsyn updates are released from the outbox
 * (`erp.markAnswerSent`). Answers the responder gives itself (a payload that fails its schema)
 * are kept per `meldingId`, so a redelivery gets them again.
 */
export async function startErpService(options: ErpServiceOptions): Promise<ErpService> {
  const { erp, client } = options;
  const catalog = options.catalog ?? erp.catalog;
  /** Each request the ERP answered, by its meldingId: its foresporselId, resend flag, and whether the answer is its stored decision. */
  const decided = new Map<string, { foresporselId: string; resend: boolean; release: boolean }>();
  const releases = new Set<Promise<void>>();

  const release = (event: ErpServiceEvent, foresporselId: string) => {
    const work = erp.markAnswerSent(foresporselId).then(
      (innsynReleased) => options.onEvent?.({ ...event, innsynReleased }),
      (error: Error) => {
        options.onError?.(error, { meldingId: event.meldingId, meldingType: event.meldingType });
        options.onEvent?.(event);
      },
    );
    releases.add(work);
    void work.finally(() => releases.delete(work));
  };

  const responder = new ProtocolResponder(client, catalog, {
    idempotency: erp.messageAnswerStore((meldingId) => decided.has(meldingId)),
    onEvent: (responderEvent) => {
      const answered = decided.get(responderEvent.meldingId);
      decided.delete(responderEvent.meldingId);
      const event: ErpServiceEvent = {
        ...responderEvent,
        ...(answered === undefined ? {} : { foresporselId: answered.foresporselId, resend: answered.resend }),
        ...(responderEvent.outcome === 'replayed' ? { resend: true } : {}),
      };
      const sent = event.outcome === 'answered' || event.outcome === 'replayed';
      if (sent && answered?.release === true) release(event, answered.foresporselId);
      else options.onEvent?.(event);
    },
    ...(options.onError === undefined
      ? {}
      : {
          onError: (error, context) =>
            options.onError?.(error, { meldingId: context.meldingId, meldingType: context.meldingType }),
        }),
  });

  for (const type of erpRequestTypes()) {
    responder.handle(type, async (request) => {
      if (!isErpRequest(request)) throw new TypeError(`${request.meldingType} is not answered by the ERP`);
      const { message } = request;
      const answer = await erp.answer(request, {
        meldingId: message.meldingId,
        ...(message.klientKorrelasjonsId === undefined
          ? {}
          : { klientKorrelasjonsId: message.klientKorrelasjonsId }),
        ...(message.klientMeldingId === undefined ? {} : { klientMeldingId: message.klientMeldingId }),
        attachments: await Promise.all(request.attachments.map(attachmentOf)),
      });
      decided.set(message.meldingId, {
        foresporselId: answer.foresporselId,
        resend: answer.resend,
        release: answer.decided,
      });
      return answer.reply;
    });
  }
  await responder.start();

  return {
    requestTypes: erpRequestTypes(),
    async close(closeOptions = {}) {
      await responder.close({ graceMs: closeOptions.graceMs ?? 10_000 });
      await Promise.all([...releases]);
      await client.close({ graceMs: 0 });
    },
  };
}
