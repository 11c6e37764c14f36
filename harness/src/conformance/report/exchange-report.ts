import { createHash } from 'node:crypto';
import type { OpenedReply, RecordedExchange, RecordedReply } from '../model/recorded-exchange.js';
import type {
  DurationsReport,
  EnvelopeDigest,
  ExchangeReport,
  OpenedReplyReport,
  ReplyReport,
} from './run-report.js';

function sha256(data: Buffer | string): string {
  return createHash('sha256').update(data).digest('hex');
}

function digestOf(envelope: Buffer | undefined): EnvelopeDigest | null {
  return envelope === undefined ? null : { size: envelope.length, sha256: sha256(envelope) };
}

function iso(epochMs: number | undefined): string | null {
  return epochMs === undefined ? null : new Date(epochMs).toISOString();
}

function between(from: number | undefined, to: number | undefined): number | null {
  return from === undefined || to === undefined ? null : to - from;
}

/** The durations of an exchange's timeline (see {@link DurationsReport}). */
export function durationsOf(timeline: RecordedExchange['timeline']): DurationsReport {
  const { sentAt, acceptedAt, deliveredAt, answerAcceptedAt, answerReceivedAt } = timeline;
  const toVendor = between(sentAt, deliveredAt);
  const back = between(answerAcceptedAt, answerReceivedAt);
  return {
    citizenWaitMs: between(sentAt, answerReceivedAt),
    acceptMs: between(sentAt, acceptedAt),
    platformMs: toVendor === null || back === null ? null : toVendor + back,
    vendorMs: between(deliveredAt, answerAcceptedAt),
  };
}

function openedReport(opened: OpenedReply): OpenedReplyReport {
  if (!opened.ok) return { ok: false, code: opened.code, message: opened.message };
  const signature =
    opened.signature.status === 'absent'
      ? ({ status: 'absent' } as const)
      : {
          status: 'verified' as const,
          signerSubject: opened.signature.signerSubject,
          signerSerial: opened.signature.signerSerial,
          signerCertificateSha256: sha256(opened.signature.signerCertificatePem),
        };
  return {
    ok: true,
    files: opened.files.map((f) => ({ name: f.name, size: f.size, sha256: f.sha256, mimeType: f.mimeType })),
    signature,
    ...(opened.payload === undefined ? {} : { payload: opened.payload }),
    ...(opened.payloadError === undefined ? {} : { payloadError: opened.payloadError }),
  };
}

function replyReport(reply: RecordedReply): ReplyReport {
  return {
    meldingId: reply.meldingId,
    meldingType: reply.meldingType,
    svarPaMelding: reply.svarPaMelding ?? null,
    avsenderKontoId: reply.avsenderKontoId,
    mottakerKontoId: reply.mottakerKontoId,
    receivedAt: new Date(reply.receivedAt).toISOString(),
    klientMeldingId: reply.klientMeldingId ?? null,
    platformMessage: reply.platformMessage ?? null,
    harPayload: reply.harPayload,
    envelope: digestOf(reply.envelope),
    opened: reply.opened === undefined ? null : openedReport(reply.opened),
  };
}

/**
 * An exchange as `report.json` holds it: envelopes reduced to size and SHA-256, the signer's
 * certificate to its hash, the timeline as ISO instants with its derived durations. Not masked
 * here: the report is masked as a whole.
 */
export function exchangeReport(exchange: RecordedExchange): ExchangeReport {
  const { request, timeline } = exchange;
  return {
    step: exchange.step,
    attempt: exchange.attempt,
    request: {
      meldingId: request.meldingId,
      meldingType: request.meldingType,
      klientMeldingId: request.klientMeldingId ?? null,
      headers: { ...request.headers },
      attachments: [...request.attachments],
      payload: request.payload === undefined ? null : request.payload,
      envelope: digestOf(request.envelope),
    },
    replies: exchange.replies.map(replyReport),
    timeline: {
      source: timeline.source,
      sentAt: new Date(timeline.sentAt).toISOString(),
      acceptedAt: iso(timeline.acceptedAt),
      deliveredAt: iso(timeline.deliveredAt),
      answerAcceptedAt: iso(timeline.answerAcceptedAt),
      answerReceivedAt: iso(timeline.answerReceivedAt),
    },
    durations: durationsOf(timeline),
    deadlineMs: exchange.deadlineMs,
    harnessKontoId: exchange.harnessKontoId,
    vendorKontoId: exchange.vendorKontoId,
    harnessError: exchange.harnessError === undefined ? null : { ...exchange.harnessError },
  };
}
