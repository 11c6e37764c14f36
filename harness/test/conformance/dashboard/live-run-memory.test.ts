// What the dashboard keeps of a run for a page that connects late: the case list, each case's
// latest state and the last step events, never every message; so a long `--repeat` run stays
// bounded, a late page is told how many step events were dropped, and a page connected from the
// start still gets every one.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import {
  type DashboardBatch,
  type DashboardMessage,
  DashboardServer,
  dashboardPage,
  KEPT_STEP_EVENTS,
  LiveRun,
} from '../../../src/conformance/dashboard/index.js';
import { caseResult, failingResult } from '../report/sample-results.js';

const resolved = (id: string) =>
  ({ id, protocol: 'no.ks.fiks.faktura.avdrag', title: `case ${id}`, situation: 'N' }) as never;

function step(live: LiveRun, caseId: string, attempt: number): void {
  live.step({
    caseId,
    step: 1,
    attempt,
    requestType: 'no.ks.fiks.faktura.avdrag.v1.opprett',
    phase: 'answered',
    sentAt: 1000,
    at: 1000 + attempt,
    deadlineMs: 10_000,
    replyType: 'no.ks.fiks.faktura.avdrag.v1.opprett.kvittering',
  });
}

/** The first batch a page connecting now gets. */
async function replayOf(server: DashboardServer): Promise<DashboardBatch> {
  const ws = new WebSocket(`${server.url.replace('http://', 'ws://')}live`);
  const batch = await new Promise<DashboardBatch>((resolve, reject) => {
    ws.once('message', (data) => resolve(JSON.parse(String(data))));
    ws.once('error', reject);
  });
  ws.close();
  return batch;
}

test('a late page gets the case list, each case once, and the last step events with the count dropped', async () => {
  const live = new LiveRun({ keptStepEvents: 3 });
  const fromTheStart: DashboardMessage[] = [];
  live.subscribe((m) => fromTheStart.push(m));
  live.runStarted([resolved('avdrag.opprett.N01'), resolved('avdrag.opprett.N02')]);
  live.caseStarted(resolved('avdrag.opprett.N01'));
  live.caseStarted(resolved('avdrag.opprett.N02'));
  for (let attempt = 1; attempt <= 10; attempt++) step(live, 'avdrag.opprett.N01', attempt);
  live.caseFinished(caseResult());

  assert.equal(
    live.history.map((m) => (m.type === 'step' ? `step ${m.attempt}` : m.type)),
    ['run', 'case-started', 'step 8', 'step 9', 'step 10', 'case-finished'],
    'the judged case replaces its start; the newest steps stay in order',
  );
  const stillRunning = live.history[1]!;
  assert.ok(stillRunning.type === 'case-started' && stillRunning.id === 'avdrag.opprett.N02');
  assert.is(live.droppedEvents, 7);
  assert.is(
    fromTheStart.filter((m) => m.type === 'step').length,
    10,
    'a page connected from the start gets every one',
  );

  const server = await DashboardServer.start(live, 0);
  try {
    const replay = await replayOf(server);
    assert.equal(replay, { replay: true, dropped: 7, messages: live.history });
  } finally {
    await server.close();
  }
  assert.ok(dashboardPage().includes('id="dropped-events"'), 'the page has where to say so');
});

test('a long repeated run keeps a bounded history', () => {
  const live = new LiveRun();
  live.runStarted([resolved('avdrag.opprett.N01'), resolved('avdrag.opprett.N02')]);
  live.caseStarted(resolved('avdrag.opprett.N01'));
  for (let attempt = 1; attempt <= 1000; attempt++)
    for (let i = 0; i < 3; i++) step(live, 'avdrag.opprett.N01', attempt);
  live.caseFinished(caseResult());
  live.caseStarted(resolved('avdrag.opprett.N02'));
  for (let attempt = 1; attempt <= 1000; attempt++) step(live, 'avdrag.opprett.N02', attempt);
  live.caseFinished(failingResult());
  assert.is(live.history.length, 1 + KEPT_STEP_EVENTS + 2);
  assert.is(live.droppedEvents, 4000 - KEPT_STEP_EVENTS);
  assert.equal(
    live.history.filter((m) => m.type === 'case-finished').map((m) => m.type === 'case-finished' && m.id),
    ['avdrag.opprett.N01', 'avdrag.opprett.N02'],
  );
});

test.run();
