/**
 * What one step of a case sent and received, exactly as it happened: the input of every check.
 * Checks are pure functions of a {@link RecordedExchange} (and the resolved case), so a recorded
 * run can be judged again later without sending anything.
 */

/** The points in time of one exchange, in epoch milliseconds. */
export interface ExchangeTimeline {
  /** The harness started sending the request. */
  sentAt: number;
  /** Fiks IO accepted the request (HTTP 202). */
  acceptedAt?: number;
  /** Fiks IO delivered the request to the vendor (emulator only). */
  deliveredAt?: number;
  /** Fiks IO accepted the vendor's first answer (emulator only). */
  answerAcceptedAt?: number;
  /** The harness had the first answer in hand (received, decrypted and read). */
  answerReceivedAt?: number;
  /** `emulator`: the platform's own points are known; `harness`: only the harness's points exist (remote Fiks IO). */
  source: 'emulator' | 'harness';
}

/** The request as sent. */
export interface RecordedRequest {
  meldingId: string;
  meldingType: string;
  /** The payload as sent (undefined when sent without payload). */
  payload: unknown;
  klientMeldingId?: string;
  attachments: string[];
  headers: Record<string, string>;
  /** The fault the request was sealed with, when the step asked for one. */
  fault?: string;
  /** The encrypted envelope as sent, when the harness kept it. */
  envelope?: Buffer;
}

/** The vendor's ASiC-E signature on a reply: the manifest (which holds every file's digest) and the detached CMS over it. */
export interface VendorSignature {
  manifestName: string;
  manifest: Buffer;
  signature: Buffer;
}

/** The payload of a reply, opened with the harness's key. */
export type OpenedReply =
  | {
      ok: true;
      files: { name: string; size: number; sha256: string; mimeType: string }[];
      signature:
        | { status: 'absent' }
        | {
            status: 'verified';
            signerCertificatePem: string;
            signerSubject: string;
            signerSerial: string;
            /** The vendor's signed ASiC-E manifest and its CMS signature, as in the container (the evidence bundle keeps them). */
            signed?: VendorSignature;
          };
      /** The JSON payload file's content, parsed; undefined when there is no such file or it is not JSON. */
      payload?: unknown;
      /** Why the payload file could not be read as JSON, when it could not. */
      payloadError?: string;
    }
  | {
      ok: false;
      /** The SDK's error code (e.g. `NO_MATCHING_KEY`, `DIGEST_MISMATCH`, `SIGNATURE_INVALID`). */
      code: string;
      message: string;
    };

/** One message that arrived on the harness's account in answer to the request (`svarPaMelding`). */
export interface RecordedReply {
  meldingId: string;
  meldingType: string;
  svarPaMelding?: string;
  avsenderKontoId: string;
  mottakerKontoId: string;
  /** Epoch ms when the harness received it. */
  receivedAt: number;
  klientMeldingId?: string;
  /** Set when Fiks IO itself sent it (`tidsavbrudd`: the request expired unread; `serverfeil`: undeliverable). */
  platformMessage?: 'tidsavbrudd' | 'serverfeil';
  harPayload: boolean;
  /** The encrypted envelope as received. */
  envelope?: Buffer;
  /** The opened payload; absent when the message had none. */
  opened?: OpenedReply;
}

/** One more copy of a burst step's request: what it sent, what answered it, when. */
export interface BurstCopy {
  request: RecordedRequest;
  replies: RecordedReply[];
  timeline: ExchangeTimeline;
}

/** One step's exchange. */
export interface RecordedExchange {
  /** 1-based step number. */
  step: number;
  /** Which repetition of the case (1-based; `--repeat`). */
  attempt: number;
  request: RecordedRequest;
  /** Every reply that arrived for this request, in arrival order (normally exactly one). */
  replies: RecordedReply[];
  timeline: ExchangeTimeline;
  /** The answer deadline of the request type (the catalogue's `svarfristMs`). */
  deadlineMs: number;
  harnessKontoId: string;
  vendorKontoId: string;
  /** A burst step's other copies, sent at the same moment as this exchange's request. */
  burst?: BurstCopy[];
  /**
   * Set when the harness or the platform failed (send refused by Fiks IO, emulator down, harness
   * fault): the case is then an error, never the vendor's failure.
   */
  harnessError?: { code: string; message: string };
  /**
   * Set when a follow-up step could not be sent because an earlier answer lacked the value it
   * needs: the vendor's failure, judged by the check `steps.follow-up`.
   */
  notSent?: string;
}
