// The runner's messaging faults against the in-memory emulator and a scripted vendor: a request
// that expires unread while delivery is held, a redelivered request whose answers are split at the
// redelivery, and a case needing the emulator skipped on a target without it.
import { TIDSAVBRUDD } from '@fiks-faktura/sdk';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import type { ResolvedStep } from '../../../src/conformance/model/resolved-case.js';
import { httpControl, platformControlNeeded } from '../../../src/conformance/runner/platform-control.js';
import { runCaseAttempt } from '../../../src/conformance/runner/run-case.js';
import { runSuite } from '../../../src/conformance/runner/run-suite.js';
import { startRunnerFixture, step, testCase } from './runner-fixture.js';
import { ERROR_REPLY } from './scripted-vendor.js';

const bench = await startRunnerFixture({ lateGraceMs: 300, settleMs: 150, deadlineMs: 2_000 });
const { emulator, target, catalog, ctx } = bench;
const tjener = emulator.account('Fakturasystem (tjener)');

test('a request held until it expires gets tidsavbrudd from Fiks IO; the hold is released for the next step', async () => {
  const expiring = step(
    { marker: 'x1', foresporselId: 'f-x' },
    { expiresUnread: true, expect: { replyTypes: [TIDSAVBRUDD], assertions: [] } },
  );
  const again: ResolvedStep = { ...step(undefined as never), kind: 'resend', resendOf: 1 };
  const [first, second] = await runCaseAttempt(testCase('expiry', [expiring, again]), 1, ctx);
  assert.equal(
    first!.replies.map((r) => [r.meldingType, r.platformMessage]),
    [[TIDSAVBRUDD, 'tidsavbrudd']],
  );
  assert.equal(
    second!.replies.map((r) => r.meldingType),
    [ERROR_REPLY],
  );
  assert.equal(
    emulator.timeline.events({ meldingId: first!.request.meldingId }).filter((e) => e.type === 'delivered'),
    [],
  );
});

test('a redelivered request: the same meldingId, and each answer on its own step', async () => {
  const first = step({ marker: 'r1', foresporselId: 'f-r' });
  const redelivered: ResolvedStep = {
    ...step(undefined as never),
    kind: 'resend',
    resendOf: 1,
    redeliver: true,
  };
  const exchanges = await runCaseAttempt(testCase('redelivery', [first, redelivered]), 1, ctx);
  assert.is(exchanges.length, 2);
  assert.is(exchanges[1]!.request.meldingId, exchanges[0]!.request.meldingId);
  assert.is(exchanges[0]!.replies.length, 1);
  assert.is(exchanges[1]!.replies.length, 1);
  assert.is.not(exchanges[1]!.replies[0]!.meldingId, exchanges[0]!.replies[0]!.meldingId);
  assert.is(exchanges[1]!.timeline.source, 'harness');
});

test('without platform control, a case that needs it is skipped with the reason', async () => {
  const needing = testCase('needs-emulator', [
    step({ marker: 's1' }),
    { ...step(undefined as never), kind: 'resend', resendOf: 1, redeliver: true },
  ]);
  assert.match(platformControlNeeded(needing) ?? '', /step 2 has the broker redeliver a request/);
  assert.is(platformControlNeeded(testCase('plain', [step({ marker: 's2' })])), undefined);
  const { platformControl: _none, ...remote } = target;
  const run = await runSuite({
    target: { ...remote, kind: 'remote' },
    catalog,
    cases: [needing],
    judge: {} as never,
  });
  const result = run.cases[0];
  assert.is(result?.verdict, 'skip');
  assert.match(result?.reason ?? '', /needs the emulator as the platform/);
});

test("over HTTP: the emulator's endpoints hold and release; an unknown message is refused with the emulator's answer", async () => {
  const control = httpControl(emulator.url);
  await control.holdDelivery(tjener.kontoId, 'k-http');
  await control.releaseDelivery(tjener.kontoId, 'k-http');
  try {
    await control.redeliver('00000000-0000-4000-8000-000000000000');
    assert.unreachable('an unknown message was redelivered');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'EMULATOR_REFUSED');
    assert.match((error as Error).message, /HTTP 404/);
  }
  try {
    await httpControl('http://127.0.0.1:9').holdDelivery(tjener.kontoId);
    assert.unreachable('an unreachable emulator held delivery');
  } catch (error) {
    assert.is((error as { code?: string }).code, 'EMULATOR_UNREACHABLE');
  }
});

test.after(() => bench.close());

test.run();
