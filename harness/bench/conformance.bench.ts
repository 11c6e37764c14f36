// The conformance harness on the embedded target: the whole suite's cases per second and the
// exchange times (the citizen's wait: sent → answer in hand) at p50/p99, and a burst of 200
// concurrent requests checked for mis-correlation, next to a baseline measured in the same run:
// one seal + open of a request payload, the floor under any exchange (an exchange does two of
// each). Asserts nothing; prints the ratios.
import { randomUUID } from 'node:crypto';
import { readFixtureLedger } from '@fiks-faktura/reference-erp';
import {
  type CalendarDate,
  openPayload,
  ProtocolCatalog,
  parseCalendarDate,
  sealPayloadToBuffer,
} from '@fiks-faktura/sdk';
import { generateDevCertificate } from '@fiks-faktura/sdk/testing';
import type { ResolvedCase } from '../src/conformance/model/resolved-case.js';
import { ReplyCollector } from '../src/conformance/runner/reply-collector.js';
import { runCaseAttempt } from '../src/conformance/runner/run-case.js';
import { runSuite } from '../src/conformance/runner/run-suite.js';
import { loadProfile, loadSuite, resolveCase } from '../src/conformance/suite/index.js';
import { startEmbeddedTarget } from '../src/embedded/embedded-target.js';

const BURST = Number(process.env.BENCH_BURST ?? 200);
const today: CalendarDate = parseCalendarDate(new Date().toISOString().slice(0, 10));

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const ms = (n: number) => `${n.toFixed(1)} ms`;

/** Baseline: one seal and one open of a request-sized payload, median of 100. */
async function sealAndOpenMs(): Promise<number> {
  const keys = await generateDevCertificate({ commonName: 'Bench' });
  const payload = Buffer.from(JSON.stringify({ foresporselId: randomUUID(), tekst: 'x'.repeat(600) }));
  const times: number[] = [];
  for (let i = 0; i < 120; i++) {
    const started = performance.now();
    const sealed = await sealPayloadToBuffer({
      files: [{ name: 'payload.json', data: payload }],
      signer: keys,
      recipient: keys.certificate,
    });
    await openPayload(sealed, { privateKeys: [keys.privateKey] });
    if (i >= 20) times.push(performance.now() - started);
  }
  return percentile(
    times.sort((a, b) => a - b),
    50,
  );
}

/** A read-only request (seven instalments: denied, nothing booked) with a fresh foresporselId. */
function burstCase(i: number): ResolvedCase {
  const ledger = readFixtureLedger();
  const invoice = ledger.fakturaer.find((f) => f.fakturanummer === '2026-0001')!;
  const payer = ledger.betalere.find((b) => b.id === invoice.betaler)!;
  return {
    id: `burst.${i}`,
    protocol: 'no.ks.fiks.faktura.avdrag',
    version: 'v1',
    title: 'burst',
    situation: 'F',
    spec: [],
    books: false,
    invoices: ['2026-0001'],
    source: 'bench',
    steps: [
      {
        kind: 'send',
        requestType: 'no.ks.fiks.faktura.avdrag.v1.opprett',
        payload: {
          foresporselId: randomUUID(),
          innbygger: { foedselsnummer: payer.foedselsnummer },
          faktura: { fakturanummer: invoice.fakturanummer, kid: invoice.kid },
          antallAvdrag: 7,
          intervall: 'MAANEDLIG',
          sendtTidspunkt: new Date().toISOString(),
        },
        attachments: [],
        headers: {},
        expect: { replyTypes: ['no.ks.fiks.faktura.avdrag.v1.opprett.resultat'], assertions: [] },
      },
    ],
  };
}

const baseline = await sealAndOpenMs();
const catalog = ProtocolCatalog.load();
const strictCatalog = ProtocolCatalog.load({ strict: true });
const suite = loadSuite();
const profile = loadProfile();
const cases = suite.cases.map((c) => resolveCase(c, { today, profile }));

const target = await startEmbeddedTarget({ today, catalog });
try {
  const started = performance.now();
  const run = await runSuite({ cases, target, catalog, judge: { strictCatalog, today }, concurrency: 4 });
  const seconds = (performance.now() - started) / 1000;
  const waits = run.cases
    .flatMap((c) => c.exchanges)
    .filter((e) => e.timeline.answerReceivedAt !== undefined)
    .map((e) => e.timeline.answerReceivedAt! - e.timeline.sentAt)
    .sort((a, b) => a - b);
  const passed = run.cases.filter((c) => c.verdict === 'pass').length;
  console.log(`baseline: one seal + open of a request          ${ms(baseline)}`);
  console.log(
    `suite (embedded): ${run.cases.length} cases (${passed} pass) in ${seconds.toFixed(1)} s = ${(run.cases.length / seconds).toFixed(1)} cases/s`,
  );
  console.log(
    `exchange (sent → answer in hand): p50 ${ms(percentile(waits, 50))} (${(percentile(waits, 50) / baseline).toFixed(1)}× baseline), p99 ${ms(percentile(waits, 99))} (${(percentile(waits, 99) / baseline).toFixed(1)}× baseline), ${waits.length} exchanges`,
  );

  const collector = new ReplyCollector(target.harness, catalog);
  await collector.start();
  const burstStarted = performance.now();
  const burst = await Promise.all(
    Array.from({ length: BURST }, (_, i) =>
      runCaseAttempt(burstCase(i), 1, { target, catalog, collector, lateGraceMs: 2_000, settleMs: 300 }),
    ),
  );
  const burstSeconds = (performance.now() - burstStarted) / 1000;
  await collector.close();
  let misCorrelated = 0;
  let unanswered = 0;
  const burstWaits: number[] = [];
  for (const [exchange] of burst) {
    const reply = exchange!.replies[0];
    if (reply === undefined || exchange!.replies.length !== 1) {
      unanswered++;
      continue;
    }
    burstWaits.push(reply.receivedAt - exchange!.timeline.sentAt);
    const sentId = (exchange!.request.payload as { foresporselId: string }).foresporselId;
    const echoed = reply.opened?.ok
      ? (reply.opened.payload as { foresporselId?: string }).foresporselId
      : undefined;
    if (reply.svarPaMelding !== exchange!.request.meldingId || echoed !== sentId) misCorrelated++;
  }
  burstWaits.sort((a, b) => a - b);
  console.log(
    `burst: ${BURST} concurrent requests in ${burstSeconds.toFixed(1)} s, p99 ${ms(percentile(burstWaits, 99))} (deadline 10 000 ms), ${misCorrelated} mis-correlated, ${unanswered} without exactly one answer`,
  );
} finally {
  await target.close();
}
