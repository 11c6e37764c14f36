import { isFiksError, type ProtocolCatalog, sealPayloadToBuffer } from '@fiks-faktura/sdk';
import { sealFaultyRequest } from '../faults/request-fault.js';
import type { RecordedRequest } from '../model/recorded-exchange.js';
import type { ResolvedStep } from '../model/resolved-case.js';
import type { HarnessAccount } from './conformance-target.js';

/** A request as it went out, or why the harness or the platform could not send it. */
export type SendOutcome =
  | { ok: true; request: RecordedRequest; sentAt: number; acceptedAt: number }
  | { ok: false; sentAt: number; error: { code: string; message: string } };

/**
 * Seals and sends one step's request to the vendor, as Min kommune does: the payload file named
 * by the catalogue plus the attachments in one signed ASiC-E encrypted to the vendor's catalog
 * certificate, `klientMeldingId` = `foresporselId`, time to live = the answer deadline. The
 * envelope is kept as sent. A step with a `fault` is sealed with that fault. A refusal by Fiks IO is the platform's problem, not the vendor's.
 */
export async function sendStep(
  account: HarnessAccount,
  catalog: ProtocolCatalog,
  vendorKontoId: string,
  step: ResolvedStep,
  deadlineMs: number,
  /** The time to live; default the answer deadline (at least 1 s, Fiks IO's minimum). */
  ttlMs = Math.max(deadlineMs, 1_000),
): Promise<SendOutcome> {
  const sentAt = Date.now();
  try {
    const entry = catalog.entry(step.requestType);
    const payloadName = entry?.payloadFileName ?? 'payload.json';
    const foresporselId = (step.payload as { foresporselId?: unknown } | undefined)?.foresporselId;
    const files = step.omitPayload
      ? []
      : [
          { name: payloadName, data: Buffer.from(JSON.stringify(step.payload), 'utf8') },
          ...step.attachments.map((a) => ({ name: a.name, data: a.data, mimeType: a.mimeType })),
        ];
    const seal = {
      files,
      signer: account.signer,
      recipient: await account.connection.recipientCertificate(vendorKontoId),
    };
    const envelope =
      files.length === 0
        ? undefined
        : step.fault === undefined
          ? await sealPayloadToBuffer(seal)
          : await sealFaultyRequest({ ...seal, fault: step.fault });
    const klientMeldingId = typeof foresporselId === 'string' ? foresporselId : undefined;
    const sent = await account.connection.send({
      mottakerKontoId: vendorKontoId,
      meldingType: step.requestType,
      ttlMs,
      ...(klientMeldingId === undefined ? {} : { klientMeldingId }),
      ...(Object.keys(step.headers).length === 0 ? {} : { headere: step.headers }),
      ...(envelope === undefined ? {} : { payload: envelope, payloadLength: envelope.length }),
    });
    return {
      ok: true,
      sentAt,
      acceptedAt: Date.now(),
      request: {
        meldingId: sent.meldingId,
        meldingType: step.requestType,
        payload: step.omitPayload ? undefined : step.payload,
        ...(klientMeldingId === undefined ? {} : { klientMeldingId }),
        attachments: step.attachments.map((a) => a.name),
        headers: step.headers,
        ...(step.fault === undefined ? {} : { fault: step.fault }),
        ...(envelope === undefined ? {} : { envelope }),
      },
    };
  } catch (error) {
    return {
      ok: false,
      sentAt,
      error: {
        code: isFiksError(error) ? error.code : 'SEND_FAILED',
        message: `The request could not be sent through Fiks IO: ${error instanceof Error ? error.message : String(error)}`,
      },
    };
  }
}
