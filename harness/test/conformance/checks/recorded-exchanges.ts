// Builds recorded exchanges for the check tests from the protocols' own example payloads: a
// correct exchange as the base, which each test mutates to break exactly one thing.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { protocolsRoot } from '@fiks-faktura/protocols';
import { type CalendarDate, ProtocolCatalog, parseCalendarDate } from '@fiks-faktura/sdk';
import type { StepUnderJudgement } from '../../../src/conformance/checks/check-definition.js';
import type { JudgeContext } from '../../../src/conformance/model/judge-context.js';
import type { RecordedExchange, RecordedReply } from '../../../src/conformance/model/recorded-exchange.js';
import type { Assertion, ResolvedCase, ResolvedStep } from '../../../src/conformance/model/resolved-case.js';

export const HARNESS_KONTO = '11111111-1111-4111-8111-111111111111';
export const VENDOR_KONTO = '22222222-2222-4222-8222-222222222222';
export const VENDOR_PEM = '-----BEGIN CERTIFICATE-----\nVkVORE9S\n-----END CERTIFICATE-----\n';
export const OTHER_PEM = '-----BEGIN CERTIFICATE-----\nT1RIRVI=\n-----END CERTIFICATE-----\n';

/** The examples' seed day. */
export const SEED_DAY: CalendarDate = parseCalendarDate('2026-03-02');

let catalogs: { catalog: ProtocolCatalog; strictCatalog: ProtocolCatalog } | undefined;

/** The judge context of the tests: the real catalogues, the seed day, the vendor's given certificate. */
export function judgeContext(overrides: Partial<JudgeContext> = {}): JudgeContext {
  catalogs ??= { catalog: ProtocolCatalog.load(), strictCatalog: ProtocolCatalog.load({ strict: true }) };
  return {
    ...catalogs,
    today: SEED_DAY,
    vendorCertificate: { pem: VENDOR_PEM, source: 'given' },
    ...overrides,
  };
}

/** A fresh copy of an example payload: `protocols/<protocol>/v1/examples/<type>/<name>.json`. */
export function example(type: string, name: string): Record<string, unknown> {
  const protocol = type.split('.').slice(0, 5).join('.');
  const text = readFileSync(join(protocolsRoot, protocol, 'v1', 'examples', type, `${name}.json`), 'utf8');
  return JSON.parse(text) as Record<string, unknown>;
}

/** The payload file name of a type, from the registry. */
function payloadFileName(type: string): string {
  return judgeContext().catalog.entry(type)?.payloadFileName ?? 'payload.json';
}

/** A vendor reply, opened, verified and signed with the vendor's certificate. */
export function replyOf(
  type: string,
  payload: unknown,
  overrides: Partial<RecordedReply> = {},
): RecordedReply {
  return {
    meldingId: 'aaaaaaaa-0000-4000-8000-000000000001',
    meldingType: type,
    svarPaMelding: 'bbbbbbbb-0000-4000-8000-000000000001',
    avsenderKontoId: VENDOR_KONTO,
    mottakerKontoId: HARNESS_KONTO,
    receivedAt: 1_000_450,
    harPayload: true,
    opened: {
      ok: true,
      files: [{ name: payloadFileName(type), size: 100, sha256: '00', mimeType: 'application/json' }],
      signature: {
        status: 'verified',
        signerCertificatePem: VENDOR_PEM,
        signerSubject: 'CN=Vendor',
        signerSerial: '01',
      },
      payload,
    },
    ...overrides,
  };
}

/** One step's exchange: the request as sent and the replies that arrived (default: answered in 450 ms). */
export function exchangeOf(
  request: { type: string; payload: unknown },
  replies: RecordedReply[],
  overrides: Partial<RecordedExchange> = {},
): RecordedExchange {
  const step = overrides.step ?? 1;
  return {
    step,
    attempt: 1,
    request: {
      meldingId: replies[0]?.svarPaMelding ?? 'bbbbbbbb-0000-4000-8000-000000000001',
      meldingType: request.type,
      payload: request.payload,
      klientMeldingId: (request.payload as { foresporselId?: string } | undefined)?.foresporselId,
      attachments: [],
      headers: {},
    },
    replies,
    timeline: { sentAt: 1_000_000, answerReceivedAt: replies[0]?.receivedAt, source: 'harness' },
    deadlineMs: 10_000,
    harnessKontoId: HARNESS_KONTO,
    vendorKontoId: VENDOR_KONTO,
    ...overrides,
  };
}

/** A step that sends `type` and expects `replyTypes`. */
export function stepOf(
  type: string,
  replyTypes: string[],
  assertions: Assertion[] = [],
  overrides: Partial<ResolvedStep> = {},
): ResolvedStep {
  return {
    kind: 'send',
    requestType: type,
    payload: undefined,
    attachments: [],
    headers: {},
    expect: { replyTypes, assertions },
    ...overrides,
  };
}

/** A case of the given steps. */
export function caseOf(protocol: string, steps: ResolvedStep[]): ResolvedCase {
  return {
    id: 'test.case.N01',
    protocol,
    version: 'v1',
    title: 'test case',
    situation: 'N',
    spec: [],
    books: false,
    invoices: [],
    steps,
    source: 'test',
  };
}

/** A single-step exchange judged as the checks see it: the request example answered by the reply example. */
export function judged(
  request: { type: string; name: string } | { type: string; payload: unknown },
  reply: { type: string; name: string } | { type: string; payload: unknown },
  change: {
    payload?: (p: Record<string, unknown>) => void;
    exchange?: Partial<RecordedExchange>;
    context?: Partial<JudgeContext>;
  } = {},
): StepUnderJudgement {
  const requestPayload = 'name' in request ? example(request.type, request.name) : request.payload;
  const replyPayload = 'name' in reply ? example(reply.type, reply.name) : reply.payload;
  if (change.payload !== undefined) change.payload(replyPayload as Record<string, unknown>);
  const exchange = exchangeOf(
    { type: request.type, payload: requestPayload },
    [replyOf(reply.type, replyPayload)],
    change.exchange,
  );
  const testCase = caseOf(request.type.split('.').slice(0, 5).join('.'), [
    stepOf(request.type, [reply.type]),
  ]);
  return {
    testCase,
    step: testCase.steps[0]!,
    exchange,
    exchanges: [exchange],
    context: judgeContext(change.context),
  };
}

/** The verdicts of a check's results, for short assertions. */
export function verdicts(results: { verdict: string }[]): string[] {
  return results.map((r) => r.verdict);
}

export const BU = {
  opprett: 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett',
  resultat: 'no.ks.fiks.faktura.betalingsutsettelse.v1.opprett.resultat',
  ikkefunnet: 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.ikkefunnet',
  ugyldig: 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.ugyldigforespoersel',
  serverfeil: 'no.ks.fiks.faktura.betalingsutsettelse.v1.feilmelding.serverfeil',
} as const;

export const AV = {
  opprett: 'no.ks.fiks.faktura.avdrag.v1.opprett',
  resultat: 'no.ks.fiks.faktura.avdrag.v1.opprett.resultat',
} as const;

export const KO = {
  send: 'no.ks.fiks.faktura.kommentar.v1.send',
  kvittering: 'no.ks.fiks.faktura.kommentar.v1.send.kvittering',
} as const;

/** The granted deferral example pair: request person-alle-felter, answer innvilget-flyttet-til-virkedag. */
export const GRANTED_DEFERRAL = {
  request: { type: BU.opprett, name: 'person-alle-felter' },
  reply: { type: BU.resultat, name: 'innvilget-flyttet-til-virkedag' },
} as const;
