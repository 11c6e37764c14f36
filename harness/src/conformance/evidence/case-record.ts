import type { CaseResult } from '../model/case-result.js';
import type {
  OpenedReply,
  RecordedExchange,
  RecordedReply,
  RecordedRequest,
} from '../model/recorded-exchange.js';
import { maskFoedselsnumreInText, maskPersonalData, type PersonalDataMasks } from '../report/index.js';
import type { PartKind } from './bundle-format.js';

/** A part's bytes as the bundle will hold them. */
export interface PartBytes {
  name: string;
  kind: PartKind;
  bytes: Buffer;
}

/** Where a case record's bytes went: `{"$part": name}` stands for the part's bytes. */
interface PartReference {
  $part: string;
}

function isPartReference(value: unknown): value is PartReference {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.keys(value).length === 1 &&
    typeof (value as { $part?: unknown }).$part === 'string'
  );
}

/** The kind of the bytes at `path` in an exchange (the keys from the exchange down). */
function kindAt(path: readonly string[]): PartKind {
  const last = path.at(-1);
  if (last === 'manifest') return 'vendor-manifest';
  if (last === 'signature') return 'vendor-signature';
  return path.includes('replies') ? 'reply-envelope' : 'request-envelope';
}

/** `value` with every Buffer moved into `parts` (named `prefix/<path>`), a reference left in its place. */
function extractBytes(value: unknown, prefix: string, path: string[], parts: PartBytes[]): unknown {
  if (Buffer.isBuffer(value)) {
    const name = `${prefix}/${path.join('/')}`;
    parts.push({ name, kind: kindAt(path), bytes: value });
    return { $part: name } satisfies PartReference;
  }
  if (Array.isArray(value))
    return value.map((item, i) => extractBytes(item, prefix, [...path, String(i)], parts));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, extractBytes(item, prefix, [...path, key], parts)]),
    );
  return value;
}

/** `value` with every part reference replaced by the part's bytes (`bytesOf` throws for an unknown part). */
export function restoreBytes(value: unknown, bytesOf: (name: string) => Buffer): unknown {
  if (isPartReference(value)) return bytesOf(value.$part);
  if (Array.isArray(value)) return value.map((item) => restoreBytes(item, bytesOf));
  if (typeof value === 'object' && value !== null)
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, restoreBytes(item, bytesOf)]));
  return value;
}

function committedRequest(request: RecordedRequest, masks: PersonalDataMasks): RecordedRequest {
  return {
    ...request,
    payload: maskPersonalData(request.payload, masks),
    headers: maskPersonalData(request.headers, masks),
  };
}

function committedOpened(opened: OpenedReply, masks: PersonalDataMasks): OpenedReply {
  if (!opened.ok) return { ...opened, message: maskFoedselsnumreInText(opened.message, masks) };
  return {
    ...opened,
    ...(opened.payload === undefined ? {} : { payload: maskPersonalData(opened.payload, masks) }),
    ...(opened.payloadError === undefined
      ? {}
      : { payloadError: maskFoedselsnumreInText(opened.payloadError, masks) }),
  };
}

function committedReply(reply: RecordedReply, masks: PersonalDataMasks): RecordedReply {
  return reply.opened === undefined ? reply : { ...reply, opened: committedOpened(reply.opened, masks) };
}

/** An exchange with commitments in place of personal data in what is readable; envelopes and signatures untouched. */
function committedExchange(exchange: RecordedExchange, masks: PersonalDataMasks): RecordedExchange {
  const text = (s: string) => maskFoedselsnumreInText(s, masks);
  return {
    ...exchange,
    request: committedRequest(exchange.request, masks),
    replies: exchange.replies.map((r) => committedReply(r, masks)),
    ...(exchange.burst === undefined
      ? {}
      : {
          burst: exchange.burst.map((copy) => ({
            ...copy,
            request: committedRequest(copy.request, masks),
            replies: copy.replies.map((r) => committedReply(r, masks)),
          })),
        }),
    ...(exchange.harnessError === undefined
      ? {}
      : { harnessError: { ...exchange.harnessError, message: text(exchange.harnessError.message) } }),
    ...(exchange.notSent === undefined ? {} : { notSent: text(exchange.notSent) }),
  };
}

/** The part name of a case's record. */
export function recordPartName(caseId: string): string {
  return `cases/${caseId}/record.json`;
}

/**
 * A case's readable record and its binary parts: the case result as the run produced it, with
 * commitments in place of personal data in payloads, headers and messages, and every envelope,
 * vendor manifest and vendor signature moved to a part of its own
 * (`cases/<case>/attempt-<a>/step-<s>/<where in the exchange>`), exactly as exchanged.
 */
export function caseRecordParts(result: CaseResult, masks: PersonalDataMasks): PartBytes[] {
  const parts: PartBytes[] = [];
  const text = (s: string) => maskFoedselsnumreInText(s, masks);
  const exchanges = result.exchanges.map((exchange) =>
    extractBytes(
      committedExchange(exchange, masks),
      `cases/${result.id}/attempt-${exchange.attempt}/step-${exchange.step}`,
      [],
      parts,
    ),
  );
  const record = {
    ...result,
    ...(result.reason === undefined ? {} : { reason: text(result.reason) }),
    checks: result.checks.map((c) => ({ ...c, message: text(c.message) })),
    exchanges,
  };
  return [
    {
      name: recordPartName(result.id),
      kind: 'case-record',
      bytes: Buffer.from(JSON.stringify(record), 'utf8'),
    },
    ...parts,
  ];
}

/** A case result read back from its record, with its envelopes and signatures restored from the parts. */
export function caseFromRecord(record: Buffer, bytesOf: (name: string) => Buffer): CaseResult {
  return restoreBytes(JSON.parse(record.toString('utf8')), bytesOf) as CaseResult;
}
