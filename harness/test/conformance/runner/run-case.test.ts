// The runner against the in-memory emulator and a scripted vendor: every request is sealed and
// sent, every answer recorded as received (opened, signer known) on the right exchange, with the
// platform's points in the timeline; a second answer, a missing answer and a burst of concurrent
// cases are each recorded as they happened.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ResolvedStep } from '../../../src/conformance/model/resolved-case.js';
import type { ConformanceTarget } from '../../../src/conformance/runner/conformance-target.js';
import { runCaseAttempt } from '../../../src/conformance/runner/run-case.js';
import { startRunnerFixture, step, testCase } from './runner-fixture.js';

const bench = await startRunnerFixture({ lateGraceMs: 200, settleMs: 150, deadlineMs: 2_000 });
const { emulator, target, collector, ctx } = bench;
const tjener = emulator.account('Fakturasystem (tjener)');

test('one step: the answer is recorded opened, signed by the vendor, correlated and timed', async () => {
  const [exchange] = await runCaseAttempt(
    testCase('one', [step({ marker: 'a1', foresporselId: 'f-1' })]),
    1,
    ctx,
  );
  assert.ok(exchange);
  assert.is(exchange.replies.length, 1);
  const reply = exchange.replies[0]!;
  assert.is(reply.svarPaMelding, exchange.request.meldingId);
  assert.is(reply.avsenderKontoId, tjener.kontoId);
  assert.is(exchange.request.klientMeldingId, 'f-1');
  assert.ok(reply.opened?.ok);
  if (!reply.opened?.ok) return;
  assert.equal(reply.opened.payload, { errorId: 'e-1', feilmelding: 'svar på a1' });
  assert.ok(reply.opened.signature.status === 'verified');
  if (reply.opened.signature.status === 'verified')
    assert.is(reply.opened.signature.signerCertificatePem, tjener.certificate.toString());
  const t = exchange.timeline;
  assert.is(t.source, 'emulator');
  const points = [t.sentAt, t.acceptedAt, t.deliveredAt, t.answerAcceptedAt, t.answerReceivedAt];
  assert.ok(
    points.every((p) => typeof p === 'number'),
    JSON.stringify(t),
  );
  assert.equal(
    [...(points as number[])].sort((a, b) => a - b),
    points,
  );
  assert.ok(exchange.request.envelope && exchange.request.envelope.length > 0);
});

test('a vendor answering twice: both answers are on the exchange', async () => {
  const [exchange] = await runCaseAttempt(testCase('twice', [step({ marker: 'b', mode: 'twice' })]), 1, ctx);
  assert.is(exchange!.replies.length, 2);
  assert.ok(exchange!.replies.every((r) => r.svarPaMelding === exchange!.request.meldingId));
});

test('a vendor that never answers: no reply, and the wait ends after the deadline and the grace', async () => {
  const started = Date.now();
  const [exchange] = await runCaseAttempt(testCase('never', [step({ marker: 'c', mode: 'never' })]), 1, ctx);
  const waited = Date.now() - started;
  assert.is(exchange!.replies.length, 0);
  assert.is(exchange!.timeline.answerReceivedAt, undefined);
  assert.ok(waited >= 2_000 && waited < 5_000, `waited ${waited} ms`);
});

test('a resend step sends the same payload again as a new message', async () => {
  const first = step({ marker: 'd', foresporselId: 'f-d' });
  const resend: ResolvedStep = { ...step(undefined as never), kind: 'resend', resendOf: 1 };
  const exchanges = await runCaseAttempt(testCase('resend', [first, resend]), 1, ctx);
  assert.is(exchanges.length, 2);
  assert.equal(exchanges[1]!.request.payload, exchanges[0]!.request.payload);
  assert.is.not(exchanges[1]!.request.meldingId, exchanges[0]!.request.meldingId);
  assert.is(exchanges[1]!.request.klientMeldingId, 'f-d');
});

test('a send Fiks IO refuses is a harness error, and the case stops there', async () => {
  const unknownVendor: ConformanceTarget = {
    ...target,
    vendorKontoId: '00000000-0000-4000-8000-000000000000',
  };
  const exchanges = await runCaseAttempt(
    testCase('refused', [step({ marker: 'e' }), step({ marker: 'e2' })]),
    1,
    { ...ctx, target: unknownVendor },
  );
  assert.is(exchanges.length, 1);
  assert.ok(exchanges[0]!.harnessError);
});

test('200 cases at once: every answer lands on its own exchange', async () => {
  const cases = Array.from({ length: 200 }, (_, i) => testCase(`burst-${i}`, [step({ marker: `m${i}` })]));
  // The full deadline: under load, 200 requests at once may wait longer than the short one above.
  const results = await Promise.all(cases.map((c) => runCaseAttempt(c, 1, { ...ctx, deadlineMs: 10_000 })));
  results.forEach(([exchange], i) => {
    assert.is(exchange!.replies.length, 1, `case ${i}`);
    const reply = exchange!.replies[0]!;
    assert.ok(reply.opened?.ok);
    if (reply.opened?.ok)
      assert.is((reply.opened.payload as { feilmelding: string }).feilmelding, `svar på m${i}`);
  });
  assert.equal(collector.uncorrelated(), []);
});

test.after(() => bench.close());

test.run();
