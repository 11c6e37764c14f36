// report.html in a real browser (Debian's chromium, driven by playwright-core): it renders, shows
// the verdict and counts of report.json, logs no error, fetches nothing, and prints without
// clipping. The folder with the report and a screenshot of it is kept, and its path printed.
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { buildRunReport, type RunReport, writeReports } from '../../../../src/conformance/report/index.js';
import { chromiumAvailable, launchChromium, pageProblems } from '../../support/chromium.js';
import { assertShowsVerdictAndCounts } from '../../support/report-on-page.js';
import { caseResult, check, erroredResult, failingResult, runMeta } from '../sample-results.js';

const available = chromiumAvailable('report.html in chromium');

let browser: Browser | undefined;
let dir = '';
let fileUrl = '';
let report: RunReport;

test.before(async () => {
  if (!available) return;
  dir = await mkdtemp(join(tmpdir(), 'report-html-browser-'));
  await writeReports(
    dir,
    buildRunReport(runMeta(), [
      caseResult(),
      failingResult(),
      erroredResult(),
      caseResult({
        id: 'avdrag.opprett.N09',
        checks: [check('rules.long', 'warn', { message: `unbroken ${'x'.repeat(400)}` })],
      }),
    ]),
  );
  report = JSON.parse(await readFile(join(dir, 'report.json'), 'utf8')) as RunReport;
  fileUrl = pathToFileURL(join(dir, 'report.html')).href;
  browser = await launchChromium();
});

test.after(async () => {
  await browser?.close();
  if (dir !== '') console.log(`report.html screenshot: ${join(dir, 'report.png')}`);
});

test('renders the verdict and counts of report.json, logs no error, requests nothing but itself', async () => {
  if (!available) return;
  // A fresh context is a fresh, empty profile.
  const context = await browser!.newContext({ viewport: { width: 1200, height: 900 } });
  try {
    const page = await context.newPage();
    const problems = pageProblems(page);
    const requests: string[] = [];
    await context.route('**/*', async (route) => {
      const url = route.request().url();
      requests.push(url);
      if (url === fileUrl) await route.continue();
      else await route.abort();
    });
    await page.goto(fileUrl, { waitUntil: 'load' });
    await page.waitForTimeout(200);

    assert.equal(requests, [fileUrl], 'a request left the page');
    assert.equal(problems, []);
    await assertShowsVerdictAndCounts(page, report);
    assert.is((await page.locator('[data-verdict]').innerText()).toLowerCase(), report.verdict);
    assert.is(
      await page.locator('[data-count="checks.total"]').innerText(),
      String(report.summary.checks.total),
    );
    assert.is(await page.locator('article.case').count(), report.cases.length);
    assert.is(await page.locator('svg.timeline').count(), report.cases.flatMap((c) => c.exchanges).length);
    assert.is(
      await page.locator('svg.histogram').count(),
      report.timing.byRequestType.filter((t) => t.citizenWait !== null).length,
    );
    // The verdict is the first thing on the page.
    const bannerTop = await page.locator('.verdict-banner').evaluate((e) => e.getBoundingClientRect().top);
    assert.ok(bannerTop < 200, `the verdict starts ${bannerTop}px down`);
    await page.screenshot({ path: join(dir, 'report.png'), fullPage: true });
  } finally {
    await context.close();
  }
});

test('prints without clipped content, each protocol on a new page', async () => {
  if (!available) return;
  const context = await browser!.newContext({ viewport: { width: 700, height: 1000 } });
  try {
    await context.route('**/*', (route) =>
      route.request().url() === fileUrl ? route.continue() : route.abort(),
    );
    const page = await context.newPage();
    await page.goto(fileUrl);
    await page.emulateMedia({ media: 'print' });
    // Runs in the page (a string: this project compiles without the DOM's types).
    const overflow = (await page.evaluate(`({
      page: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      clipped: [...document.querySelectorAll('pre, td, dd, p, h3')]
        .filter((e) => e.scrollWidth > e.clientWidth + 1)
        .map((e) => e.textContent.slice(0, 60)),
      breaks: [...document.querySelectorAll('section.protocol')].map((e) => getComputedStyle(e).breakBefore),
    })`)) as { page: number; clipped: string[]; breaks: string[] };
    assert.is(overflow.page, 0, 'the page is wider than the paper');
    assert.equal(overflow.clipped, []);
    assert.ok(
      overflow.breaks.length >= 2 && overflow.breaks.every((b) => b === 'page'),
      String(overflow.breaks),
    );
    const pdf = await page.pdf({ format: 'A4' });
    assert.ok(pdf.subarray(0, 5).toString() === '%PDF-', 'chromium printed no PDF');
  } finally {
    await context.close();
  }
});

test.run();
