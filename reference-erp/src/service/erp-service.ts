import type { FiksIoClient, ProtocolCatalog, ProtocolReply, RequestType } from '@fiks-faktura/sdk';
import { ProtocolResponder, type ResponderEvent } from '@fiks-faktura/sdk';
import { ReferenceErp } from '../erp/reference-erp.js';

/** What the service did with one message: the responder's event, plus what the ledger did after it. */
export interface ErpServiceEvent extends ResponderEvent {
  /** The request's `foresporselId`, when the ERP decided it. */
  foresporselId?: string;
  /** Innsyn updates released for publishing once the answer was accepted. */
  innsynReleased?: number;
}

/** How to start the service. */
export interface ErpServiceOptions {
  /** An opened (migrated) reference ERP. */
  erp: ReferenceErp;
  /** A client for the ERP's own Fiks IO account; the service consumes its queue. */
  client: FiksIoClient;
  catalog: ProtocolCatalog;
  onEvent?: (event: ErpServiceEvent) => void;
  /** Unanswerable messages, failed sends and failed outbox releases. Never receives secrets. */
  onError?: (error: Error, context: { meldingId: string; meldingType: string }) => void;
}

/** A running service. */
export interface ErpService {
  /** The request types answered. */
  readonly requestTypes: readonly string[];
  /**
   * Stops consuming, lets the answers in flight be sent (up to `graceMs`, default 10 000), waits
   * for their Innsyn releases, then closes the client. The ERP's database stays open.
   */
  close(options?: { graceMs?: number }): Promise<void>;
}

/**
 * Answers the three invoice protocols on the client's account with the reference ERP, through the
 * SDK's {@link ProtocolResponder}: every request is opened and validated, then `erp.handle`
 * commits the decision in one transaction (or returns the stored answer of a repeat) before the
 * answer is sent; the message is acked only once Fiks IO accepted the answer. After that, the
 * request's Innsyn updates are released from the outbox (`erp.markAnswerSent`).
 */
export async function startErpService(options: ErpServiceOptions): Promise<ErpService> {
  const { erp, client, catalog } = options;
  /** foresporselId of each request whose answer is being sent, by its meldingId. */
  const decided = new Map<string, string | undefined>();
  const releases = new Set<Promise<void>>();

  const release = (event: ResponderEvent, foresporselId: string) => {
    const work = erp.markAnswerSent(foresporselId).then(
      (innsynReleased) => options.onEvent?.({ ...event, foresporselId, innsynReleased }),
      (error: Error) => {
        options.onError?.(error, { meldingId: event.meldingId, meldingType: event.meldingType });
        options.onEvent?.({ ...event, foresporselId });
      },
    );
    releases.add(work);
    void work.finally(() => releases.delete(work));
  };

  const responder = new ProtocolResponder(client, catalog, {
    onEvent: (event) => {
      const foresporselId = decided.get(event.meldingId);
      decided.delete(event.meldingId);
      const sent = event.outcome === 'answered' || event.outcome === 'replayed';
      if (sent && foresporselId !== undefined) release(event, foresporselId);
      else options.onEvent?.({ ...event, ...(foresporselId === undefined ? {} : { foresporselId }) });
    },
    ...(options.onError === undefined
      ? {}
      : {
          onError: (error, context) =>
            options.onError?.(error, { meldingId: context.meldingId, meldingType: context.meldingType }),
        }),
  });

  for (const type of ReferenceErp.requestTypes) {
    responder.handle(type as RequestType, async ({ meldingType, payload, message }) => {
      const reply = await erp.handle(meldingType, payload, { meldingId: message.meldingId });
      const foresporselId = (payload as { foresporselId?: string }).foresporselId;
      decided.set(message.meldingId, foresporselId);
      return reply as unknown as ProtocolReply<RequestType>;
    });
  }
  await responder.start();

  return {
    requestTypes: ReferenceErp.requestTypes,
    async close(closeOptions = {}) {
      await responder.close({ graceMs: closeOptions.graceMs ?? 10_000 });
      await Promise.all([...releases]);
      await client.close({ graceMs: 0 });
    },
  };
}
