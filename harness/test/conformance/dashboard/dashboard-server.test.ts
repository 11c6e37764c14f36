// The dashboard server: the page (self-contained, its script allowed by hash, talking only to its
// own origin), the run's messages over the WebSocket (history first to a late page, then each
// new one), refusal of other hosts and origins, and its end.
import { createHash } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { WebSocket } from 'ws';
import {
  DASHBOARD_CSP,
  type DashboardMessage,
  DashboardServer,
  dashboardPage,
  LiveRun,
} from '../../../src/conformance/dashboard/index.js';
import { renderReportMain } from '../../../src/conformance/report/html/render-html-report.js';
import { buildRunReport } from '../../../src/conformance/report/index.js';
import { caseResult, FNR, failingResult, runMeta } from '../report/sample-results.js';

function get(
  url: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { headers }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => {
        body += d;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** Connects to the dashboard's WebSocket and collects every message until it closes. */
function follow(server: DashboardServer, origin?: string) {
  const url = server.url.replace('http://', 'ws://');
  const ws = new WebSocket(`${url}live`, origin === undefined ? {} : { origin });
  const received: { replay: boolean; dropped?: number; messages: DashboardMessage[] }[] = [];
  const opened = new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  const first = new Promise<void>((resolve) => ws.once('message', () => resolve()));
  ws.on('message', (data) => received.push(JSON.parse(String(data))));
  const closed = new Promise<number>((resolve) => ws.once('close', (code) => resolve(code)));
  return { ws, received, opened, first, closed };
}

const resolved = (id: string) =>
  ({ id, protocol: 'no.ks.fiks.faktura.avdrag', title: `case ${id}`, situation: 'N' }) as never;

test('the page is self-contained: its only script allowed by hash, nothing fetched, connections to its own origin only', async () => {
  const server = await DashboardServer.start(new LiveRun(), 0);
  try {
    const page = await get(server.url);
    assert.is(page.status, 200);
    assert.is(page.headers['content-security-policy'], DASHBOARD_CSP);
    assert.is(page.body, dashboardPage());
    const script = /<script>([\s\S]*?)<\/script>/.exec(page.body)![1]!;
    const hash = createHash('sha256').update(script).digest('base64');
    assert.ok(DASHBOARD_CSP.includes(`'sha256-${hash}'`), 'the inline script is not the one the CSP allows');
    assert.ok(DASHBOARD_CSP.includes("default-src 'none'") && DASHBOARD_CSP.includes("connect-src 'self'"));
    assert.not.match(page.body, /(src|href)=["']?(https?:|\/\/)/, 'an external asset');
    assert.is((await get(`${server.url}report.json`)).status, 404);
  } finally {
    await server.close();
  }
});

test('another host name (DNS rebinding) and a WebSocket from another origin are refused', async () => {
  const server = await DashboardServer.start(new LiveRun(), 0);
  try {
    assert.is((await get(server.url, { host: 'attacker.example' })).status, 403);
    const foreign = follow(server, 'http://attacker.example');
    await foreign.opened.then(
      () => assert.unreachable('a foreign origin was let in'),
      (error: Error) => assert.match(error.message, /403/),
    );
    const own = follow(server, server.url.replace(/\/$/, ''));
    await own.opened;
    own.ws.close();
  } finally {
    await server.close();
  }
});

test("a page gets the run so far, then each message; the end carries report.html's content; close ends the page's socket", async () => {
  const live = new LiveRun();
  const server = await DashboardServer.start(live, 0);
  live.runStarted([resolved('avdrag.opprett.N01'), resolved('avdrag.opprett.N02')]);
  live.caseStarted(resolved('avdrag.opprett.N01'));
  live.step({
    caseId: 'avdrag.opprett.N01',
    step: 1,
    attempt: 1,
    requestType: 'no.ks.fiks.faktura.avdrag.v1.opprett',
    phase: 'sent',
    sentAt: 1000,
    at: 1000,
    deadlineMs: 10_000,
  });
  const page = follow(server);
  await page.first;
  assert.equal(page.received[0], { replay: true, dropped: 0, messages: live.history });
  assert.equal(
    page.received[0]!.messages.map((m) => m.type),
    ['run', 'case-started', 'step'],
  );
  live.caseFinished(caseResult());
  live.caseFinished(failingResult());
  const report = buildRunReport(runMeta(), [caseResult(), failingResult()]);
  live.runFinished(report);
  await server.close();
  assert.is(await page.closed, 1000);
  const later = page.received.slice(1);
  assert.ok(later.every((b) => !b.replay && b.messages.length === 1));
  const messages = later.map((b) => b.messages[0]!);
  const finished = messages.filter((m) => m.type === 'case-finished');
  assert.equal(
    finished.map((m) => [m.id, m.verdict, m.counts.finished, m.counts.pass, m.counts.fail]),
    [
      ['avdrag.opprett.N01', 'pass', 1, 1, 0],
      ['avdrag.opprett.N02', 'fail', 2, 1, 1],
    ],
  );
  for (const m of finished) {
    assert.match(m.html, /<article class="case"/);
    assert.match(m.timeline, /<svg class="timeline"/);
    assert.not.ok(m.html.includes(FNR), 'an unmasked fødselsnummer reached the page');
    assert.not.ok(m.html.includes('Ola Nordmann'), "an unmasked person's name reached the page");
  }
  const end = messages.at(-1)!;
  assert.ok(end.type === 'run-finished');
  if (end.type === 'run-finished') {
    assert.is(end.main, renderReportMain(report));
    assert.is(end.verdict, report.verdict);
    assert.is(end.exitCode, report.exitCode);
  }
});

test('a page that fails to take a message is dropped, and the run goes on', () => {
  const live = new LiveRun();
  const seen: string[] = [];
  live.subscribe(() => {
    throw new Error('socket gone');
  });
  live.subscribe((m) => seen.push(m.type));
  live.runStarted([resolved('avdrag.opprett.N01')]);
  live.caseStarted(resolved('avdrag.opprett.N01'));
  assert.equal(seen, ['run', 'case-started']);
  assert.is(live.history.length, 2);
});

test('a port in use is a one-line error naming it', async () => {
  const first = await DashboardServer.start(new LiveRun(), 0);
  const port = Number(new URL(first.url).port);
  try {
    await DashboardServer.start(new LiveRun(), port).then(
      () => assert.unreachable('two servers on one port'),
      (error: Error & { code?: string }) => {
        assert.is(error.code, 'DASHBOARD_UNAVAILABLE');
        assert.match(error.message, `127.0.0.1:${port}`);
        assert.match(error.message, 'EADDRINUSE');
      },
    );
  } finally {
    await first.close();
  }
});

test.run();
