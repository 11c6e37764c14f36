import type { CaseResult } from '../../../src/conformance/model/case-result.js';
import type { CheckResult } from '../../../src/conformance/model/check-result.js';
import type { RecordedExchange } from '../../../src/conformance/model/recorded-exchange.js';
import type { RunMeta } from '../../../src/conformance/report/index.js';

/** The fødselsnummer of the fixture ledger's first payer (synthetic). */
export const FNR = '15838541280';

const T0 = Date.parse('2026-03-02T08:15:00.000Z');

/** A check result; `fail` checks have severity failure. */
export function check(
  id: string,
  verdict: CheckResult['verdict'],
  over: Partial<CheckResult> = {},
): CheckResult {
  return {
    id,
    verdict,
    severity: verdict === 'warn' ? 'warning' : 'failure',
    spec: `no.ks.fiks.faktura.avdrag/v1/README.md#${id}`,
    message: `${id} ${verdict === 'pass' ? 'holds' : 'does not hold'}`,
    step: 1,
    ...over,
  };
}

/** One exchange of step 1, answered after `waitMs`, of which the vendor took `vendorMs` (emulator timing). */
export function exchange(
  over: Partial<RecordedExchange> & { waitMs?: number; vendorMs?: number; emulator?: boolean } = {},
): RecordedExchange {
  const { waitMs = 800, vendorMs = 600, emulator = true, ...rest } = over;
  const sentAt = T0;
  const timeline: RecordedExchange['timeline'] = emulator
    ? {
        source: 'emulator',
        sentAt,
        acceptedAt: sentAt + 20,
        deliveredAt: sentAt + 100,
        answerAcceptedAt: sentAt + 100 + vendorMs,
        answerReceivedAt: sentAt + waitMs,
      }
    : { source: 'harness', sentAt, acceptedAt: sentAt + 20, answerReceivedAt: sentAt + waitMs };
  return {
    step: 1,
    attempt: 1,
    request: {
      meldingId: '0f6a3c1e-1111-4a6b-9c8d-0e1f2a3b4c01',
      meldingType: 'no.ks.fiks.faktura.avdrag.v1.opprett',
      payload: { foresporselId: 'x', innbygger: { foedselsnummer: FNR }, antallAvdrag: 4 },
      attachments: [],
      headers: { 'x-case': 'avdrag.opprett.N01' },
      envelope: Buffer.from('request envelope'),
    },
    replies: [
      {
        meldingId: '0f6a3c1e-2222-4a6b-9c8d-0e1f2a3b4c02',
        meldingType: 'no.ks.fiks.faktura.avdrag.v1.opprett.resultat',
        svarPaMelding: '0f6a3c1e-1111-4a6b-9c8d-0e1f2a3b4c01',
        avsenderKontoId: 'vendor-konto',
        mottakerKontoId: 'harness-konto',
        receivedAt: sentAt + waitMs,
        harPayload: true,
        envelope: Buffer.from('reply envelope'),
        opened: {
          ok: true,
          files: [{ name: 'payload.json', size: 120, sha256: 'a'.repeat(64), mimeType: 'application/json' }],
          signature: {
            status: 'verified',
            signerCertificatePem: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n',
            signerSubject: 'CN=vendor',
            signerSerial: '01',
          },
          payload: { utfall: 'INNVILGET', innbygger: { foedselsnummer: FNR, navn: 'Ola Nordmann' } },
        },
      },
    ],
    timeline,
    deadlineMs: 10_000,
    harnessKontoId: 'harness-konto',
    vendorKontoId: 'vendor-konto',
    ...rest,
  };
}

/** A case result: passing, with one exchange and two passing checks, unless overridden. */
export function caseResult(over: Partial<CaseResult> = {}): CaseResult {
  return {
    id: 'avdrag.opprett.N01',
    protocol: 'no.ks.fiks.faktura.avdrag',
    version: 'v1',
    title: 'Instalment plan granted',
    situation: 'N',
    generated: false,
    spec: ['no.ks.fiks.faktura.avdrag/v1/README.md#opprett'],
    verdict: 'pass',
    checks: [check('deadline', 'pass'), check('payload.schema', 'pass')],
    exchanges: [exchange()],
    durationMs: 842,
    ...over,
  };
}

/** A failing case result: its `deadline` check failed. */
export function failingResult(over: Partial<CaseResult> = {}): CaseResult {
  return caseResult({
    id: 'avdrag.opprett.N02',
    verdict: 'fail',
    checks: [
      check('deadline', 'fail', { message: 'answered after 10 412 ms, the deadline is 10 000 ms' }),
      check('payload.schema', 'pass'),
    ],
    exchanges: [exchange({ waitMs: 10_412, vendorMs: 10_200 })],
    durationMs: 10_500,
    ...over,
  });
}

/** An errored case result (the platform refused the send). */
export function erroredResult(over: Partial<CaseResult> = {}): CaseResult {
  return caseResult({
    id: 'kommentar.opprett.N01',
    protocol: 'no.ks.fiks.faktura.kommentar',
    verdict: 'error',
    reason: 'Fiks IO refused the send: HTTP 503',
    checks: [],
    exchanges: [
      {
        ...exchange({ emulator: false }),
        request: { ...exchange().request, meldingType: 'no.ks.fiks.faktura.kommentar.v1.opprett' },
        replies: [],
        timeline: { source: 'harness', sentAt: T0 },
        harnessError: { code: 'SEND_FAILED', message: 'HTTP 503' },
      },
    ],
    durationMs: 40,
    ...over,
  });
}

/** Run facts for `buildRunReport`. */
export function runMeta(over: Partial<RunMeta> = {}): RunMeta {
  return {
    harness: { name: '@fiks-faktura/harness', version: '0.1.0' },
    suiteHash: 'b'.repeat(64),
    target: 'embedded',
    vendor: { kontoId: 'vendor-konto', name: 'Reference ERP' },
    harnessAccount: 'harness-konto',
    today: '2026-03-02',
    startedAt: '2026-03-02T08:15:00.000Z',
    finishedAt: '2026-03-02T08:15:12.000Z',
    profile: { path: null, values: { deferral: { maxPerPayer: 2 } } },
    filters: { protocols: [], case: null, situation: null, generated: true },
    repeat: 1,
    concurrency: 4,
    timingSource: 'emulator',
    ...over,
  };
}
