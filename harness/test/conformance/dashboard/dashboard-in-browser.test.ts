// The live dashboard in a real browser (Debian's chromium, driven by playwright-core) during one
// short embedded run started as a user would: the page shows the run while it goes and ends on
// the verdict and counts of the run's report.json, logs no error, and requests nothing outside its
// own origin. Screenshots (live and at the end) are written beside the run's reports, whose folder
// is printed.
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Browser } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { BIN } from '../../../../scripts/test-support/child-processes.js';
import { DashboardServer, LiveRun } from '../../../src/conformance/dashboard/index.js';
import type { RunReport } from '../../../src/conformance/report/index.js';
import { chromiumAvailable, launchChromium, pageProblems } from '../support/chromium.js';
import { assertShowsVerdictAndCounts } from '../support/report-on-page.js';

const available = chromiumAvailable('dashboard in chromium');

let browser: Browser | undefined;
let run: ChildProcess | undefined;
let dir = '';

test.before(async () => {
  if (!available) return;
  dir = await mkdtemp(join(tmpdir(), 'dashboard-browser-'));
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  if (run !== undefined && run.exitCode === null) run.kill('SIGKILL');
  if (dir !== '') console.log(`dashboard screenshots (live, at the end): ${dir}`);
});

/** Starts `fiks-conformance run` with the dashboard kept open, and resolves with the URL it prints on stderr. */
function startRun(): Promise<{ url: string; exited: Promise<number | null> }> {
  const child = spawn(
    process.execPath,
    [
      BIN.conformance,
      'run',
      '--case',
      'kommentar.send.N01',
      '--report-dir',
      dir,
      '--dashboard',
      '--dashboard-keep',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  run = child;
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no dashboard URL on stderr in time')), 60_000);
    let stderr = '';
    createInterface({ input: child.stderr! }).on('line', (line) => {
      stderr += `${line}\n`;
      const url = /^Dashboard: (http:\/\/127\.0\.0\.1:\d+\/)$/.exec(line)?.[1];
      if (url !== undefined) {
        clearTimeout(timer);
        resolve({ url, exited });
      }
    });
    child.once('exit', (code) =>
      reject(new Error(`the run ended (${code}) before its dashboard: ${stderr}`)),
    );
  });
}

test('the dashboard shows the run as it goes and ends on the verdict and counts of report.json', async () => {
  if (!available) return;
  const { url, exited } = await startRun();
  const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await context.newPage();
    const problems = pageProblems(page);
    const foreign: string[] = [];
    const origin = new URL(url).origin;
    const ownOrigin = (u: string) =>
      new URL(u).origin === origin || new URL(u).origin === origin.replace('http:', 'ws:');
    page.on('websocket', (ws) => {
      if (!ownOrigin(ws.url())) foreign.push(ws.url());
    });
    await context.route('**/*', async (route) => {
      const requested = route.request().url();
      if (ownOrigin(requested)) await route.continue();
      else {
        foreign.push(requested);
        await route.abort();
      }
    });
    await page.goto(url, { waitUntil: 'load' });
    // During the run: the case list from the run's first message, its state live.
    await page.locator('#case-rows tr[data-case-id="kommentar.send.N01"]').waitFor({ timeout: 60_000 });
    assert.is(await page.locator('body').getAttribute('data-run-state'), 'running');
    await page.screenshot({ path: join(dir, 'dashboard-live.png'), fullPage: true });
    await page.locator('body[data-run-state="finished"]').waitFor({ timeout: 120_000 });

    const report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as RunReport;
    await assertShowsVerdictAndCounts(page, report);
    assert.is(await page.locator('article.case').count(), report.cases.length);
    assert.is(
      await page.locator('[data-coverage-percent]').getAttribute('data-coverage-percent'),
      String(report.coverage.percent),
    );
    // The same content as report.html.
    const html = await readFile(join(dir, 'report.html'), 'utf8');
    assert.is(await page.title(), /<title>(.*)<\/title>/.exec(html)![1]!.replace(/&amp;/g, '&'));
    await page.screenshot({ path: join(dir, 'dashboard.png'), fullPage: true });
    assert.equal(foreign, [], 'a request left the page');
    assert.equal(problems, []);
  } finally {
    await context.close();
  }
  run!.kill('SIGTERM');
  assert.is(await exited, 0, 'the run exits with its own exit code once the kept dashboard closes');
});

test('a page joining a long run says how many step events it was not sent, and shows the latest', async () => {
  if (!available) return;
  const live = new LiveRun({ keptStepEvents: 2 });
  live.runStarted([
    {
      id: 'avdrag.opprett.N01',
      protocol: 'no.ks.fiks.faktura.avdrag',
      title: 'N01',
      situation: 'N',
    } as never,
  ]);
  for (let attempt = 1; attempt <= 5; attempt++)
    live.step({
      caseId: 'avdrag.opprett.N01',
      step: attempt,
      attempt: 1,
      requestType: 'no.ks.fiks.faktura.avdrag.v1.opprett',
      phase: 'answered',
      sentAt: 0,
      at: 100,
      deadlineMs: 10_000,
      replyType: 'no.ks.fiks.faktura.avdrag.v1.opprett.kvittering',
    });
  const server = await DashboardServer.start(live, 0);
  const page = await browser!.newPage();
  try {
    const problems = pageProblems(page);
    await page.goto(server.url, { waitUntil: 'load' });
    const note = page.locator('#dropped-events');
    await note.waitFor({ state: 'visible', timeout: 10_000 });
    assert.match((await note.textContent()) ?? '', /^3 earlier step events were dropped/);
    assert.match((await page.locator('#current').textContent()) ?? '', /step 5:/);
    assert.equal(problems, []);
  } finally {
    await page.close();
    await server.close();
  }
});

test.run();
