// What a page that shows a run's report (report.html, the live dashboard at its end) must agree
// on with report.json.
import type { Page } from 'playwright-core';
import * as assert from 'uvu/assert';
import type { RunReport } from '../../../src/conformance/report/index.js';

/** Asserts the page shows the report's verdict, exit code and case counts. */
export async function assertShowsVerdictAndCounts(page: Page, report: RunReport): Promise<void> {
  assert.is(await page.locator('[data-verdict]').getAttribute('data-verdict'), report.verdict);
  assert.is(await page.locator('[data-exit-code]').innerText(), String(report.exitCode));
  for (const key of ['total', 'pass', 'fail', 'error', 'skip'] as const)
    assert.is(
      await page.locator(`[data-count="cases.${key}"]`).innerText(),
      String(report.summary.cases[key]),
      `cases.${key}`,
    );
}
